package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOneOfRule(t *testing.T) {
	e := fieldEngine(t, "one-of: [Contact, EuContact, 01000, NO]\n")
	for _, ok := range []string{"Contact", "EuContact", "01000", "NO"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"contact", "Contact2", "1000", "no"} {
		assert.Equal(t, []string{"v one-of error"}, codes(e, bad), bad)
	}
	assert.Equal(t, "EuContact", fixOf(check1(e, "eucontact"), "one-of"))
	assert.Equal(t, "", fixOf(check1(e, "Other"), "one-of"))
}
