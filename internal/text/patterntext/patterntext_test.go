package patterntext

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A simple pattern is said in words, and its example is one it matches;
// one too intricate to say keeps its example.
func TestSay(t *testing.T) {
	for pattern, want := range map[string]string{
		`\d{5}`:                   "5 digits",
		`[A-Z]{2}\d{6}`:           "2 letters and 6 digits",
		`\d{3}-?\d{4}`:            "3 digits, an optional hyphen and 4 digits",
		`(?:37)?\d{4}`:            `optionally "37" and 4 digits`,
		`\d{4}(?: ?[A-Z]{2})?`:    "4 digits, optionally followed by an optional space and 2 letters",
		`[A-Z]{3} ?\d{2,4}`:       "3 letters, an optional space and 2 to 4 digits",
		`^[0-9]+$`:                "one or more digits",
		`\d{3}(?:\d{2}|[A-Z]{2})`: "",
	} {
		desc, ex := Say(pattern)
		assert.Equal(t, want, desc, pattern)
		assert.Regexp(t, regexp.MustCompile(`^(?:`+pattern+`)$`), ex, "%s: the example %q matches", pattern, ex)
	}
	desc, ex := Say(`(`)
	assert.Empty(t, desc+ex, "a pattern that does not parse says nothing")
}
