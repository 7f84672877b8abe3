package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

func TestTagRule(t *testing.T) {
	e := fieldEngine(t, "tag: url\n")
	assert.Empty(t, codes(e, "https://example.com/jobs"))
	assert.Equal(t, []string{"v tag error"}, codes(e, "not a url"))
}

// validator panics on an unknown tag; Load probes each tag under recover
// (Catalog) and reports it at its position instead.
func TestBadTagIsADiagnostic(t *testing.T) {
	d := loadErr(t, "version: 1\nfields:\n  v:\n    tag: 'no_such_tag'\ncommands:\n  t/cmd:\n    params: [v]\n")
	require.Len(t, d, 1)
	assert.Equal(t, "bad-tag", d[0].Code)
	assert.Equal(t, tldspec.Pos{File: "t/rules.yaml", Line: 4, Col: 5}, d[0].Pos)
}
