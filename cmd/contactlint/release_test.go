package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
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
// builds an archive per target — a foreign one whose binary's build
// information carries the version, a host one whose binary prints it —
// each with LICENSE, README.md and the commands' help, a CycloneDX SBOM
// per archive, and SHA256SUMS of them all; the same commit gives the same
// bytes, and a dirty tree is refused. The tag is made in a throwaway
// clone, never in this repository.
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
	// The scripts under test are this tree's, committed in the clone.
	for _, f := range []string{"scripts/release", "scripts/archive/main.go"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(clone, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(clone, f), b, 0o755))
		git("add", f)
	}
	git("commit", "--quiet", "--allow-empty", "-m", "release under test")
	const version = "v0.98.7-test.1"
	git("tag", version)

	host := runtime.GOOS + "/" + runtime.GOARCH
	foreign := "windows/amd64"
	if host == foreign {
		foreign = "linux/arm64"
	}
	release := func(dist, targets string) (string, error) {
		cmd := exec.Command("sh", filepath.Join(clone, "scripts", "release"), version, dist)
		cmd.Env = append(os.Environ(), "TARGETS="+targets)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	dist := t.TempDir()
	out2, err := release(dist, host+" "+foreign)
	require.NoError(t, err, "%s", out2)
	assert.NotContains(t, out2, "not tagged")

	base := func(target string) string {
		return "contactlint_" + version + "_" + strings.ReplaceAll(target, "/", "_")
	}
	// Each archive holds the binary, LICENSE, README.md and the help.
	bins := map[string]string{}
	for _, target := range []string{host, foreign} {
		kind, exe := ".tar.gz", ""
		if strings.HasPrefix(target, "windows/") {
			kind, exe = ".zip", ".exe"
		}
		files := unpack(t, filepath.Join(dist, base(target)+kind))
		prefix := base(target) + "/"
		assert.Equal(t, []string{prefix + "contactlint" + exe, prefix + "LICENSE", prefix + "README.md", prefix + "contactlint.txt"}, keysInOrder(files))
		assert.Contains(t, string(files[prefix+"contactlint.txt"].data), "Usage: contactlint check [flags]")
		assert.Equal(t, os.FileMode(0o755), files[prefix+"contactlint"+exe].mode.Perm(), "the binary is executable")
		bin := filepath.Join(t.TempDir(), "contactlint"+exe)
		require.NoError(t, os.WriteFile(bin, files[prefix+"contactlint"+exe].data, 0o755))
		bins[target] = bin
		// A CycloneDX SBOM beside each archive.
		var bom struct {
			BOMFormat string `json:"bomFormat"`
			Metadata  struct {
				Component struct{ Name string } `json:"component"`
			} `json:"metadata"`
			Components []struct{ Name string } `json:"components"`
		}
		b, err := os.ReadFile(filepath.Join(dist, base(target)+".cdx.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &bom))
		assert.Equal(t, "CycloneDX", bom.BOMFormat)
		assert.Contains(t, bom.Metadata.Component.Name, "contactlint")
		assert.NotEmpty(t, bom.Components, "the modules it is built of")
	}
	out, err = exec.Command("go", "version", "-m", bins[foreign]).CombinedOutput()
	require.NoError(t, err, "%s", out)
	info := string(out)
	assert.Regexp(t, `(?m)^\tmod\tgithub.com/contactlint/contactlint\t`+regexp.QuoteMeta(version)+`\t`, info)
	assert.Contains(t, info, "\tbuild\tCGO_ENABLED=0\n")
	assert.Contains(t, info, "\tbuild\t-trimpath=true\n")
	assert.Contains(t, info, "\tbuild\tGOOS="+strings.Split(foreign, "/")[0]+"\n")
	assert.Contains(t, info, "\tbuild\tvcs.modified=false\n")

	out, err = exec.Command(bins[host], "--version").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.True(t, strings.HasPrefix(string(out), "contactlint "+version+" ("), "%s", out)

	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	require.Len(t, lines, 4, "an archive and an SBOM per target")
	for _, l := range lines {
		f := strings.Fields(l)
		require.Len(t, f, 2)
		assert.Len(t, f[0], 64)
		assert.FileExists(t, filepath.Join(dist, f[1]))
	}

	// Reproducible: the same commit gives the same bytes.
	again := t.TempDir()
	_, err = release(again, host)
	require.NoError(t, err)
	first, _ := os.ReadFile(filepath.Join(dist, base(host)+".tar.gz"))
	second, _ := os.ReadFile(filepath.Join(again, base(host)+".tar.gz"))
	assert.Equal(t, first, second, "the archive is reproducible")

	// A work tree with uncommitted changes is refused before anything is built.
	require.NoError(t, os.WriteFile(filepath.Join(clone, "README.md"), []byte("changed\n"), 0o644))
	out2, err = release(t.TempDir(), host)
	assert.Error(t, err)
	assert.Contains(t, out2, "uncommitted changes")
	git("checkout", "--", "README.md")

	for bad, why := range map[string]string{"1.0.0": "usage:", "v2.0.0": "/v2"} {
		out, err = exec.Command("sh", filepath.Join(clone, "scripts", "release"), bad).CombinedOutput()
		assert.Error(t, err, bad)
		assert.Contains(t, string(out), why, bad)
	}
}

type archived struct {
	data  []byte
	mode  os.FileMode
	order int
}

// unpack reads a .tar.gz or .zip archive: each file's bytes and mode.
func unpack(t *testing.T, path string) map[string]archived {
	t.Helper()
	out := map[string]archived{}
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.OpenReader(path)
		require.NoError(t, err)
		defer zr.Close()
		for i, f := range zr.File {
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			out[f.Name] = archived{b, f.Mode(), i}
		}
		return out
	}
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	for i := 0; ; i++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		out[h.Name] = archived{b, h.FileInfo().Mode(), i}
	}
	return out
}

func keysInOrder(m map[string]archived) []string {
	out := make([]string, len(m))
	for k, v := range m {
		out[v.order] = k
	}
	return out
}
