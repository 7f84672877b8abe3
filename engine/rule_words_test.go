package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMinWordsRule(t *testing.T) {
	e := fieldEngine(t, "min-words: 2\n")
	for _, ok := range []string{"N A", "Not Applicable", "OOO  Romashka", "a\tb", "Ивan Петров", "a\x0bb"} {
		assert.Empty(t, codes(e, ok), "%q", ok)
	}
	for _, bad := range []string{"NA", "N/A", "Romashka"} {
		assert.Equal(t, []string{"v min-words error"}, codes(e, bad), "%q", bad)
	}
	// Java's \s is ASCII: a no-break space joins words, and warns.
	assert.Equal(t, []string{"v unicode-space warning", "v min-words error"}, codes(e, "Hans\u00a0Muster"))
	assert.Equal(t, "Hans Muster", fixOf(check1(e, "Hans\u00a0Muster"), "unicode-space"))
}

func TestCountWords(t *testing.T) {
	assert.Equal(t, 0, countWords("", 5))
	assert.Equal(t, 3, countWords(" a b  c ", 5))
	assert.Equal(t, 2, countWords("a b c d", 2), "stops at the limit")
	assert.Equal(t, 1, countWords("a\u3000b", 5), "an ideographic space does not separate, as for Java's \\s")
	assert.Equal(t, 2, countWords("a\fb", 5))
}
