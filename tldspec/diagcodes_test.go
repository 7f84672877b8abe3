package tldspec

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every diagnostic is made with a constant of diagcodes.go, in this
// package and the engine's, and every constant is documented and used:
// DiagCodes (and the README's list made from it) cannot miss a code or
// list a dead one.
func TestDiagCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range DiagCodes() {
		assert.False(t, seen[d.Code], "%s twice", d.Code)
		seen[d.Code] = true
		assert.NotEmpty(t, d.Doc, d.Code)
		assert.Regexp(t, `^[a-z][a-z-]*$`, d.Code)
	}
	src, err := os.ReadFile("diagcodes.go")
	require.NoError(t, err)
	decl := regexp.MustCompile(`(?m)^\t(Diag\w+)\s+= "([a-z-]+)"`)
	names := map[string]string{}
	for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
		names[m[1]] = m[2]
		assert.True(t, seen[m[2]], "%s is not in DiagCodes", m[1])
	}
	assert.Len(t, names, len(seen))

	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	more, err := filepath.Glob("../engine/*.go")
	require.NoError(t, err)
	call := regexp.MustCompile(`(diags\.(Errorf|Warnf)|p\.unknown|r\.ref)\(`)
	use := regexp.MustCompile(`\bDiag[A-Z]\w*`)
	used := map[string]bool{}
	for _, f := range append(files, more...) {
		if filepath.Base(f) == "diagcodes.go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, loc := range call.FindAllStringIndex(string(b), -1) {
			if code := secondArg(string(b[loc[1]:])); !use.MatchString(code) && code != "code" {
				t.Errorf("%s: a diagnostic whose code is %s, not a Diag constant", f, code)
			}
		}
		for _, m := range use.FindAllString(string(b), -1) {
			used[m] = true
		}
	}
	for name := range names {
		assert.True(t, used[name], "%s is never reported", name)
	}
}

// secondArg is the second argument of the call whose arguments begin src.
func secondArg(src string) string {
	depth, start := 0, -1
	for i, r := range src {
		switch {
		case r == '(' || r == '{' || r == '[':
			depth++
		case r == ')' || r == '}' || r == ']':
			if depth == 0 {
				if start >= 0 {
					return src[start:i]
				}
				return ""
			}
			depth--
		case r == ',' && depth == 0:
			if start >= 0 {
				return src[start:i]
			}
			start = i + 2
		}
	}
	return ""
}
