package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIntegerRule(t *testing.T) {
	e := fieldEngine(t, "type: integer\n")
	// What Java's Integer.parseInt reads: the API's integers are ints.
	for _, ok := range []string{"0", "12345", "-1", "+7", "2147483647", "-2147483648", "0002147483647", "007"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"abc", "12.5", "1e3", "-", "+", "2147483648", "-2147483649", "9999999999", "1234567890123456789", "0x1F", "12 345"} {
		assert.Equal(t, []string{"v integer error"}, codes(e, bad), bad)
	}
	assert.Equal(t, "12345", fixOf(check1(e, "12 345"), "integer"))
	assert.Equal(t, "Value is invalid", check1(e, "x").Violations[0].Message, "integer falls back to invalid")
}

func TestBooleanRule(t *testing.T) {
	e := fieldEngine(t, "type: boolean\n")
	for _, ok := range []string{"true", "false", "TRUE", "False"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, odd := range []string{"yes", "1", "t"} {
		assert.Equal(t, []string{"v boolean warning"}, codes(e, odd), odd)
	}
}
