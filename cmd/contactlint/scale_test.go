package main

import (
	"bufio"
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
)

// One million requests stream through the built binary in bounded memory:
// peak RSS stays under 64 MiB whatever the input size. The peak is the
// process's VmHWM, polled from /proc while it runs: wait4's ru_maxrss
// would carry this (large, race-instrumented) test process's RSS, which
// the child shares between vfork and exec.
func TestMillionLinesBoundedMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/PID/status")
	}
	if testing.Short() {
		t.Skip("feeds a million requests")
	}
	const n = 1_000_000
	bin := buildBinary(t)

	cmd := exec.Command(bin, "check", "-")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	peakRSS := watchPeakRSS(cmd.Process.Pid)

	go func() {
		w := bufio.NewWriterSize(stdin, 64<<10)
		for i := range n {
			zip := "62701"
			if i%10 == 3 {
				zip = "ABCDE"
			}
			fmt.Fprintf(w, `{"name":"User %d","company":"Example %d","email":"u%d@example.com","address-line-1":"%d Main Street","city":"Springfield","country":"US","zipcode":%q,"phone-cc":"1","phone":"2175550123","customer-id":"%d","type":"Contact"}`+"\n",
				i, i, i, i, zip, i+1)
		}
		w.Flush()
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
	assert.Equal(t, n/10, lines, "one line per failing request")
	assert.Contains(t, stderr.String(), fmt.Sprintf("%d checked, %d passed, %d failed", n, n-n/10, n/10))

	require.NotZero(t, rss, "VmHWM was never read")
	t.Logf("peak RSS %.1f MiB for %d requests", float64(rss)/(1<<20), n)
	assert.LessOrEqual(t, rss, int64(64<<20), "peak RSS over 64 MiB")
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
