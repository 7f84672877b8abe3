package sidecar

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// overflowReserve is how many connections past MaxConns are let in, when
// none can be closed to make room, for /healthz and /metrics only.
const overflowReserve = 16

// limitListener bounds a server's open connections. At the bound, the
// connection that has waited longest between requests (idle keep-alive,
// or not yet sent one) is closed to make room, as nginx reuses its
// keep-alive connections; failing that, a few more are let in for
// /healthz and /metrics (any other call on them is answered 503), and
// beyond those a new connection is closed at once. Accept errors
// (out of file descriptors, …) are retried with a back-off and logged
// at most once a second.
type limitListener struct {
	net.Listener
	max  int
	log  *slog.Logger
	m    *metrics
	mu   sync.Mutex
	open int // within max
	over int // within overflowReserve
	// conns are the open connections within max; each says itself since
	// when it has waited between requests (0: busy). Kept per connection,
	// not under the lock: a request's state changes touch no shared map.
	conns map[*limitConn]struct{}
	said  map[string]*limiter
	epoch time.Time // of waited
}

type limitConn struct {
	lazyConn
	l        *limitListener
	overflow bool
	once     sync.Once
	// waiting is when the connection began to wait between requests
	// (limitListener.waited); 0 while a request is served.
	waiting atomic.Int64
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.closed(c) })
	return err
}

func newLimitListener(ln net.Listener, max int, log *slog.Logger, m *metrics) *limitListener {
	return &limitListener{Listener: ln, max: max, log: log, m: m, conns: map[*limitConn]struct{}{},
		said: map[string]*limiter{"accept": {}, "refused": {}}, epoch: time.Now()}
}

// waited is a time for limitConn.waiting: nanoseconds since the listener
// was made, and never 0. The monotonic clock alone, read once per
// request where time.Now reads two clocks.
func (l *limitListener) waited() int64 { return int64(time.Since(l.epoch)) + 1 }

func (l *limitListener) Accept() (net.Conn, error) {
	var delay time.Duration
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			if te, ok := err.(interface{ Temporary() bool }); ok && te.Temporary() { // as net/http: EMFILE, ECONNABORTED, …
				l.say("accept", "accepting a connection failed; retrying", err)
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return nil, err
		}
		delay = 0
		if lc := l.admit(c); lc != nil {
			return lc, nil
		}
	}
}

// admit counts a new connection in, making room if need be, or closes it
// and returns nil.
func (l *limitListener) admit(c net.Conn) *limitConn {
	_, tcp := c.(*net.TCPConn) // only TCP I/O resumes after a timeout
	lc := &limitConn{lazyConn: lazyConn{Conn: c, eager: !tcp}, l: l}
	lc.waiting.Store(l.waited()) // it has sent no request yet
	l.mu.Lock()
	if l.open < l.max {
		l.open++
		l.conns[lc] = struct{}{}
		l.changed()
		l.mu.Unlock()
		return lc
	}
	victim := l.longestWaiting()
	l.mu.Unlock()
	if victim != nil {
		victim.Close() // counts it out
		l.m.connsClosed.WithLabelValues("idle").Inc()
		l.mu.Lock()
		l.open++
		l.conns[lc] = struct{}{}
		l.changed()
		l.mu.Unlock()
		return lc
	}
	l.mu.Lock()
	if l.over < overflowReserve {
		l.over++
		lc.overflow = true
		l.changed()
		l.mu.Unlock()
		return lc
	}
	l.mu.Unlock()
	c.Close()
	l.m.connsClosed.WithLabelValues("refused").Inc()
	l.say("refused", "a connection was refused: the sidecar is at -max-conns with every connection busy", nil)
	return nil
}

// longestWaiting is the connection that has waited longest between
// requests, or nil when every one is busy. It runs only at the bound, so
// a scan of the open connections costs nothing per request.
func (l *limitListener) longestWaiting() *limitConn {
	var victim *limitConn
	var since int64
	for c := range l.conns {
		if t := c.waiting.Load(); t != 0 && (victim == nil || t < since) {
			victim, since = c, t
		}
	}
	// Taken only if it still waits since then (not chosen twice, nor one
	// whose request began meanwhile).
	if victim != nil && !victim.waiting.CompareAndSwap(since, 0) {
		return nil
	}
	return victim
}

func (l *limitListener) closed(c *limitConn) {
	l.mu.Lock()
	delete(l.conns, c)
	if c.overflow {
		l.over--
	} else {
		l.open--
	}
	l.changed()
	l.mu.Unlock()
}

func (l *limitListener) changed() { l.m.conns.Set(float64(l.open + l.over)) }

// connState, the server's ConnState hook, notes on the connection itself
// whether it waits between requests, and since when.
func (l *limitListener) connState(c net.Conn, s http.ConnState) {
	lc, ok := asLimitConn(c)
	if !ok || lc.overflow { // closed after one answer, never to make room
		return
	}
	switch s {
	case http.StateNew, http.StateIdle:
		lc.waiting.Store(l.waited())
	default:
		lc.waiting.Store(0)
	}
}

// asLimitConn is c's limitConn, under the *tls.Conn that Server.ServeTLS
// wraps it in: the hooks are given the connection the server serves.
func asLimitConn(c net.Conn) (*limitConn, bool) {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	lc, ok := c.(*limitConn)
	return lc, ok
}

type overflowKey struct{}

// connContext, the server's ConnContext hook, marks the connections let
// in past the bound.
func (l *limitListener) connContext(ctx context.Context, c net.Conn) context.Context {
	if lc, ok := asLimitConn(c); ok && lc.overflow {
		return context.WithValue(ctx, overflowKey{}, true)
	}
	return ctx
}

func overflowConn(ctx context.Context) bool {
	v, _ := ctx.Value(overflowKey{}).(bool)
	return v
}

// say logs msg at most once a second, with how many times it was not.
func (l *limitListener) say(key, msg string, err error) {
	ok, missed := l.said[key].allow()
	if !ok {
		return
	}
	attrs := []slog.Attr{slog.Int("more_since_last_said", missed)}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.log.LogAttrs(context.Background(), slog.LevelWarn, msg, attrs...)
}

// limiter lets a message be logged at most once a second.
type limiter struct {
	mu     sync.Mutex
	last   time.Time
	missed int
}

// allow reports whether to log now, and how many times it did not since.
func (r *limiter) allow() (bool, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if now.Sub(r.last) < time.Second {
		r.missed++
		return false, 0
	}
	missed := r.missed
	r.last, r.missed = now, 0
	return true, missed
}
