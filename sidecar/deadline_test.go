package sidecar

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lazyPair is a lazyConn over loopback and the peer it talks to.
func lazyPair(t *testing.T) (*lazyConn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	peer, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	c, err := ln.Accept()
	require.NoError(t, err)
	stop := time.AfterFunc(5*time.Second, func() { c.Close() }) // a deadline never armed fails the test, not hangs it
	t.Cleanup(func() { stop.Stop(); c.Close(); peer.Close() })
	return &lazyConn{Conn: c}, peer
}

// readFor reads one byte and reports how long it took and its error.
func readFor(c net.Conn) (time.Duration, error) {
	start := time.Now()
	_, err := c.Read(make([]byte, 1))
	return time.Since(start), err
}

// A deadline moved later is kept, not the earlier one armed before it:
// the read waits for the later one, then times out with the error a
// net.Conn gives.
func TestLazyDeadlineMovedLater(t *testing.T) {
	c, _ := lazyPair(t)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(50*time.Millisecond)))
	require.NoError(t, c.SetReadDeadline(time.Now().Add(300*time.Millisecond)))
	took, err := readFor(c)
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	assert.GreaterOrEqual(t, took, 250*time.Millisecond)
	assert.Less(t, took, 2*time.Second)
}

// A deadline moved earlier is armed at once — net/http interrupts its
// background read so, with a deadline long past, from another goroutine.
func TestLazyDeadlineMovedEarlier(t *testing.T) {
	c, _ := lazyPair(t)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(time.Hour)))
	go func() {
		time.Sleep(100 * time.Millisecond)
		c.SetReadDeadline(time.Unix(1, 0))
	}()
	took, err := readFor(c)
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	assert.Less(t, took, 2*time.Second)
}

// A deadline lifted (the zero time) never fires, though one was armed.
func TestLazyDeadlineLifted(t *testing.T) {
	c, peer := lazyPair(t)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(50*time.Millisecond)))
	require.NoError(t, c.SetReadDeadline(time.Time{}))
	go func() {
		time.Sleep(250 * time.Millisecond)
		peer.Write([]byte("x"))
	}()
	took, err := readFor(c)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, took, 200*time.Millisecond)
}

// Writes too: a write blocked on a peer that reads nothing waits for the
// later deadline, writing what it can, and reports what it wrote.
func TestLazyDeadlineWrite(t *testing.T) {
	c, peer := lazyPair(t)
	require.NoError(t, c.SetWriteDeadline(time.Now().Add(50*time.Millisecond)))
	require.NoError(t, c.SetWriteDeadline(time.Now().Add(300*time.Millisecond)))
	start := time.Now()
	n, err := c.Write(make([]byte, 64<<20)) // more than the socket buffers hold
	took := time.Since(start)
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	assert.GreaterOrEqual(t, took, 250*time.Millisecond)
	assert.Positive(t, n)

	// Lifted, the rest goes once the peer reads.
	require.NoError(t, c.SetWriteDeadline(time.Time{}))
	go io.Copy(io.Discard, peer)
	_, err = c.Write(make([]byte, 8<<20))
	assert.NoError(t, err)
}

// armCounter counts the deadlines set on the connection itself.
type armCounter struct {
	net.Conn
	arms int
}

func (c *armCounter) SetReadDeadline(t time.Time) error {
	c.arms++
	return c.Conn.SetReadDeadline(t)
}

// armCounter counts the write deadlines set on the connection itself too.
func (c *armCounter) SetWriteDeadline(t time.Time) error {
	c.arms++
	return c.Conn.SetWriteDeadline(t)
}

// What it is for: the deadlines net/http sets on a kept-alive connection
// call after call — headers, body, lifted as the body ends, its
// background read aborted (a deadline long past, then lifted), idle, and
// the answer's write deadline — arm the timer 4 times a call instead of 7.
func TestLazyDeadlineArms(t *testing.T) {
	c, _ := lazyPair(t)
	counted := &armCounter{Conn: c.Conn}
	c.Conn = counted
	longAgo := time.Unix(1, 0) // net/http's aLongTimeAgo
	now := time.Now()
	const calls = 100
	for i := range calls {
		at := now.Add(time.Duration(i) * time.Millisecond)
		c.SetReadDeadline(at.Add(5 * time.Second))  // headers
		c.SetReadDeadline(at.Add(30 * time.Second)) // the whole request
		c.SetWriteDeadline(at.Add(90 * time.Second))
		c.SetReadDeadline(time.Time{}) // the body read: its background read starts
		c.SetReadDeadline(longAgo)     // the answer written: the background read aborted
		c.SetReadDeadline(time.Time{})
		c.SetReadDeadline(at.Add(2 * time.Minute)) // idle
	}
	assert.Equal(t, 4*calls+1, counted.arms) // the first write deadline, once
}
