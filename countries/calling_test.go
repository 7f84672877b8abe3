package countries

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCallingCodes(t *testing.T) {
	cc := NewCallingCodes()
	for _, s := range []string{"1", "7", "34", "44", "86", "380", "800", "808", "870", "878", "881", "882", "883", "888", "979"} {
		assert.True(t, cc.Assigned(s), s)
	}
	for _, s := range []string{"", "0", "01", "001", "+1", "999", "1234", "28", "x", "4 4", "١"} {
		assert.False(t, cc.Assigned(s), s)
	}
}
