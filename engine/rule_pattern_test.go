package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPatternRule(t *testing.T) {
	e := fieldEngine(t, "pattern: '#?[A-Z0-9]{2,16}'\nmessage: custom\n")
	for _, ok := range []string{"#VI", "NEWTAG", "AB"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"vi", "A", "xNEWTAG", "NEWTAG!", "##VI"} {
		assert.Equal(t, []string{"v pattern error"}, codes(e, bad), "the pattern is anchored: %s", bad)
	}
	assert.Equal(t, "Value is not acceptable", check1(e, "x").Violations[0].Message, "the field's message")
}
