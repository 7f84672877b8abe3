package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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

func noEnv(string) string { return "" }

// envOf is an environment holding only vars.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// startServe runs serve until ctx ends, its exit code to done, and returns
// its base URL once it listens.
func startServe(t *testing.T, ctx context.Context, args []string, getenv func(string) string, stderr *syncBuffer, done chan<- int) string {
	t.Helper()
	go func() { done <- runServe(ctx, args, getenv, io.Discard, stderr) }()
	var base string
	addr := regexp.MustCompile(`serving on (http://\S+)`)
	require.Eventually(t, func() bool {
		m := addr.FindStringSubmatch(stderr.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 20*time.Second, 10*time.Millisecond, "serve did not start: %s", stderr)
	return base
}

// contactlint serve listens, answers on the API's paths, and stops when
// its context ends (as on SIGTERM), letting a request in flight finish.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	base := startServe(t, ctx, []string{"--addr", "127.0.0.1:0"}, noEnv, &stderr, done)

	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	resp, err = http.Get(base + "/api/contacts/details.json?contact-id=x&auth-password=s3cr3t")
	require.NoError(t, err)
	resp.Body.Close()
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
		assert.Equal(t, exitTrouble, runServe(context.Background(), args, noEnv, io.Discard, &stderr), "%v", args)
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
	base := startServe(t, ctx, []string{"-addr", "127.0.0.1:0", "-upstream", "http://" + ln.Addr().String(), "-drain", "10s", "-quiet"}, noEnv, &stderr, done)

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

	assert.Equal(t, 120*time.Second, drainFor(30*time.Second, 60*time.Second), "by default the drain outlasts a body's arrival, the upstream timeout and the answer's writing")
}

// serve takes every flag from the environment too, the command line
// winning; healthz finds it through the same variable.
func TestServeEnvironment(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "forwarded")
	}))
	defer up.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	free := ln.Addr().String()
	ln.Close()

	env := envOf(map[string]string{
		"CONTACTLINT_ADDR":          free,
		"CONTACTLINT_UPSTREAM":      up.URL,
		"CONTACTLINT_QUIET":         "true",
		"CONTACTLINT_MAX_IN_FLIGHT": "3",
		"CONTACTLINT_RULES":         "testdata/does-not-exist", // overridden below
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	extra := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(extra, "city.yaml"), []byte("version: 1\nfields:\n  city: {label: City, max-length: 5}\n"), 0o644))
	base := startServe(t, ctx, []string{"-rules", extra}, env, &stderr, done)
	assert.Equal(t, "http://"+free, base, "CONTACTLINT_ADDR is the address")
	resp, err := http.Get(base + "/api/domains/register.json")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "forwarded", string(b), "CONTACTLINT_UPSTREAM is the upstream")

	var out, errOut strings.Builder
	assert.Equal(t, exitOK, runHealthz(nil, env, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "OK")
	cancel()
	assert.Equal(t, exitOK, <-done)
	assert.NotContains(t, stderr.String(), "path=", "CONTACTLINT_QUIET=true logs nothing")

	for name, env := range map[string]map[string]string{
		"bad number": {"CONTACTLINT_MAX_IN_FLIGHT": "many"},
		"bad bool":   {"CONTACTLINT_QUIET": "perhaps"},
		"bad rules":  {"CONTACTLINT_RULES": "testdata/does-not-exist"},
	} {
		var stderr syncBuffer
		assert.Equal(t, exitTrouble, runServe(context.Background(), []string{"-addr", "127.0.0.1:0"}, envOf(env), io.Discard, &stderr), name)
		for k := range env {
			if k != "CONTACTLINT_RULES" {
				assert.Contains(t, stderr.String(), k, "%s: the error names the variable", name)
			}
		}
	}
}

// healthz fails when nothing answers, and reaches a sidecar listening on
// every interface through loopback.
func TestHealthz(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	var out, errOut strings.Builder
	assert.Equal(t, exitFailed, runHealthz([]string{"-addr", "127.0.0.1:" + port, "-timeout", "2s"}, noEnv, &out, &errOut))
	assert.NotEmpty(t, errOut.String())
	assert.Equal(t, exitTrouble, runHealthz([]string{"-addr", "no-port"}, noEnv, &out, &errOut))

	notOK := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer notOK.Close()
	_, port, _ = net.SplitHostPort(strings.TrimPrefix(notOK.URL, "http://"))
	assert.Equal(t, exitFailed, runHealthz([]string{"-addr", ":" + port}, noEnv, &out, &errOut), "\":port\" is reached on loopback")
	assert.Contains(t, errOut.String(), "503")
}
