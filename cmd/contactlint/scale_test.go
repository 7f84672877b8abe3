package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/internal/benchdata"
)

// One million requests stream through the built binary in bounded memory
// and few collections, at -j 1 and -j 2: peak RSS at most 40 MiB, and at
// -j 1 at most 200 garbage collections (GODEBUG=gctrace=1 says each; the
// collector at its default setting). The requests are those of the
// README's figures (internal/benchdata: seven countries, a fifth
// failing), a thousand of them repeated. The peak is the process's VmHWM,
// polled from /proc while it runs: wait4's ru_maxrss would carry this
// (large, race-instrumented) test process's RSS, which the child shares
// between vfork and exec.
func TestMillionLinesBoundedMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/PID/status")
	}
	if testing.Short() {
		t.Skip("feeds a million requests")
	}
	const n, block = 1_000_000, 1000
	bin := buildBinary(t)
	var requests bytes.Buffer
	require.NoError(t, benchdata.Write(&requests, block))
	for _, j := range []string{"1", "2"} {
		cmd := exec.Command(bin, "check", "-j", j, "-")
		cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1", "GOGC=", "GOMEMLIMIT=")
		stdin, err := cmd.StdinPipe()
		require.NoError(t, err)
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		peakRSS := watchPeakRSS(cmd.Process.Pid)

		go func() {
			for range n / block {
				if _, err := stdin.Write(requests.Bytes()); err != nil {
					break
				}
			}
			stdin.Close()
		}()
		lines := 0
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines++
		}
		io.Copy(io.Discard, stdout)
		rss := peakRSS()
		err = cmd.Wait()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "some requests fail by design")
		assert.Equal(t, exitFailed, exit.ExitCode(), stderr.String())
		assert.Equal(t, n/5, lines, "one line per failing request")
		assert.Contains(t, stderr.String(), fmt.Sprintf("%d checked, %d passed, %d failed", n, n-n/5, n/5))
		collections := 0
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.HasPrefix(line, "gc ") {
				collections++
			}
		}

		require.NotZero(t, rss, "VmHWM was never read")
		t.Logf("-j %s: peak RSS %.1f MiB, %d collections for %d requests", j, float64(rss)/(1<<20), collections, n)
		assert.LessOrEqual(t, rss, int64(40<<20), "-j %s: peak RSS over 40 MiB", j)
		if j == "1" {
			assert.LessOrEqual(t, collections, 200, "-j 1: over 200 collections for a million requests")
		}
	}
}

// buildBinary builds contactlint into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "contactlint")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// watchPeakRSS polls a running process's VmHWM; the function it returns
// stops polling and gives the peak, in bytes (0 if never read).
func watchPeakRSS(pid int) func() int64 {
	peak := make(chan int64)
	stop := make(chan struct{})
	go func() {
		var max int64
		defer func() { peak <- max }()
		for {
			if kb, ok := vmHWM(pid); ok && kb > max {
				max = kb
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() int64 {
		close(stop)
		return <-peak * 1024
	}
}

// vmHWM reads a process's peak resident set size, in kB.
func vmHWM(pid int) (int64, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// A huge value costs bounded memory in every input kind: the request
// limit is applied while reading, not after (a 200 MB .json object used to
// peak at 709 MB; YAML and CSV never applied the limit).
func TestHugeValuesBoundedMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/PID/status")
	}
	if testing.Short() {
		t.Skip("feeds hundreds of megabytes")
	}
	bin := buildBinary(t)
	repeat := func(w io.Writer, n int) {
		chunk := strings.Repeat("a", 64<<10)
		for ; n > 0; n -= len(chunk) {
			io.WriteString(w, chunk[:min(n, len(chunk))])
		}
	}
	for _, c := range []struct {
		input, want string
		write       func(w io.Writer)
	}{
		{"json", "longer than 1 MiB", func(w io.Writer) {
			io.WriteString(w, "[\n"+validReq+",\n"+`{"name":"`)
			repeat(w, 200<<20)
			io.WriteString(w, "\"},\n"+validReq+"]\n")
		}},
		{"yaml", "longer than 8 MiB", func(w io.Writer) {
			io.WriteString(w, "name: Ada\n---\nname: ")
			repeat(w, 100<<20)
			io.WriteString(w, "\n---\nname: Grace\n")
		}},
		{"csv", "longer than 1 MiB", func(w io.Writer) {
			io.WriteString(w, "name,city\nAda,x\n\"")
			repeat(w, 50<<20)
			io.WriteString(w, "\",y\n")
		}},
	} {
		t.Run(c.input, func(t *testing.T) {
			cmd := exec.Command(bin, "check", "-input", c.input, "-format", "jsonl", "-")
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Start())
			peakRSS := watchPeakRSS(cmd.Process.Pid)
			w := bufio.NewWriterSize(stdin, 64<<10)
			c.write(w)
			w.Flush()
			stdin.Close()
			cmd.Wait()
			rss := peakRSS()
			assert.Contains(t, stdout.String(), c.want)
			require.NotZero(t, rss, "VmHWM was never read")
			t.Logf("%s: peak RSS %.1f MiB", c.input, float64(rss)/(1<<20))
			assert.LessOrEqual(t, rss, int64(96<<20), "peak RSS over 96 MiB")
		})
	}
}
