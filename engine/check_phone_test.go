package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPhoneNumberRule(t *testing.T) {
	e := fieldEngine(t, "checks:\n  - phone-number: {cc: cc}\n")
	cases := []struct {
		phone, cc string
		want      []string
		fix       string
	}{
		{"2175550123", "1", []string{}, ""},
		{"2079460000", "44", []string{}, ""},
		{"912345678", "34", []string{}, ""},
		{"0612345678", "39", []string{}, ""}, // Italian numbers keep their leading zero
		{"4951234567", "7", []string{}, ""},
		{"1234", "1", []string{"v phone-number warning"}, ""},
		{"02079460000", "44", []string{"v phone-number warning"}, "2079460000"},
		{"2175550123", "999", []string{}, ""}, // the code's own error; nothing to judge
		{"21755501ab", "1", []string{}, ""},   // the digits rule's business
	}
	for _, tc := range cases {
		r := check1(e, tc.phone, "cc="+tc.cc)
		assert.Equal(t, tc.want, summary(r), "+%s %s", tc.cc, tc.phone)
		if len(tc.want) > 0 {
			assert.Equal(t, tc.fix, r.Violations[0].Fix, "+%s %s", tc.cc, tc.phone)
		}
	}
	off := fieldEngine(t, "checks:\n  - phone-number: {cc: cc}\n", Options{SkipPhoneValidity: true})
	assert.Empty(t, codes(off, "1234", "cc=1"), "SkipPhoneValidity")
}
