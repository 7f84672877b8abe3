package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKPP(t *testing.T) {
	for _, n := range []string{"773601001", "500101001", "123456789"} {
		assert.True(t, KPP(n), n)
		assert.True(t, KPPWithLetters(n), n)
	}
	for _, n := range []string{"7736AB001", "77360Z001"} {
		assert.False(t, KPP(n), n)
		assert.True(t, KPPWithLetters(n), "letters in the reason code, allowed since 2013: %s", n)
	}
	for _, n := range []string{"77360100", "7736010011", "A73601001", "7736ab001", "773601A01", "7736-1001", ""} {
		assert.False(t, KPPWithLetters(n), n)
	}
	assertSameVerdict(t, KPPWithLetters, "773601001", "7736AB001", "77360100")
}
