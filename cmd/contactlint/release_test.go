package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scripts/release, run as a release is cut (a clean checkout of a tag),
// builds a foreign target whose build information carries the version, a
// host binary that prints it, and SHA256SUMS for both. The tag is made in
// a throwaway clone, never in this repository.
func TestReleaseScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two release binaries")
	}
	for _, tool := range []string{"git", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s: %v", tool, err)
		}
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("not a git checkout")
	}
	clone := filepath.Join(t.TempDir(), "contactlint")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = clone
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	out, err := exec.Command("git", "clone", "--quiet", "--no-hardlinks", root, clone).CombinedOutput()
	require.NoError(t, err, "%s", out)
	// The script under test is this tree's, committed in the clone.
	script, err := os.ReadFile(filepath.Join(root, "scripts", "release"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(clone, "scripts", "release"), script, 0o755))
	git("add", "scripts/release")
	git("commit", "--quiet", "--allow-empty", "-m", "release under test")
	const version = "v0.98.7-test.1"
	git("tag", version)

	host := runtime.GOOS + "/" + runtime.GOARCH
	foreign := "windows/amd64"
	if host == foreign {
		foreign = "linux/arm64"
	}
	dist := t.TempDir()
	cmd := exec.Command("sh", filepath.Join(clone, "scripts", "release"), version, dist)
	cmd.Env = append(os.Environ(), "TARGETS="+host+" "+foreign)
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.NotContains(t, string(out), "not tagged")

	name := func(target string) string {
		n := "contactlint_" + version + "_" + strings.ReplaceAll(target, "/", "_")
		if strings.HasPrefix(target, "windows/") {
			n += ".exe"
		}
		return filepath.Join(dist, n)
	}
	out, err = exec.Command("go", "version", "-m", name(foreign)).CombinedOutput()
	require.NoError(t, err, "%s", out)
	info := string(out)
	assert.Regexp(t, `(?m)^\tmod\tgithub.com/contactlint/contactlint\t`+regexp.QuoteMeta(version)+`\t`, info)
	assert.Contains(t, info, "\tbuild\tCGO_ENABLED=0\n")
	assert.Contains(t, info, "\tbuild\t-trimpath=true\n")
	assert.Contains(t, info, "\tbuild\tGOOS="+strings.Split(foreign, "/")[0]+"\n")
	assert.Contains(t, info, "\tbuild\tvcs.modified=false\n")

	out, err = exec.Command(name(host), "--version").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.True(t, strings.HasPrefix(string(out), "contactlint "+version+" ("), "%s", out)

	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	require.Len(t, lines, 2)
	for _, l := range lines {
		f := strings.Fields(l)
		require.Len(t, f, 2)
		assert.Len(t, f[0], 64)
		assert.FileExists(t, filepath.Join(dist, f[1]))
	}

	for bad, why := range map[string]string{"1.0.0": "usage:", "v2.0.0": "/v2"} {
		out, err = exec.Command("sh", filepath.Join(clone, "scripts", "release"), bad).CombinedOutput()
		assert.Error(t, err, bad)
		assert.Contains(t, string(out), why, bad)
	}
}
