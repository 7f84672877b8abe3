package engine

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

func TestTagRule(t *testing.T) {
	e := fieldEngine(t, "tag: url\n")
	assert.Empty(t, codes(e, "https://example.com/jobs"))
	assert.Equal(t, []string{"v tag error"}, codes(e, "not a url"))
}

// validator panics on an unknown tag; Compile probes each tag under
// recover and reports it at its position instead.
func TestBadTagIsADiagnostic(t *testing.T) {
	src := "version: 1\nfields:\n  v:\n    tag: 'no_such_tag'\ncommands:\n  t/cmd:\n    params: [v]\n"
	spec, err := tldspec.Load(Checks(), tldspec.Source{Name: "t", FS: fstest.MapFS{
		"catalogue.yaml": {Data: []byte(testCatalogue)},
		"field.yaml":     {Data: []byte(src)},
	}})
	require.NoError(t, err)
	_, err = Compile(spec, Options{})
	require.Error(t, err)
	d := err.(tldspec.Diagnostics)
	require.Len(t, d, 1)
	assert.Equal(t, "bad-tag", d[0].Code)
	assert.Equal(t, tldspec.Pos{File: "t/field.yaml", Line: 4, Col: 5}, d[0].Pos)
}
