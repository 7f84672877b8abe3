package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
