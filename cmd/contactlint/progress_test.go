package main

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderProgress(t *testing.T) {
	assert.Equal(t, "[############............]  50% 1000 requests, 500/s", renderProgress(50, 100, 1000, 2*time.Second))
	assert.Equal(t, "[########################] 100% 7 requests, 7/s", renderProgress(120, 100, 7, time.Second), "never past 100%")
	assert.Equal(t, "12 requests, 0/s", renderProgress(5, 0, 12, 0), "a pipe: no size, no bar")
}

// Silent unless stderr is a terminal and the input large, or asked for.
func TestProgressModes(t *testing.T) {
	in := generated(50)
	_, stderr, _ := runCLI(t, in, "check", "-")
	assert.NotContains(t, stderr, "\r", "a buffer is not a terminal")
	_, stderr, _ = runCLI(t, in, "check", "-progress", "always", "-")
	assert.Contains(t, stderr, "\r50 requests, ")
	assert.True(t, strings.HasSuffix(strings.SplitN(stderr, "contactlint:", 2)[0], "\r\x1b[K"), "the bar erases itself before the summary: %q", stderr)
	_, stderr, code := runCLI(t, in, "check", "-progress", "sometimes", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-progress")
}

// The bar redraws on its tick while requests flow.
func TestProgressTicks(t *testing.T) {
	var mu sync.Mutex
	var b strings.Builder
	read := new(atomic.Int64)
	p := startProgress(&lockedWriter{mu: &mu, w: &b}, new(sync.Mutex), 1000, read, time.Millisecond)
	read.Store(500)
	p.done.Store(10)
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return strings.Contains(b.String(), " 50% 10 requests")
	}, 5*time.Second, time.Millisecond)
	p.finish()
	assert.True(t, strings.HasSuffix(b.String(), "\r\x1b[K"))
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
