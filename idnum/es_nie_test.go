package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var validNIE = []string{"X1234567L", "Y7654321G", "Z0000001Y"}

func TestNIE(t *testing.T) {
	for _, n := range validNIE {
		assert.True(t, NIE(n), n)
		assert.False(t, NIF(n), "a NIE is not a DNI, K/L/M NIF or CIF: %s", n)
	}
	for _, n := range []string{"X1234567A", "W1234567L", "X123456L", "12345678Z", "XX234567L"} {
		assert.False(t, NIE(n), n)
	}
	assertSubstitutionsFail(t, NIE, validNIE...)
	assertSameVerdict(t, NIE, append(validNIE, "X1234567A")...)
}
