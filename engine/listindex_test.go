package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Coruña, A":        "a coruna",
		"A Coruña":         "a coruna",
		"a  coruña":        "a coruna",
		"Coru\u0303na":     "coruna", // the tilde as a combining mark: dropped
		"Corun\u0303a":     "coruna",
		"Palmas, Las":      "las palmas",
		"Rioja, La":        "la rioja",
		"ÁLAVA":            "alava",
		"Hospitalet, L'":   "l'hospitalet",
		"Vitoria, Gasteiz": "vitoria, gasteiz", // not an article: left alone
		"  Madrid ":        "madrid",
	}
	for in, want := range cases {
		assert.Equal(t, want, fold(in), in)
	}
}

func TestListIndexLookup(t *testing.T) {
	e := compileFiles(t, map[string]string{"l.yaml": `version: 1
lists:
  p:
    items:
      - {value: "Coruña, A", code: "15", aliases: [La Coruña]}
      - {value: Bizkaia, code: "48", aliases: [Vizcaya]}
fields:
  v:
    checks:
      - province: {list: p}
commands:
  t/cmd:
    params: [v]
`})
	c := &compiler{spec: e.spec, lists: map[string]*listIndex{}}
	li := c.listIndex("p")
	for _, tc := range []struct {
		v            string
		item         int
		exact, found bool
	}{
		{"Coruña, A", 0, true, true},
		{"A Coruña", 0, false, true},
		{"la coruña", 0, false, true},
		{"VIZCAYA", 1, false, true},
		{"Bizkaia", 1, true, true},
		{"Álava", 0, false, false},
	} {
		item, exact, found := li.lookup(tc.v)
		assert.Equal(t, tc.found, found, tc.v)
		if tc.found {
			assert.Equal(t, tc.item, item, tc.v)
			assert.Equal(t, tc.exact, exact, tc.v)
		}
	}
	assert.Empty(t, codes(e, "Bizkaia"))
	assert.Equal(t, []string{"v province-spelling warning"}, codes(e, "Vizcaya"))
	assert.Equal(t, []string{"v province error"}, codes(e, "Gipuzkoa"))
}

// An exact spelling is found without allocating.
func TestListIndexExactDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	e := compileFiles(t, map[string]string{"l.yaml": "version: 1\nlists:\n  p:\n    items: [Madrid, Sevilla]\nfields:\n  v:\n    checks: [{province: {list: p}}]\ncommands:\n  t/cmd:\n    params: [v]\n"})
	req := Request{Command: "t/cmd", Params: []Param{{"v", "Sevilla"}}}
	assert.Zero(t, testing.AllocsPerRun(100, func() { e.Check(req) }))
}
