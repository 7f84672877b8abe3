package engine

// patternRules: the whole value matches the field's regular expression.
func (fc *fieldCtx) patternRules() []rule {
	p := fc.f.Pattern
	if !p.Set {
		return nil
	}
	re := p.V.Re
	r := fc.rule(CodePattern, Error, p.Pos, ruleText{}, func(v string, _ *state) bool {
		return re.MatchString(v)
	})
	r.detail = "matches " + p.V.Source
	r.expected = patternExpected(re)
	r.basis = p.Basis
	r.schema = func() map[string]any {
		ecma, err := ecmaPattern(re.String(), false)
		if err != nil {
			return nil // RE2 that ECMA-262 cannot say: described instead
		}
		return map[string]any{"pattern": ecma}
	}
	return []rule{r}
}
