package sidecar

import (
	"errors"
	"net"
	"os"
	"sync"
	"time"
)

// net/http moves a connection's deadlines several times a request
// (headers, body, answer, idle, and the abort of its background read),
// and each move re-arms a runtime timer under a lock: some 4 % of a small
// call's cost. lazyDeadline moves the timer only when a deadline comes
// earlier than the one armed. A later one is noted, and when the armed
// one fires first, the I/O is re-armed to it and resumed: a deadline
// never fires late, nor early. Deadlines are kept as time.Time, so a
// re-armed one keeps its monotonic reading (a wall clock stepped back
// does not delay it).
//
// Only a TCP connection is lazy: crypto/tls, for one, takes a write
// timeout as final and cannot resume, so any other connection arms every
// deadline as asked.

// lazyDeadline is one direction's deadline (read or write) of a
// lazyConn.
type lazyDeadline struct {
	mu    sync.Mutex
	want  time.Time // asked for; zero: none
	armed time.Time // held by the connection; zero: none
	// pending: want is not armed (armed comes first); an I/O timed out
	// by armed is then resumed. Never set when want is armed, so a
	// deadline asked for — a past one that interrupts a blocked read —
	// always ends the I/O.
	pending bool
	// past: armed was already past when armed (an interrupt), so a later
	// deadline is armed at once rather than left to a failing I/O.
	past bool
}

// lazyConn is a net.Conn whose deadlines are lazyDeadlines.
type lazyConn struct {
	net.Conn
	rd, wd lazyDeadline
	eager  bool // not TCP: every deadline armed as asked
}

// arm sets d's deadline t on the connection itself.
func (c *lazyConn) arm(d *lazyDeadline, t time.Time) error {
	var err error
	if d == &c.rd {
		err = c.Conn.SetReadDeadline(t)
	} else {
		err = c.Conn.SetWriteDeadline(t)
	}
	d.armed, d.pending = t, false
	d.past = !t.IsZero() && time.Until(t) <= 0 // a monotonic read alone, for net/http's deadlines
	return err
}

// set asks for deadline t, arming it unless the one armed comes first.
func (c *lazyConn) set(d *lazyDeadline, t time.Time) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.want = t
	switch {
	case c.eager || d.past:
	case d.armed.IsZero() && t.IsZero():
		d.pending = false
		return nil
	case !d.armed.IsZero() && (t.IsZero() || !t.Before(d.armed)):
		d.pending = !t.Equal(d.armed) // the armed one fires first; resume re-arms
		return nil
	}
	return c.arm(d, t)
}

// resume reports whether an I/O that failed with err may be tried again:
// the deadline that ended it is not the one asked for, which it now arms.
func (c *lazyConn) resume(d *lazyDeadline, err error) bool {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.pending {
		return false // the deadline asked for
	}
	return c.arm(d, d.want) == nil
}

func (c *lazyConn) Read(b []byte) (int, error) {
	for {
		n, err := c.Conn.Read(b)
		if n > 0 || err == nil || !c.resume(&c.rd, err) {
			return n, err
		}
	}
}

func (c *lazyConn) Write(b []byte) (int, error) {
	written := 0
	for {
		n, err := c.Conn.Write(b[written:])
		written += n
		if err == nil || !c.resume(&c.wd, err) {
			return written, err
		}
	}
}

func (c *lazyConn) SetReadDeadline(t time.Time) error  { return c.set(&c.rd, t) }
func (c *lazyConn) SetWriteDeadline(t time.Time) error { return c.set(&c.wd, t) }

func (c *lazyConn) SetDeadline(t time.Time) error {
	return errors.Join(c.SetReadDeadline(t), c.SetWriteDeadline(t))
}
