package engine

import (
	"unicode"
	"unicode/utf8"
)

// wordsRules: the value has at least MinWords words, separated by white
// space ("N/A" is one word, "N A" two).
func (fc *fieldCtx) wordsRules() []rule {
	w := fc.f.MinWords
	if !w.Set {
		return nil
	}
	limit := w.V
	r := fc.rule("min-words", Error, w.Pos, optString{}, itoa(limit), "", func(v string, _ *state) bool {
		return countWords(v, limit) >= limit
	})
	r.detail = "at least " + itoa(limit) + " words"
	if limit > 0 {
		r.schema = func() map[string]any {
			return map[string]any{"pattern": `^\s*\S+(?:\s+\S+){` + itoa(limit-1) + `,}\s*$`}
		}
	}
	return []rule{r}
}

// countWords counts white-space separated words, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		space := r < utf8.RuneSelf && (r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f') || r >= utf8.RuneSelf && unicode.IsSpace(r)
		if !space && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = !space
	}
	return n
}
