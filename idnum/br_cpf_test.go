package idnum

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

var validCPF = []string{"12345678909", "98765432100", "11144477735"}

func TestCPF(t *testing.T) {
	for _, n := range validCPF {
		assert.True(t, CPF(n), n)
	}
	for _, n := range []string{"12345678900", "1234567890", "123456789091", "1234567890A", ""} {
		assert.False(t, CPF(n), n)
	}
	// Repeated digits pass the arithmetic but are never issued.
	for d := '0'; d <= '9'; d++ {
		n := string([]rune{d, d, d, d, d, d, d, d, d, d, d})
		assert.False(t, CPF(n), n)
	}
	assertSameVerdict(t, CPF, append(validCPF, "12345678900")...)
}

// CPF's check digits map remainders 0 and 1 to the same digit, so a change
// of one digit that moves a remainder between them can go unnoticed (0.19%
// of changes, measured). Every accepted change must be one of those.
func TestCPFSubstitutionsFailButForTheCollapse(t *testing.T) {
	rems := func(s string) [2]int {
		var r [2]int
		for k, n := range []int{9, 10} {
			sum := 0
			for i := 0; i < n; i++ {
				sum += int(s[i]-'0') * (n + 1 - i)
			}
			r[k] = sum % 11
		}
		return r
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		b := make([]byte, 9)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		s := string(b) + string(cpfDigit(string(b)))
		n := s + string(cpfDigit(s))
		substitutions(n, func(c string) {
			if CPF(c) {
				r, rc := rems(n), rems(c)
				for k := range r {
					assert.True(t, r[k] == rc[k] || r[k] < 2 && rc[k] < 2, "%s changed to %s passes", n, c)
				}
			}
		})
	}
}
