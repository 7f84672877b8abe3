//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A FIFO inside a scanned directory is skipped and said, not read: reading
// it would wait forever. So for rule directories.
func TestDirectoryFIFOSkipped(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(validReq+"\n"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "stuck.jsonl"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "stuck.yaml"), 0o644))
	done := make(chan struct{})
	var out, stderr string
	var code int
	go func() {
		defer close(done)
		out, stderr, code = runCLI(t, "", "check", "-format", "jsonl", dir)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("check of a directory with a FIFO did not finish")
	}
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, `"ok":true`)
	assert.Contains(t, stderr, "skipped "+filepath.Join(dir, "stuck.jsonl")+": not a regular file")

	rules := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(rules, "stuck.yaml"), 0o644))
	done = make(chan struct{})
	go func() {
		defer close(done)
		out, stderr, code = runCLI(t, "", "rules", "lint", rules)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("rules lint of a directory with a FIFO did not finish")
	}
	assert.Contains(t, out+stderr, "skipped")
}
