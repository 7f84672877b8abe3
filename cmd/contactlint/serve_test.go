package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// contactlint serve listens, answers on the API's paths, and stops when
// its context ends (as on SIGTERM), letting a request in flight finish.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, []string{"--addr", "127.0.0.1:0"}, &stderr) }()
	var base string
	addr := regexp.MustCompile(`serving on (http://\S+)`)
	require.Eventually(t, func() bool {
		m := addr.FindStringSubmatch(stderr.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 20*time.Second, 10*time.Millisecond)

	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	resp, err = http.Post(base+"/api/contacts/details.json", "application/x-www-form-urlencoded", strings.NewReader("contact-id=x&api-key=s3cr3t"))
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, `{"status":"ERROR","message":"{contact-id\u003dcontact-id is invalid}"}`, string(b))

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, exitOK, code)
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Contains(t, stderr.String(), "contactlint: stopped")
	assert.Contains(t, stderr.String(), "path=/api/contacts/details.json")
	assert.NotContains(t, stderr.String(), "s3cr3t")
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--upstream", "ftp://example.com"},
		{"--upstream", "not a url"},
		{"--addr", "256.0.0.1:99999"},
		{"--rules", "testdata/does-not-exist"},
		{"--bogus"},
	} {
		var stderr syncBuffer
		assert.Equal(t, exitTrouble, runServe(context.Background(), args, &stderr), "%v", args)
		assert.NotEmpty(t, stderr.String(), "%v", args)
	}
}

// On SIGTERM the sidecar stops accepting at once and lets a slow forwarded
// request finish: cut, it would still be carried out upstream, and a retry
// could create a duplicate contact.
func TestServeDrainsForwardedRequests(t *testing.T) {
	reached := make(chan struct{})
	up := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(reached)
		time.Sleep(1500 * time.Millisecond)
		io.WriteString(w, "87654321")
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go up.Serve(ln)
	defer up.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runServe(ctx, []string{"-addr", "127.0.0.1:0", "-upstream", "http://" + ln.Addr().String(), "-drain", "10s", "-quiet"}, &stderr)
	}()
	var base string
	addr := regexp.MustCompile(`serving on (http://\S+)`)
	require.Eventually(t, func() bool {
		m := addr.FindStringSubmatch(stderr.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 20*time.Second, 10*time.Millisecond)

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/api/domains/register.json?x=1")
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		answer <- string(b)
	}()
	<-reached
	cancel() // as SIGTERM does
	require.Eventually(t, func() bool {
		_, err := http.Get(base + "/healthz")
		return err != nil
	}, 5*time.Second, 20*time.Millisecond, "new connections are refused at once")
	assert.Equal(t, "87654321", <-answer, "the request in flight got the upstream's answer")
	assert.Equal(t, exitOK, <-done)

	assert.Equal(t, 70*time.Second, drainFor(60*time.Second), "by default the drain outlasts the upstream timeout")
}
