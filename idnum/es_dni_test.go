package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var (
	validDNI = []string{"12345678Z", "87654321X", "00000001R", "99999999R"}
	validKLM = []string{"K1234567L", "L7654321J", "M0000002W"}
)

func TestDNI(t *testing.T) {
	for _, n := range validDNI {
		assert.True(t, DNI(n), n)
	}
	for _, n := range []string{"12345678A", "1234567Z", "123456789Z", "1234567AZ", "12345678z", "", "X1234567L", "K1234567L"} {
		assert.False(t, DNI(n), n)
	}
	assertSubstitutionsFail(t, DNI, validDNI...)
	assertSameVerdict(t, DNI, append(validDNI, "12345678A")...)
}

func TestNIFKLM(t *testing.T) {
	for _, n := range validKLM {
		assert.True(t, NIFKLM(n), n)
		assert.True(t, NIF(n), n)
	}
	for _, n := range []string{"K1234567A", "J1234567L", "K123456L", "12345678Z"} {
		assert.False(t, NIFKLM(n), n)
	}
	assertSubstitutionsFail(t, NIFKLM, validKLM...)
	assertSameVerdict(t, NIFKLM, validKLM...)
}
