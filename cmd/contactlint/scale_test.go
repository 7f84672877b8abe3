package main

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One million requests stream through the built binary in bounded memory:
// peak RSS stays under 64 MiB whatever the input size.
func TestMillionLinesBoundedMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ru_maxrss is in kilobytes on Linux only")
	}
	if testing.Short() {
		t.Skip("feeds a million requests")
	}
	const n = 1_000_000
	bin := filepath.Join(t.TempDir(), "contactlint")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)

	cmd := exec.Command(bin, "check", "-")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())

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
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "some requests fail by design")
	assert.Equal(t, exitFailed, exit.ExitCode(), stderr.String())
	assert.Equal(t, n/10, lines, "one line per failing request")
	assert.Contains(t, stderr.String(), fmt.Sprintf("%d checked, %d passed, %d failed", n, n-n/10, n/10))

	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	t.Logf("peak RSS %.1f MiB for %d requests", float64(rss)/(1<<20), n)
	assert.LessOrEqual(t, rss, int64(64<<20), "peak RSS over 64 MiB")
}
