package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The start-up line says whether, and where, the sidecar forwards, and
// never an upstream's password or its query's values.
func TestServeSaysWhereItForwards(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "nothing is forwarded"},
		{[]string{"-upstream", "https://user:pw@api.example"}, "/api/… checked and forwarded to https://user:xxxxx@api.example"},
		{[]string{"-upstream", "https://api.example/base?api-key=pw&x=1"}, "forwarded to https://api.example/base?api-key=…&x=…"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var stderr syncBuffer
		done := make(chan int, 1)
		startServe(t, ctx, append([]string{"-addr", "127.0.0.1:0"}, c.args...), noEnv, &stderr, done)
		cancel()
		<-done
		first, _, _ := strings.Cut(stderr.String(), "\n")
		assert.Contains(t, first, c.want)
		assert.Contains(t, first, "check-only: /check/api/…")
		assert.NotContains(t, stderr.String(), "pw")
	}
}

// The default connection bound stays under the open-file limit, with
// room for the upstream calls; a bound the limit cannot hold is said.
func TestServeMaxConnsDefault(t *testing.T) {
	var w strings.Builder
	n, ok := maxConns(0, 128, 1024, &w)
	assert.True(t, ok)
	assert.Equal(t, 1024-128-fileHeadroom, n)
	n, ok = maxConns(0, 128, 1<<20, &w)
	assert.True(t, ok)
	assert.Equal(t, 1024, n, "never more than 1024 by default")
	n, ok = maxConns(0, 128, 0, &w)
	assert.True(t, ok)
	assert.Equal(t, 1024, n, "limit unknown")
	_, ok = maxConns(0, 128, 200, &w)
	assert.False(t, ok)
	assert.Contains(t, w.String(), "too low")
	w.Reset()
	n, ok = maxConns(5000, 128, 1024, &w)
	assert.True(t, ok)
	assert.Equal(t, 5000, n)
	assert.Contains(t, w.String(), "warning")
	_, ok = maxConns(-1, 128, 1024, &w)
	assert.False(t, ok)
}

// The built binary under a low open-file limit, flooded with idle
// keep-alive connections, keeps answering /healthz and forwarding calls,
// and keeps its file descriptors under the limit. (It used to stop
// answering, even /healthz, its upstream calls failing with 502, and
// flood its log with accept errors.)
func TestServeUnderFileLimit(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the binary; reads /proc")
	}
	bin := buildBinary(t)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "87654321") }))
	defer up.Close()
	cmd := exec.Command("sh", "-c", `ulimit -n 256 && exec "$0" serve -addr 127.0.0.1:0 -upstream "$1" -max-in-flight 32 -quiet`, bin, up.URL)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	require.True(t, sc.Scan(), "serve printed nothing")
	m := regexp.MustCompile(`serving on http://(\S+)`).FindStringSubmatch(sc.Text())
	require.NotNil(t, m, sc.Text())
	addr := m[1]
	var logged syncBuffer
	go func() {
		for sc.Scan() {
			fmt.Fprintln(&logged, sc.Text())
		}
	}()

	for i := 0; i < 600; i++ {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			continue
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	}
	time.Sleep(300 * time.Millisecond)
	client := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for i := 0; i < 5; i++ {
		resp, err := client.Get("http://" + addr + "/healthz")
		require.NoError(t, err, "/healthz under a flood of idle connections")
		resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode)
		resp, err = client.Get("http://" + addr + "/api/domains/details.json")
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, "87654321", string(b), "forwarded calls still reach the upstream")
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", cmd.Process.Pid))
	require.NoError(t, err)
	assert.Less(t, len(fds), 256)
	assert.Less(t, strings.Count(logged.String(), "\n"), 20, "no flood of accept errors: %s", logged.String())
}

// Keeping values in the disagreement log is said loudly at start; the
// calibration flags that need an upstream, or each other, say so.
func TestServeCalibrationFlags(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer up.Close()
	logPath := t.TempDir() + "/d.jsonl"
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	startServe(t, ctx, []string{"-addr", "127.0.0.1:0", "-upstream", up.URL, "-disagreements", logPath, "-disagreement-values"}, noEnv, &stderr, done)
	cancel()
	assert.Equal(t, exitOK, <-done)
	assert.Contains(t, stderr.String(), "WARNING: -disagreement-values")
	assert.Contains(t, stderr.String(), "personal data")
	assert.Contains(t, stderr.String(), "recorded in "+logPath)

	for _, args := range [][]string{
		{"-mode", "observe"},
		{"-disagreements", logPath},
		{"-upstream", up.URL, "-disagreement-values"},
		{"-upstream", up.URL, "-mode", "watch"},
	} {
		var stderr syncBuffer
		assert.Equal(t, exitTrouble, runServe(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, args...), noEnv, io.Discard, &stderr), "%v", args)
		assert.NotEmpty(t, stderr.String())
	}
}

// The collector's headroom costs no resident memory (it is never written)
// and gives way to an operator's GOGC. Measured in a process of its own,
// as serve allocates it: first, in a heap that has freed nothing yet.
func TestGCHeadroom(t *testing.T) {
	assert.Nil(t, gcHeadroom(func(k string) string { return map[string]string{"GOGC": "150"}[k] }))
	assert.Nil(t, gcHeadroom(func(k string) string { return map[string]string{"GOMEMLIMIT": "64MiB"}[k] }))
	if os.Getenv("CONTACTLINT_HEADROOM_PROBE") == "1" {
		statm := func() int64 {
			b, err := os.ReadFile("/proc/self/statm")
			if err != nil {
				t.Skip("no /proc/self/statm:", err)
			}
			n, err := strconv.ParseInt(strings.Fields(string(b))[1], 10, 64)
			require.NoError(t, err)
			return n * int64(os.Getpagesize())
		}
		before := statm()
		h := gcHeadroom(noEnv)
		after := statm()
		assert.Len(t, h, headroomBytes)
		fmt.Printf("headroom resident: %d bytes\n", after-before)
		runtime.KeepAlive(h)
		return
	}
	if _, err := os.Stat("/proc/self/statm"); err != nil {
		t.Skip("no /proc/self/statm:", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGCHeadroom$", "-test.v")
	// The collector as serve runs it: an operator's GOGC or GOMEMLIMIT
	// turns the block off there, and here would collect into pages the
	// runtime then zeroes for it.
	cmd.Env = append(os.Environ(), "CONTACTLINT_HEADROOM_PROBE=1", "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`headroom resident: (\d+) bytes`).FindSubmatch(out)
	require.NotNil(t, m, "%s", out)
	n, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	// Written, the block would be 4 MiB; a kernel whose transparent huge
	// pages are "always" may fault in up to 2 MiB of it unwritten.
	assert.Less(t, n, headroomBytes*3/4, "the headroom block is resident")
}
