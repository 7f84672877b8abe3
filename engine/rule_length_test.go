package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLengthRules(t *testing.T) {
	e := fieldEngine(t, "min-length: 2\nmax-length: 5\n")
	cases := []struct {
		v    string
		want []string
	}{
		{"ab", []string{}},
		{"abcde", []string{}},
		{"a", []string{"v too-short error"}},
		{"abcdef", []string{"v too-long error"}},
		{"ñandú", []string{}},                 // 5 characters, 7 bytes
		{"😀😀😀", []string{"v too-long error"}}, // 6 UTF-16 units, as Java counts
		{"😀ab", []string{}},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, codes(e, tc.v), "%q", tc.v)
	}
	r := check1(e, "abcdef")
	assert.Equal(t, "Value cannot be longer than 5 characters", r.Violations[0].Message)
	assert.Equal(t, "t/field.yaml:6:5", r.Violations[0].Rule.String(), "the rule's position is its key")
}

func TestJavaLength(t *testing.T) {
	assert.Equal(t, 0, javaLength(""))
	assert.Equal(t, 3, javaLength("abc"))
	assert.Equal(t, 5, javaLength("Coruña"[:0]+"ñandú"))
	assert.Equal(t, 2, javaLength("😀"))
	assert.Equal(t, 1, javaLength("\xff"), "an invalid byte is one replacement character")
	assert.Equal(t, 100000, javaLength(strings.Repeat("a", 100000)))
}
