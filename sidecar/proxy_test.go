package sidecar

import (
	"bufio"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawUpstream is an upstream on loopback that answers each connection
// with answer, byte for byte, after reading the request's head.
func rawUpstream(t *testing.T, answer func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					l, err := br.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				answer(c)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// get sends a GET with Go's client and reads the whole answer: the error
// is the client's, as curl's exit status would be.
func get(t *testing.T, u string) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := rawClient.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// An answer cut mid-stream, or stopped by the upstream timeout, is never
// delivered as complete: the client's connection is aborted.
func TestCutAnswerAborts(t *testing.T) {
	chunked := rawUpstream(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n")
	})
	_, body, err := get(t, forwarding(t, chunked, Options{})+"/api/domains/details.json")
	assert.Error(t, err, "a cut chunked answer is an error to the client, got %q", body)

	// A checked call's answer is read before it is passed on (to compare
	// it): cut, the connection is aborted too — never a short 200, nor a
	// 502 saying the upstream did not answer (it did: the contact may
	// exist, and a retry would make a second).
	req, err := http.NewRequest("POST", forwarding(t, chunked, Options{})+"/api/contacts/add.json", strings.NewReader(valid))
	require.NoError(t, err)
	req.Header = form.Clone()
	resp, err := rawClient.Do(req)
	if err == nil {
		b, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Errorf("a cut answer to a checked call reached the client as %d %q (read error %v)", resp.StatusCode, b, rerr)
	}

	sized := rawUpstream(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":")
	})
	_, _, err = get(t, forwarding(t, sized, Options{})+"/api/domains/details.json")
	assert.Error(t, err)

	stalled := rawUpstream(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n")
		time.Sleep(3 * time.Second)
	})
	start := time.Now()
	_, body, err = get(t, forwarding(t, stalled, Options{UpstreamTimeout: 300 * time.Millisecond})+"/api/domains/details.json")
	assert.Error(t, err, "an answer stopped by the upstream timeout is an error, got %q", body)
	assert.Less(t, time.Since(start), 2*time.Second)
}

// A 101 from the upstream passes whole, its Upgrade header included, and
// the connection becomes the upstream's.
func TestUpgradePassesWhole(t *testing.T) {
	up := rawUpstream(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
		io.Copy(c, c)
	})
	base := forwarding(t, up, Options{})
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, "GET /api/anything HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusSwitchingProtocols, resp.StatusCode)
	assert.Equal(t, "echo", resp.Header.Get("Upgrade"))
	io.WriteString(c, "ping\n")
	line, err := br.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "ping\n", line)
}

// Trailers pass, and a streamed answer reaches the client as it comes.
func TestTrailersAndStreaming(t *testing.T) {
	release := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		io.WriteString(w, "first\n")
		w.(http.Flusher).Flush()
		<-release
		io.WriteString(w, "second\n")
		w.Header().Set("X-Checksum", "abc")
	}))
	defer up.Close()
	base := forwarding(t, up.URL, Options{})
	type first struct {
		resp *http.Response
		br   *bufio.Reader
		line string
	}
	got := make(chan first, 1)
	go func() {
		resp, err := rawClient.Get(base + "/api/stream")
		if err != nil {
			got <- first{}
			return
		}
		br := bufio.NewReader(resp.Body)
		l, _ := br.ReadString('\n')
		got <- first{resp, br, l}
	}()
	var f first
	select {
	case f = <-got:
		assert.Equal(t, "first\n", f.line, "the first part came before the upstream finished")
	case <-time.After(3 * time.Second):
		t.Error("the streamed answer was held back")
		close(release)
		return
	}
	close(release)
	require.NotNil(t, f.resp)
	defer f.resp.Body.Close()
	rest, err := io.ReadAll(f.br)
	require.NoError(t, err)
	assert.Equal(t, "second\n", string(rest))
	assert.Equal(t, "abc", f.resp.Trailer.Get("X-Checksum"))
}

// Every upstream failure is logged once, with its reason and the call's
// id, never with a parameter value.
func TestUpstreamFailuresLogged(t *testing.T) {
	tlsUp := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsUp.Config.ErrorLog = log.New(io.Discard, "", 0) // its handshake failure is the test
	tlsUp.StartTLS()
	defer tlsUp.Close()
	badStatus := rawUpstream(t, func(c net.Conn) { io.WriteString(c, "HTTP/1.1 abc\r\n\r\n") })
	cut := rawUpstream(t, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n")
	})
	gone, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	gone.Close()
	for _, c := range []struct{ name, upstream, reason string }{
		{"tls", tlsUp.URL, "tls: "},
		{"bad status line", badStatus, "protocol: "},
		{"cut", cut, "was cut"},
		{"refused", "http://" + gone.Addr().String(), "refused: "},
	} {
		var log syncBuffer
		base := forwarding(t, c.upstream, Options{Logger: slog.New(slog.NewJSONHandler(&log, nil))})
		resp, _, _ := get(t, base+"/api/customers/details.json?username=jane%40example.com&api-key=s3cr3t-k3y")
		lines := strings.Split(strings.TrimSpace(log.String()), "\n")
		require.Len(t, lines, 1, "%s: one line: %s", c.name, log.String())
		assert.Contains(t, lines[0], `"level":"WARN"`, c.name)
		assert.Contains(t, lines[0], `"outcome":"upstream_error"`, c.name)
		assert.Contains(t, lines[0], c.reason, c.name)
		assert.Contains(t, lines[0], `"id":"`+resp.Header.Get(HeaderRequestID)+`"`, c.name)
		assert.NotContains(t, lines[0], "s3cr3t", c.name)
		assert.NotContains(t, lines[0], "jane", c.name)
	}
}

// A request with both Content-Length and Transfer-Encoding is answered
// and its connection closed (RFC 9112 §6.3: a smuggling attempt).
func TestContentLengthWithTransferEncodingCloses(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	for _, base := range []string{serve(t, handler(t, Options{})), forwarding(t, up.srv.URL, Options{})} {
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		require.NoError(t, err)
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, "POST /api/domains/details.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		_, err = br.ReadByte()
		assert.ErrorIs(t, err, io.EOF, "the connection is closed after the answer")
		c.Close()
	}
}

// X-Forwarded-For names the client; what a client sent itself is trusted
// only with TrustForwarded.
func TestForwardedHeaders(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {})
	h := http.Header{"X-Forwarded-For": {"203.0.113.9"}, "X-Forwarded-Host": {"evil.example"}, "Forwarded": {"for=203.0.113.9"}}

	send(t, "GET", forwarding(t, up.srv.URL, Options{})+"/api/domains/details.json", nil, h)
	r, _, _ := up.last()
	assert.Equal(t, "127.0.0.1", r.Header.Get("X-Forwarded-For"), "the client's own is not passed on")
	assert.NotEqual(t, "evil.example", r.Header.Get("X-Forwarded-Host"))
	assert.Equal(t, "http", r.Header.Get("X-Forwarded-Proto"))
	assert.Empty(t, r.Header.Get("Forwarded"))

	send(t, "GET", forwarding(t, up.srv.URL, Options{TrustForwarded: true})+"/api/domains/details.json", nil, h)
	r, _, _ = up.last()
	assert.Equal(t, "203.0.113.9, 127.0.0.1", r.Header.Get("X-Forwarded-For"), "appended")
	assert.Equal(t, "evil.example", r.Header.Get("X-Forwarded-Host"))
	assert.Equal(t, "for=203.0.113.9", r.Header.Get("Forwarded"))
}

// syncBuffer is a buffer safe to write from the server and read here.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A 1xx before the upstream's answer (103 Early Hints) does not take the
// sidecar's own headers with it: the final answer still carries the
// request id and the warning, once each; and the client's Expect is not
// sent on (reading the body answered it).
func TestOwnHeadersSurviveAn1xx(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</a.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.Write([]byte("ok"))
	})
	header := http.Header{"Content-Type": {"multipart/form-data; boundary=x"}, "Expect": {"100-continue"}}
	resp, body := send(t, "POST", forwarding(t, up.srv.URL, Options{})+"/api/contacts/add.json", strings.NewReader("--x--"), header)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "ok", string(body))
	assert.Len(t, resp.Header.Values(HeaderRequestID), 1, "%v", resp.Header)
	assert.Len(t, resp.Header.Values(HeaderWarning), 1, "the body was not checked, and the answer says so: %v", resp.Header)
	req, _, _ := up.last()
	assert.Empty(t, req.Header.Get("Expect"))
}
