package engine

// patternRules: the whole value matches the field's regular expression.
func (fc *fieldCtx) patternRules() []rule {
	p := fc.f.Pattern
	if !p.Set {
		return nil
	}
	re := p.V.Re
	r := fc.rule("pattern", Error, p.Pos, optString{}, "", "", func(v string, _ *state) bool {
		return re.MatchString(v)
	})
	r.detail = "matches " + p.V.Source
	if ecma, err := ecmaPattern(re.String(), false); err == nil {
		r.schema = map[string]any{"pattern": ecma}
	}
	return []rule{r}
}
