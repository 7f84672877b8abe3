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
		// Written with the country's trunk prefix (8 for Russia) or its own
		// calling code: the national number is the one reading.
		{"84951234567", "7", []string{"v phone-number warning"}, "4951234567"},
		{"12125550100", "1", []string{"v phone-number warning"}, "2125550100"},
		{"442079460000", "44", []string{"v phone-number warning"}, "2079460000"},
		{"12125550", "1", []string{"v phone-number warning"}, ""}, // no reading is valid
		// 00 and the code, then too few digits: no fix, never the zeros
		// alone, which would leave the code inside the number.
		{"00391234567", "39", []string{"v phone-number warning"}, ""},
		{"00491234567", "49", []string{"v phone-number warning"}, ""},
		{"00442079460000", "44", []string{"v phone-number warning"}, "2079460000"},
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
