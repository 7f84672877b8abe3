//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fix -w never replaces a file it should not write: a read-only one, one
// the user may not write to (a rename in a shared directory would replace
// it anyway), or one whose owner it cannot keep (the file would pass to
// whoever ran fix). Each is left as it was, and the run exits 2: fixes
// -w was asked to write are not written.
func TestFixInPlaceRefusesFilesNotItsToWrite(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.jsonl")
	require.NoError(t, os.WriteFile(ro, []byte(fixableGB+"\n"), 0o444))
	_, stderr, code := runCLI(t, "", "fix", "-w", ro)
	assert.Equal(t, exitTrouble, code, stderr)
	assert.Contains(t, stderr, ro+": not rewritten: it is read-only; its fixes are not written")
	got, _ := os.ReadFile(ro)
	assert.Equal(t, fixableGB+"\n", string(got))

	if os.Getuid() != 0 {
		t.Log("not root: the cases of another user's files need a second user and are not run")
		return
	}
	// A directory anyone may write to, with files of root's, fixed by
	// nobody (65534).
	shared, err := os.MkdirTemp("", "contactlint-shared-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(shared) })
	require.NoError(t, os.Chmod(shared, 0o777))
	bin := filepath.Join(shared, "contactlint")
	src, err := os.ReadFile(buildBinary(t))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(bin, src, 0o755))
	for _, c := range []struct {
		mode os.FileMode
		why  string
	}{
		{0o644, "it is not writable by this user"},
		{0o666, "its owner and group could not be kept"},
	} {
		path := filepath.Join(shared, "root.jsonl")
		require.NoError(t, os.WriteFile(path, []byte(fixableGB+"\n"), 0o600))
		require.NoError(t, os.Chmod(path, c.mode))
		cmd := exec.Command(bin, "fix", "-w", path)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "%s", out)
		assert.Equal(t, exitTrouble, exit.ExitCode(), "%s", out)
		assert.Contains(t, string(out), c.why, "%o", c.mode)
		got, _ := os.ReadFile(path)
		assert.Equal(t, fixableGB+"\n", string(got), "%o: as it was", c.mode)
		st, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, uint32(0), st.Sys().(*syscall.Stat_t).Uid, "%o: still root's", c.mode)
		entries, _ := os.ReadDir(shared)
		assert.Len(t, entries, 2, "no temporary file left")
		require.NoError(t, os.Remove(path))
	}
}
