package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Codes lists each code once, documented, and every named check with the
// catalogue's severity.
func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes() {
		assert.False(t, seen[c.Code], "%s twice", c.Code)
		seen[c.Code] = true
		assert.NotEmpty(t, c.Doc, c.Code)
		assert.Regexp(t, `^[a-z][a-z0-9-]*$`, c.Code)
	}
	for _, chk := range Catalog().Checks {
		info, ok := LookupCode(chk.Name)
		require.True(t, ok, chk.Name)
		assert.Equal(t, chk.Severity, info.Severity, chk.Name)
	}
	_, ok := LookupCode("no-such-code")
	assert.False(t, ok)
}

// No violation is made with a code literal: every Code: and rule(…) in
// this package names a constant of codes.go, so Codes() cannot miss one.
func TestNoCodeLiterals(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	lit := regexp.MustCompile(`Code:\s*"|\.rule\("`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "codes.go" {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			assert.False(t, lit.MatchString(line), "%s:%d: a code literal: %s", f, i+1, strings.TrimSpace(line))
		}
	}
}
