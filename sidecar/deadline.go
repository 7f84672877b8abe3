package sidecar

import (
	"errors"
	"net"
	"os"
	"sync"
	"time"
)

// net/http moves a connection's deadlines four times a request (headers,
// body, answer, idle), and each move re-arms a runtime timer under a
// lock: some 4 % of a small call's cost. lazyDeadline moves the timer
// only when a deadline comes earlier than the one armed. A later one is
// noted, and when the armed one fires first, the I/O is re-armed to it
// and resumed: a deadline never fires late, nor early, and a connection
// kept alive re-arms about once per header timeout instead of per call.

// lazyDeadline is one direction's deadline (read or write) of a
// lazyConn.
type lazyDeadline struct {
	mu    sync.Mutex
	want  int64 // the deadline asked for, Unix nanoseconds; 0: none
	armed int64 // the one the connection holds; 0: none
}

// lazyConn is a net.Conn whose deadlines are lazyDeadlines.
type lazyConn struct {
	net.Conn
	rd, wd lazyDeadline
}

// arm sets d's deadline on the connection itself.
func (c *lazyConn) arm(d *lazyDeadline, t time.Time) error {
	if d == &c.rd {
		return c.Conn.SetReadDeadline(t)
	}
	return c.Conn.SetWriteDeadline(t)
}

// set asks for deadline t, arming it when it comes before the one armed
// (or none is).
func (c *lazyConn) set(d *lazyDeadline, t time.Time) error {
	want := int64(0)
	if !t.IsZero() {
		want = max(t.UnixNano(), 1) // the Unix epoch itself is long past all the same
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.want = want
	if d.armed != 0 && (want == 0 || want >= d.armed) || d.armed == 0 && want == 0 {
		return nil // the armed one fires first, and resume re-arms; or none is asked
	}
	err := c.arm(d, t)
	d.armed = want
	return err
}

// resume reports whether an I/O that failed with err may be tried again:
// the deadline that fired is not the one asked for, which it now arms.
func (c *lazyConn) resume(d *lazyDeadline, err error) bool {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.want != 0 && d.want <= time.Now().UnixNano() {
		return false // it is the deadline asked for
	}
	var t time.Time
	if d.want != 0 {
		t = time.Unix(0, d.want)
	}
	if c.arm(d, t) != nil {
		return false
	}
	d.armed = d.want
	return true
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
