package contactlint_test

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

// docFiles are the documentation the tests hold: the README, docs/ and
// the guides beside the README.
func docFiles(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	return append([]string{"README.md", "CONTRIBUTING.md", "RELEASING.md", "SECURITY.md", "CHANGELOG.md"}, docs...)
}

// The README is an entry page: what it is, install, one screen per
// audience, the two commands, links. The reference lives in docs/.
func TestREADMEIsAnEntryPage(t *testing.T) {
	st, err := os.Stat("README.md")
	require.NoError(t, err)
	assert.LessOrEqual(t, st.Size(), int64(25<<10), "README.md over 25 KB: move reference into docs/")
}

var linkRe = regexp.MustCompile(`\]\(([^)#\s]+)(#[^)\s]*)?\)`)

// Every relative link of the documentation names a file that exists, and
// an anchor a heading of it.
func TestDocLinks(t *testing.T) {
	for _, doc := range docFiles(t) {
		src, err := os.ReadFile(doc)
		require.NoError(t, err)
		for _, m := range linkRe.FindAllStringSubmatch(string(src), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path := filepath.Join(filepath.Dir(doc), target)
			_, err := os.Stat(path)
			assert.NoError(t, err, "%s links to %s", doc, target)
			if m[2] != "" && strings.HasSuffix(path, ".md") && err == nil {
				assert.Contains(t, anchors(t, path), m[2][1:], "%s links to %s%s", doc, target, m[2])
			}
		}
	}
}

// anchors are the heading anchors GitHub makes of a Markdown file.
func anchors(t *testing.T, path string) []string {
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []string
	fence := false
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if fence || !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range title {
			switch {
			case r == ' ' || r == '-':
				b.WriteRune('-')
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// blockRe finds a shell block and the marker on the line before it:
// <!-- run --> (the test runs it) or <!-- not run: why --> (a reason: it
// needs Docker, root, a network, or is the test suite itself).
var blockRe = regexp.MustCompile("(?m)^(<!-- (run|not run: [^>]+) -->\n)?```sh\n((?s:.*?))```")

// Every shell block of the documentation is run as written — go run
// ./cmd/contactlint standing for a binary built once — in a directory
// holding the examples, or says why it is not. A command may find
// problems (exit 1: the examples are meant to have some); none may be a
// usage error or an input it cannot open (exit 2).
func TestDocCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and runs the documented commands")
	}
	bin := filepath.Join(t.TempDir(), "contactlint")
	if runtime.GOOS == "windows" {
		t.Skip("the documented commands are POSIX shell")
	}
	out, err := exec.Command("go", "build", "-o", bin, "./cmd/contactlint").CombinedOutput()
	require.NoError(t, err, "%s", out)
	ran := 0
	for _, doc := range docFiles(t) {
		src, err := os.ReadFile(doc)
		require.NoError(t, err)
		for _, m := range blockRe.FindAllStringSubmatch(string(src), -1) {
			switch {
			case m[2] == "":
				t.Errorf("%s: a shell block says neither <!-- run --> nor <!-- not run: why -->:\n%s", doc, m[3])
				continue
			case m[2] != "run":
				continue
			}
			ran++
			runDocBlock(t, doc, bin, m[3])
		}
	}
	assert.Positive(t, ran)
}

// runDocBlock runs one block in a fresh directory with the examples, each
// contactlint call through a function that records an exit of 2 or more.
func runDocBlock(t *testing.T, doc, bin, block string) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"examples", "rules"} {
		require.NoError(t, os.CopyFS(filepath.Join(dir, d), os.DirFS(d)))
	}
	fails := filepath.Join(dir, ".fails")
	script := `contactlint() { "$CONTACTLINT_BIN" "$@"; rc=$?; [ $rc -ge 2 ] && echo "contactlint $*: exit $rc" >>"$CONTACTLINT_FAILS"; return $rc; }
` + strings.ReplaceAll(block, "go run ./cmd/contactlint", "contactlint")
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CONTACTLINT_BIN="+bin, "CONTACTLINT_FAILS="+fails, "NO_COLOR=1")
	out, _ := cmd.CombinedOutput()
	if b, err := os.ReadFile(fails); err == nil {
		t.Errorf("%s: a documented command failed:\n%s\nthe block:\n%s\noutput:\n%s", doc, b, block, out)
	}
}
