package idnum

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var validUSCC = []string{"91110108MA01C2XX0T", "52440300MJL1234565", "12100000400000624D", "9135020078A1234BCK"}

func TestUSCC(t *testing.T) {
	for _, n := range validUSCC {
		assert.True(t, USCC(n), n)
	}
	for _, n := range []string{
		"91110108MA01C2XX0A", // wrong check
		"91110108MA01C2XX0",  // 17 characters
		"911101O8MA01C2XX0T", // O in the region code
		"91110108MA01C2XI0T", // I is not in the alphabet
		"9111A108MA01C2XX0T", // a letter in the region code
		"91110108ma01c2xx0t", // lower case: compact first
	} {
		assert.False(t, USCC(n), n)
	}
	assertSubstitutionsFail(t, USCC, validUSCC...)
	assertSameVerdict(t, USCC, append(validUSCC, "91110108MA01C2XX0A")...)
}
