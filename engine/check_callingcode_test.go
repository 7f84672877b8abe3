package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCallingCodeRule(t *testing.T) {
	e := fieldEngine(t, "checks: [calling-code]\n")
	for _, ok := range []string{"1", "44", "34", "7", "800", "882", "979"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"999", "0", "001", "+44", "28"} {
		assert.Equal(t, []string{"v calling-code error"}, codes(e, bad), bad)
	}
	assert.Equal(t, "44", fixOf(check1(e, "+44"), "calling-code"))
	assert.Equal(t, "1", fixOf(check1(e, "001"), "calling-code"))
	assert.Equal(t, "", fixOf(check1(e, "999"), "calling-code"))
}
