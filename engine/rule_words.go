package engine

// wordsRules: the value has at least MinWords words, separated by white
// space as Java's \s knows it — space, tab, line breaks, form feed,
// vertical tab, and nothing outside ASCII ("N/A" is one word, "N A" two,
// "Hans\u00a0Muster" one).
func (fc *fieldCtx) wordsRules() []rule {
	w := fc.f.MinWords
	if !w.Set {
		return nil
	}
	limit := w.V
	r := fc.rule(CodeMinWords, Error, w.Pos, ruleText{min: itoa(limit)}, func(v string, _ *state) bool {
		return countWords(v, limit) >= limit
	})
	r.detail = "at least " + itoa(limit) + " words"
	r.expected = "at least " + itoa(limit) + " words separated by spaces"
	r.basis = w.Basis
	if limit > 0 {
		// Spelt out, not \s: JSON Schema's \s (ECMA-262) knows the
		// Unicode spaces, which the API's Java \s does not.
		const sp, word = `[\t\n\x0B\f\r ]`, `[^\t\n\x0B\f\r ]`
		r.schema = func() map[string]any {
			return map[string]any{"pattern": `^` + sp + `*` + word + `+(?:` + sp + `+` + word + `+){` + itoa(limit-1) + `,}` + sp + `*$`}
		}
	}
	return []rule{r}
}

// countWords counts words separated by Java's \s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
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
