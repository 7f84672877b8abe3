package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDigitsRule(t *testing.T) {
	e := fieldEngine(t, "digits: {min: 4, max: 12}\n")
	for _, ok := range []string{"1234", "123456789012", "0000"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"123", "1234567890123", "12a4", "+441234", "١٢٣٤", "12 34"} {
		assert.Equal(t, []string{"v digits error"}, codes(e, bad), bad)
	}
	assert.Equal(t, "2175550123", fixOf(check1(e, "(217) 555-0123"), "digits"))
	assert.Equal(t, "", fixOf(check1(e, "+44 1234"), "digits"), "a number with its country code is not the number")
	assert.Equal(t, "44", fixOf(check1(fieldEngine(t, "digits: {min: 1, max: 3}\n"), "+44"), "digits"))
	assert.Equal(t, "", fixOf(check1(e, "12a4"), "digits"), "no fix when letters remain")
	assert.Equal(t, "Value must be between 4 and 12 digits", check1(e, "1").Violations[0].Message)
}
