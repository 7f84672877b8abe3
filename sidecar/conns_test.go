package sidecar

import (
	"bufio"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scrape reads base's /metrics with the Prometheus text parser.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := rawClient.Get(base + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	p := expfmt.NewTextParser(model.UTF8Validation)
	mf, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)
	return mf
}

// value is the value of the metric of family name whose labels are
// labels (name=value pairs), or -1 when there is none.
func value(mf map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	f := mf[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.Metric {
		for i := 0; i < len(labels); i += 2 {
			found := false
			for _, l := range m.Label {
				if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

// sum adds up the counters of family name.
func sum(mf map[string]*dto.MetricFamily, name string) float64 {
	var n float64
	if f := mf[name]; f != nil {
		for _, m := range f.Metric {
			n += m.GetCounter().GetValue()
		}
	}
	return n
}

// keepAlive opens a connection, asks it for /healthz and leaves it open
// and idle.
func keepAlive(t *testing.T, base string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	io.Copy(io.Discard, resp.Body)
	return c, br
}

// Idle keep-alive connections beyond the bound are closed to make room:
// thousands of them cost no more than the bound, and every caller is
// still served. (Each one used to hold memory and a file descriptor
// until the process ran out of both.)
func TestConnectionBound(t *testing.T) {
	base := serve(t, handler(t, Options{MaxConns: 8}))
	type conn struct {
		c  net.Conn
		br *bufio.Reader
	}
	var idle []conn
	for range 40 {
		c, br := keepAlive(t, base)
		idle = append(idle, conn{c, br})
	}
	resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, 200, resp.StatusCode, "%s", body)
	mf := scrape(t, base)
	assert.LessOrEqual(t, value(mf, "contactlint_open_connections"), 8.0)
	assert.GreaterOrEqual(t, value(mf, "contactlint_connections_closed_total", "reason", "idle"), 32.0)
	closed := 0
	for _, c := range idle {
		c.c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := c.br.ReadByte(); errors.Is(err, io.EOF) {
			closed++
		}
	}
	assert.GreaterOrEqual(t, closed, 32, "all but the bound's worth were closed")
}

// When every connection is busy, a few more are let in for /healthz and
// /metrics (anything else on them is 503), and past those a new
// connection is closed at once.
func TestConnectionBoundBusy(t *testing.T) {
	base := serve(t, handler(t, Options{MaxConns: 4}))
	for range 4 {
		trickle(t, base, "/api/contacts/add.json", 1000) // busy: not idle
	}
	time.Sleep(100 * time.Millisecond)
	resp, _ := send(t, "GET", base+"/healthz", nil, nil)
	assert.Equal(t, 200, resp.StatusCode, "/healthz answers at the bound")
	resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "%s", body)
	assert.True(t, resp.Close)

	// Hold the reserve open, unused.
	for range overflowReserve {
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
	}
	time.Sleep(100 * time.Millisecond)
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = c.Read(make([]byte, 1))
	assert.Error(t, err, "closed at once")
}

// flakyListener fails Accept with a temporary error for a while.
type flakyListener struct {
	net.Listener
	until time.Time
	fails atomic.Int32
}

func (l *flakyListener) Accept() (net.Conn, error) {
	if time.Now().Before(l.until) {
		l.fails.Add(1)
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: syscall.EMFILE}
	}
	return l.Listener.Accept()
}

// Accept errors (out of file descriptors) are retried and logged at most
// once a second, never flooding the log, and the server carries on.
func TestAcceptErrorsRateLimited(t *testing.T) {
	var log syncBuffer
	h := handler(t, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	fl := &flakyListener{Listener: ln, until: time.Now().Add(1500 * time.Millisecond)}
	srv, lim := h.NewServer(fl)
	go srv.Serve(lim)
	defer srv.Close()
	resp, err := rawClient.Get("http://" + ln.Addr().String() + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Greater(t, fl.fails.Load(), int32(5))
	lines := strings.Count(log.String(), "accepting a connection failed")
	assert.GreaterOrEqual(t, lines, 1)
	assert.LessOrEqual(t, lines, 2, "%s", log.String())
	assert.Contains(t, log.String(), "too many open files")
}
