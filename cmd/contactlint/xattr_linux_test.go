package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fix -w leaves a file with extended attributes (an ACL is one) as it
// was: a rewrite through a new file would drop them, and an ACL's mask
// would become the group's bits.
func TestFixInPlaceRefusesExtendedAttributes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(fixableGB+"\n"), 0o644))
	if err := syscall.Setxattr(path, "user.note", []byte("kept"), 0); err != nil {
		t.Skipf("this file system takes no extended attributes: %v", err)
	}
	_, stderr, code := runCLI(t, "", "fix", "-w", path)
	assert.Equal(t, exitTrouble, code, stderr)
	assert.Contains(t, stderr, "not rewritten: it has extended attributes or an ACL")
	got, _ := os.ReadFile(path)
	assert.Equal(t, fixableGB+"\n", string(got))
	buf := make([]byte, 16)
	n, err := syscall.Getxattr(path, "user.note", buf)
	require.NoError(t, err)
	assert.Equal(t, "kept", string(buf[:n]))
}
