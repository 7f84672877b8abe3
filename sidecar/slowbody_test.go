package sidecar

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trickle opens a connection to base and starts a POST of a body of n
// bytes, sending only its first byte.
func trickle(t *testing.T, base, path string, n int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\nn", path, n)
	return c
}

// Clients trickling their bodies hold no slot: as many of them as there
// are slots, and more, leave every other caller served at once. (The slot
// was taken before the body was read: every other caller got 503.)
func TestSlowBodiesHoldNoSlot(t *testing.T) {
	base := serve(t, handler(t, Options{MaxInFlight: 4}))
	for range 12 {
		trickle(t, base, "/api/contacts/add.json", 1000)
		trickle(t, base, "/api/domains/register.json", 1000)
	}
	time.Sleep(100 * time.Millisecond) // let the server read their headers
	for range 8 {
		resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
		assert.Equal(t, 200, resp.StatusCode, "%s", body)
	}
}

// A body has its own deadline: one that does not arrive in time is
// answered 408, and its connection closed — on NewServer's server (its
// ReadTimeout) and on one of the caller's without timeouts (a deadline
// set per call).
func TestBodyTimeout(t *testing.T) {
	h := handler(t, Options{BodyTimeout: 300 * time.Millisecond})
	for name, base := range map[string]string{"NewServer": serve(t, h), "own server": serve(t, http.HandlerFunc(h.ServeHTTP))} {
		c := trickle(t, base, "/api/contacts/add.json", 1000)
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		require.NoError(t, err, name)
		assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, name)
		assert.True(t, resp.Close, "%s: the connection is closed", name)
	}
}

// The bodies held in memory at once are bounded (MaxInFlight × MaxBody):
// past it a call is answered 503 at once, and served again once the
// memory is given back.
func TestBodyMemoryBounded(t *testing.T) {
	base := serve(t, handler(t, Options{MaxInFlight: 1}))
	// 600 KiB of a 700 KiB body, held while the rest does not come.
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	fmt.Fprintf(c, "POST /api/contacts/add.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", 700<<10)
	_, err = io.Copy(c, strings.NewReader("name="+strings.Repeat("a", 600<<10)))
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond)

	big := valid + "&address-line-3=" + strings.Repeat("b", 500<<10)
	resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(big), form)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "%s", body)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	resp, _ = send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, 200, resp.StatusCode, "a small body still fits")

	c.Close()
	require.Eventually(t, func() bool {
		resp, _ := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(big), form)
		return resp.StatusCode != http.StatusServiceUnavailable
	}, 5*time.Second, 50*time.Millisecond, "the memory is given back")
}

// slowUpstream is an upstream that reads a call, takes delay, and answers
// a contact added; calls counts the calls it got.
func slowUpstream(t *testing.T, delay time.Duration) (string, *atomic.Int32) {
	calls := new(atomic.Int32)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.Copy(io.Discard, r.Body)
		time.Sleep(delay)
		io.WriteString(w, `{"status":"Success","entityid":"1"}`)
	}))
	t.Cleanup(up.Close)
	return up.URL, calls
}

// The body's deadline ends with the body: a forwarded call whose upstream
// takes longer than BodyTimeout (within UpstreamTimeout) gets its answer.
// While the deadline stood, net/http's watch for the client leaving read
// its expiry as the client gone and canceled the forwarded call mid-way:
// a contact perhaps created upstream, answered 502, and retried.
func TestBodyDeadlineEndsWithTheBody(t *testing.T) {
	up, calls := slowUpstream(t, 700*time.Millisecond)
	base := forwarding(t, up, Options{BodyTimeout: 200 * time.Millisecond, UpstreamTimeout: 5 * time.Second})
	for _, body := range []string{valid, valid + "&address-line-3=" + strings.Repeat("b", MaxBody)} { // read whole; streamed past MaxBody
		resp, got := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(body), form)
		assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", got)
		assert.JSONEq(t, `{"status":"Success","entityid":"1"}`, string(got))
	}
	assert.Equal(t, int32(2), calls.Load())
}

// A client that half-closes its side after sending (HTTP/1.0-style
// clients, nc -N) still reads the answer: the forwarded call is seen
// through and its answer given. net/http ended the call's context at the
// EOF, and the client got a whole-looking empty 200 though the upstream
// had the call.
func TestHalfClosedClientGetsItsAnswer(t *testing.T) {
	up, calls := slowUpstream(t, 200*time.Millisecond)
	base := forwarding(t, up, Options{})
	for _, delay := range []time.Duration{0, 100 * time.Millisecond} { // at once; once the upstream has it
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		require.NoError(t, err)
		body := "domain-name=a.example&years=1"
		fmt.Fprintf(c, "POST /api/domains/register.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		time.Sleep(delay)
		require.NoError(t, c.(*net.TCPConn).CloseWrite())
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		require.NoError(t, err)
		got, _ := io.ReadAll(resp.Body)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.JSONEq(t, `{"status":"Success","entityid":"1"}`, string(got), "the upstream's answer, after %v", delay)
		c.Close()
	}
	assert.Equal(t, int32(2), calls.Load())
}

// A body past MaxBody streams on to the upstream. One that stalls is the
// client's failure: 408, as for a body read whole, never 504 "the upstream
// did not answer" nor an empty 200; one whose client goes away is counted
// canceled. Neither is an upstream error.
func TestStreamedBodyFailureIsTheClients(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err == nil {
			io.WriteString(w, `{"status":"Success"}`)
		}
	}))
	t.Cleanup(up.Close)
	base := forwarding(t, up.URL, Options{BodyTimeout: 300 * time.Millisecond})
	start := func() net.Conn {
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		fmt.Fprintf(c, "POST /api/domains/register.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n", 2*MaxBody)
		io.WriteString(c, strings.Repeat("a", MaxBody+100)) // streamed; the rest never comes
		return c
	}
	c := start()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	got, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, "%s", got)
	assert.True(t, resp.Close)

	c = start()
	time.Sleep(100 * time.Millisecond)
	c.Close()
	require.Eventually(t, func() bool {
		return value(scrape(t, base), "contactlint_requests_total", "command", "other", "outcome", "canceled") == 1
	}, 3*time.Second, 20*time.Millisecond)
	mf := scrape(t, base)
	assert.Equal(t, 1.0, value(mf, "contactlint_requests_total", "command", "other", "outcome", "invalid"))
	assert.Zero(t, sum(mf, "contactlint_upstream_errors_total"))
}

// Memory follows the bytes that arrive, which the body budget counts, not
// the length a client announces: connections announcing 1 MiB and sending
// a byte hold almost nothing (each held 1 MiB, outside the budget).
func TestAnnouncedLengthNotHeld(t *testing.T) {
	if raceEnabled {
		t.Skip("heap figures without the race detector")
	}
	base := serve(t, handler(t, Options{}))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const conns = 32
	for range conns {
		trickle(t, base, "/api/contacts/add.json", MaxBody)
	}
	time.Sleep(200 * time.Millisecond) // let the server read their first byte
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	assert.Less(t, grew, int64(conns*64<<10), "heap grew %d KiB for %d connections", grew>>10, conns)
}
