package sidecar

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serverTLS is a TLS configuration with httptest's certificate.
func serverTLS(t *testing.T) *tls.Config {
	ts := httptest.NewUnstartedServer(http.NotFoundHandler())
	ts.StartTLS()
	cfg := ts.TLS.Clone()
	ts.Close()
	return cfg
}

// tlsCall sends one GET on c and reads its answer whole.
func tlsCall(c *tls.Conn, br *bufio.Reader, path string) (*http.Response, error) {
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		return nil, err
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return resp, err
}

// NewServer over a TLS listener: deadlines below crypto/tls are armed as
// asked, never lazily — crypto/tls takes a write timeout as final, so a
// kept-alive connection older than the write timeout lost every answer
// (the earlier call's deadline fired, and the write could not resume).
// ServeTLS over NewServer's listener serves the same calls.
func TestTLSKeptAliveConnection(t *testing.T) {
	for _, under := range []bool{true, false} {
		h := handler(t, Options{})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		cfg := serverTLS(t)
		var srv *http.Server
		var lim net.Listener
		if under {
			srv, lim = h.NewServer(tls.NewListener(ln, cfg))
		} else {
			srv, lim = h.NewServer(ln)
			srv.TLSConfig = cfg
		}
		srv.WriteTimeout = 300 * time.Millisecond // NewServer's is the upstream timeout and 30 s
		if under {
			go srv.Serve(lim)
		} else {
			go srv.ServeTLS(lim, "", "")
		}
		t.Cleanup(func() { srv.Close() })
		c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true})
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		br := bufio.NewReader(c)
		for i := range 3 {
			resp, err := tlsCall(c, br, "/healthz")
			require.NoError(t, err, "TLS listener under the server %v, call %d", under, i)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			time.Sleep(500 * time.Millisecond) // past the last call's write deadline
		}
	}
}

// Under ServeTLS the connection bound still knows a busy connection from
// an idle one (net/http gives its hooks the *tls.Conn): at MaxConns a new
// client does not close one in the middle of a forwarded call.
func TestTLSBusyConnectionKept(t *testing.T) {
	var calls atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		time.Sleep(500 * time.Millisecond)
		io.WriteString(w, `{"status":"Success"}`)
	}))
	t.Cleanup(up.Close)
	u, err := url.Parse(up.URL)
	require.NoError(t, err)
	h := handler(t, Options{Upstream: u, MaxConns: 1})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv, lim := h.NewServer(ln)
	srv.TLSConfig = serverTLS(t)
	go srv.ServeTLS(lim, "", "")
	t.Cleanup(func() { srv.Close() })
	dial := func() *tls.Conn {
		c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true})
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		return c
	}
	a := dial()
	io.WriteString(a, "GET /api/domains/details.json?domain-name=a.example HTTP/1.1\r\nHost: x\r\n\r\n")
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 2*time.Second, 10*time.Millisecond)
	dial() // a second client while the first call is in flight
	a.SetReadDeadline(time.Now().Add(3 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(a), nil)
	require.NoError(t, err, "the busy connection was closed mid-call")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
