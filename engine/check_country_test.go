package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountryRules(t *testing.T) {
	e := fieldEngine(t, "checks: [country]\n")
	cases := []struct {
		v    string
		want []string
		fix  string
	}{
		{"US", []string{}, ""},
		{"NO", []string{}, ""},
		{"us", []string{"v country-case warning"}, "US"},
		{"XK", []string{"v country-reserved warning"}, ""},
		{"ac", []string{"v country-case warning", "v country-reserved warning"}, "AC"},
		{"UK", []string{"v country error"}, "GB"},
		{"Germany", []string{"v country error"}, "DE"},
		{"ZZ", []string{"v country error"}, ""},
		{"USA", []string{"v country error"}, "US"},
	}
	for _, tc := range cases {
		r := check1(e, tc.v)
		assert.Equal(t, tc.want, summary(r), tc.v)
		if len(tc.want) > 0 {
			assert.Equal(t, tc.fix, r.Violations[0].Fix, tc.v)
		}
	}
}
