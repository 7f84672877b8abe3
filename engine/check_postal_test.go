package engine

import (
	"testing"
	"testing/fstest"

	"github.com/contactlint/contactlint/tldspec"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPostalCodeRules(t *testing.T) {
	e := fieldEngine(t, "checks:\n  - postal-code: {country: country}\n")
	cases := []struct {
		zip, country string
		want         []string
		fix          string
	}{
		{"62701", "US", []string{}, ""},
		{"62701-1234", "US", []string{}, ""},
		{"ABCDE", "US", []string{"v postal-code error"}, ""},
		{"K1A 0B1", "CA", []string{}, ""},
		{"k1a 0b1", "CA", []string{"v postal-case warning"}, "K1A 0B1"},
		{"D1A 0B1", "CA", []string{"v postal-code error"}, ""},
		{"SW1A 1AA", "GB", []string{}, ""},
		{"RH6 OHP", "GB", []string{"v postal-code error"}, ""},
		{"1234 AB", "NL", []string{}, ""},
		{"01310.100", "BR", []string{"v postal-code error"}, "01310-100"}, // the separator of the right kind, at its place
		{"01310 100", "BR", []string{"v postal-code error"}, "01310-100"},
		// A fix never deletes a character: a code of another shape made to
		// fit hides a real error (a UK code in Ireland, a Polish one in
		// Germany).
		{"123-45", "DE", []string{"v postal-code error"}, ""},
		{"00-950", "DE", []string{"v postal-code error"}, ""},
		{"SW1Y 4LB", "IE", []string{"v postal-code error"}, ""},
		{"1-0001", "US", []string{"v postal-code error"}, ""},
		{"123-45", "GB", []string{"v postal-code error"}, ""},
		{"1000 100", "JP", []string{"v postal-code error"}, ""},
		{"00950", "PL", []string{"v postal-separator warning"}, "00-950"}, // the hyphen Poland's format wants
		{"627011234", "US", []string{"v postal-separator warning"}, "62701-1234"},
		{"00 950", "PL", []string{"v postal-code error"}, "00-950"}, // a wrong separator stays an error
		{"ASCN1ZZ", "AC", []string{"v postal-separator warning"}, "ASCN 1ZZ"},
		{"anything at all", "AE", []string{}, ""}, // no postal system
		{"ABCDE", "ZZ", []string{}, ""},           // the country's own error
		{"62701", "us", []string{}, ""},           // lower-case country still selects US
		{"ABCDE", "", []string{}, ""},
	}
	for _, tc := range cases {
		r := check1(e, tc.zip, "country="+tc.country)
		assert.Equal(t, tc.want, summary(r), "%s %q", tc.country, tc.zip)
		if len(tc.want) > 0 {
			assert.Equal(t, tc.fix, r.Violations[0].Fix, "%s %q", tc.country, tc.zip)
		}
	}
}

// A code that fits only its country's former format (the former option's
// list) passes with a warning and no fix; one of neither format, or of
// another country's former one, stays the error.
func TestPostalFormerFormat(t *testing.T) {
	e := compileFiles(t, map[string]string{"field.yaml": "version: 1\nlists:\n  former:\n    items:\n" +
		"      - {value: KR, code: '\\d{3}[\\-]\\d{3}'}\n      - {value: PE, code: '(?:LIMA \\d|CALLAO 0?)\\d'}\n" +
		"fields:\n  v:\n    label: Value\n    checks:\n      - postal-code: {country: country, former: former}\n" +
		"commands:\n  t/cmd:\n    params: [v, country]\n"})
	for _, tc := range []struct {
		zip, country string
		want         []string
	}{
		{"135-080", "KR", []string{"v postal-former warning"}},
		{"04524", "KR", []string{}}, // the current format
		{"1350-80", "KR", []string{"v postal-code error"}},
		{"LIMA 15", "PE", []string{"v postal-former warning"}},
		{"lima 15", "PE", []string{"v postal-former warning"}}, // matched upper-cased
		{"CALLAO 03", "PE", []string{"v postal-former warning"}},
		{"LIMA", "PE", []string{"v postal-code error"}},
		{"135-080", "JP", []string{"v postal-code error"}}, // Korea's former format, not Japan's
	} {
		r := check1(e, tc.zip, "country="+tc.country)
		assert.Equal(t, tc.want, summary(r), "%s %q", tc.country, tc.zip)
		if len(r.Violations) > 0 && r.Violations[0].Code == CodePostalFormer {
			assert.Empty(t, r.Violations[0].Fix, "no fix: the current code cannot be derived")
		}
	}
}

// A former-formats list whose pattern does not compile is refused when the
// rules are loaded, at the item.
func TestPostalFormerListHeld(t *testing.T) {
	src := "version: 1\nlists:\n  former:\n    items:\n      - {value: KR, code: '(\\d'}\n" +
		"fields:\n  v:\n    checks:\n      - postal-code: {country: country, former: former}\ncommands:\n  t/cmd:\n    params: [v, country]\n"
	fsys := fstest.MapFS{"catalogue.yaml": {Data: []byte(testCatalogue)}, "f.yaml": {Data: []byte(src)}}
	_, err := tldspec.Load(Catalog(), tldspec.Source{Name: "t", FS: fsys})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "f.yaml:5:")
}
