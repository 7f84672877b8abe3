package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each with its control as a digit and as a letter.
var validCIF = []string{"A58123456", "A5812345F", "Q28260008", "Q2826000H", "B12345674", "B1234567D"}

func TestCIF(t *testing.T) {
	for _, n := range validCIF {
		assert.True(t, CIF(n), n)
		assert.True(t, NIF(n), n)
	}
	for _, n := range []string{"A58123457", "A5812345G", "I58123456", "A5812345", "A581234567", "158123456"} {
		assert.False(t, CIF(n), n)
	}
	// Only the digits' substitutions: the control letter and digit are
	// two spellings of one value.
	assertSubstitutionsFail(t, CIF, "A5812345F", "Q2826000H", "B1234567D")
	assertSameVerdict(t, CIF, append(validCIF, "A58123457")...)
}
