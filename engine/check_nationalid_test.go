package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNationalIDRules(t *testing.T) {
	e := fieldEngine(t, "checks:\n  - national-id: {scheme: [es-nif], warn: [es-nie]}\n")
	cases := []struct {
		v    string
		want []string
		fix  string
	}{
		{"12345678Z", []string{}, ""},
		{"B12345674", []string{}, ""},
		{"X1234567L", []string{"v national-id-kind warning"}, ""},
		{"12345678A", []string{"v national-id error"}, ""},
		{"12.345.678-z", []string{"v national-id-format warning"}, "12345678Z"},
		{"x-1234567-l", []string{"v national-id-format warning", "v national-id-kind warning"}, "X1234567L"},
		{"12-345-678-A", []string{"v national-id error"}, ""},
	}
	for _, tc := range cases {
		r := check1(e, tc.v)
		assert.Equal(t, tc.want, summary(r), tc.v)
		if tc.fix != "" {
			assert.Equal(t, tc.fix, r.Violations[0].Fix, tc.v)
		}
	}
}

func TestNationalIDIfLength(t *testing.T) {
	e := fieldEngine(t, "checks:\n  - national-id: {scheme: [cn-uscc], if-length: [\"18\"], severity: warning}\n")
	assert.Empty(t, codes(e, "91110108MA01C2XX0T"))
	assert.Equal(t, []string{"v national-id warning"}, codes(e, "91110108MA01C2XX0A"))
	assert.Empty(t, codes(e, "any other id"), "not 18 characters: not judged")
}

// A KPP's letters must be capitals: compacting must not upper-case them.
func TestNationalIDCaseSensitiveScheme(t *testing.T) {
	e := fieldEngine(t, "checks:\n  - national-id: {scheme: [ru-kpp], warn: [ru-kpp-letters]}\n")
	assert.Empty(t, codes(e, "773601001"))
	assert.Equal(t, []string{"v national-id-kind warning"}, codes(e, "7736AB001"))
	assert.Equal(t, []string{"v national-id error"}, codes(e, "7736ab001"))
	assert.Equal(t, []string{"v national-id-format warning"}, codes(e, "7736 01 001"))
}

func TestNationalIDUnknownScheme(t *testing.T) {
	d := loadErr(t, "version: 1\nfields:\n  v:\n    checks:\n      - national-id: {scheme: [es-dni]}\ncommands:\n  t/cmd:\n    params: [v]\n")
	assert.Equal(t, "bad-option", d[0].Code)
	assert.Contains(t, d[0].Message, `did you mean "es-nif"?`)
	assert.Equal(t, 5, d[0].Pos.Line)
}

func TestValidIDDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	e := fieldEngine(t, "checks:\n  - national-id: {scheme: [es-nif], warn: [es-nie]}\n")
	req := Request{Command: "t/cmd", Params: []Param{{"v", "B12345674"}}}
	assert.Zero(t, testing.AllocsPerRun(100, func() { e.Check(req) }))
}

// Every scheme's example, which a violation's Expected shows, is valid.
func TestIDSchemeExamples(t *testing.T) {
	for _, s := range idSchemes {
		assert.True(t, s.valid(s.example), "%s: %s", s.name, s.example)
		assert.NotEmpty(t, s.label, s.name)
	}
}
