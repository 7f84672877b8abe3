package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

// A severities entry in an overlay lowers the rules of its code, on the
// fields it names or on all, without redefining them: the words stay,
// the basis is the entry's; other codes and fields keep theirs.
func TestSeveritiesOverlay(t *testing.T) {
	field := "version: 1\nfields:\n  v: {label: Value, max-length: 3}\n  w: {label: Other, max-length: 3}\ncommands:\n  t/cmd:\n    params: [v, w]\n"
	base := compileFiles(t, map[string]string{"f.yaml": field})
	req := Request{Command: "t/cmd", Params: []Param{{Name: "v", Value: "12345"}, {Name: "w", Value: "abcd"}}}
	assert.Equal(t, []string{"v too-long error", "w too-long error"}, summary(base.Check(req)))

	lowered := compileFiles(t, map[string]string{"f.yaml": field, "z-observed.yaml": "version: 1\nseverities:\n  too-long:\n    severity: warning\n    fields: [v]\n    basis: observed\n    doc: the API took it\n"})
	res := lowered.Check(req)
	assert.Equal(t, []string{"v too-long warning", "w too-long error"}, summary(res))
	assert.Equal(t, "Value cannot be longer than 3 characters", res.Violations[0].Message)
	assert.Empty(t, lowered.Warnings())

	all := compileFiles(t, map[string]string{"f.yaml": field, "z.yaml": "version: 1\nseverities:\n  too-long: {severity: warning}\n"})
	assert.True(t, all.Check(req).OK(), "every field's too-long is a warning")

	// A catalogue that files the code under error does not hold an
	// overridden rule to it.
	catalogue := strings.Replace(testCatalogue, "source: ours}\n  digits", "source: ours, severity: error}\n  digits", 1)
	require.Contains(t, catalogue, "characters\", source: ours, severity: error}")
	strict := compileFiles(t, map[string]string{"f.yaml": field, "catalogue.yaml": catalogue,
		"z.yaml": "version: 1\nseverities:\n  too-long: {severity: warning, fields: [v]}\n"})
	assert.Equal(t, []string{"v too-long warning", "w too-long error"}, summary(strict.Check(req)))
}

// An entry that changes no rule is said (rules lint shows it), once the
// rules are built whole.
func TestSeveritiesUnused(t *testing.T) {
	field := "version: 1\nfields:\n  v: {label: Value, max-length: 3}\ncommands:\n  t/cmd:\n    params: [v]\n"
	e := compileFiles(t, map[string]string{"f.yaml": field, "z.yaml": "version: 1\nseverities:\n  pattern: {severity: warning, fields: [v]}\n  no-such-code: {severity: warning}\n"})
	var got []string
	for _, d := range e.Warnings() {
		got = append(got, d.Code+" "+d.Pos.String())
	}
	assert.Equal(t, []string{tldspec.DiagUnusedSeverity + " t/z.yaml:3:3", tldspec.DiagUnusedSeverity + " t/z.yaml:4:3"}, got)
}

// A severities entry reaches every rule of a field: recommended too; and
// a rule it lowers to a warning stops no later rule, so none is marked as
// never firing behind it.
func TestSeveritiesReachEveryRule(t *testing.T) {
	field := "version: 1\nfields:\n  v: {label: Value}\n  w: {label: Other, one-of: [GB], checks: [country]}\ncommands:\n  t/cmd:\n    params:\n      - v: {recommended: true}\n      - w\n"
	raised := compileFiles(t, map[string]string{"f.yaml": field, "z.yaml": "version: 1\nseverities:\n  recommended: {severity: error, fields: [v]}\n  one-of: {severity: warning, fields: [w]}\n"})
	assert.Empty(t, raised.Warnings(), "both entries are used")
	req := Request{Command: "t/cmd", Params: []Param{{Name: "w", Value: "XX"}}}
	assert.Equal(t, []string{"v recommended error", "w one-of warning", "w country error"}, summary(raised.Check(req)))
	x, err := raised.Explain(Query{Command: "t/cmd"})
	require.NoError(t, err)
	for _, p := range x.Params {
		for _, r := range p.Rules {
			assert.Empty(t, r.NeverFires, "%s %s fires: %s", p.Param, r.Code, r.NeverFires)
		}
	}
}
