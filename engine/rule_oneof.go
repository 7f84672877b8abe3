package engine

import "strings"

// oneOfRules: the value is one of the listed values, exactly. A value that
// differs only in case is still an error (the API compares exactly), with
// the listed spelling as its fix — except a country code, which is
// compared upper-cased (its case is the country check's warning).
func (fc *fieldCtx) oneOfRules() []rule {
	o := fc.f.OneOf
	if !o.Set {
		return nil
	}
	values := o.V
	set := make(map[string]struct{}, len(values))
	for _, v := range values {
		set[v] = struct{}{}
	}
	country := fc.isCountry()
	r := fc.rule(CodeOneOf, Error, o.Pos, ruleText{}, func(v string, _ *state) bool {
		if country {
			v = upperASCII(v)
		}
		_, ok := set[v]
		return ok
	})
	r.accepts, r.foldsCase = values, country
	r.detail = "one of " + strings.Join(values, ", ")
	r.expected = oneOfExpected(values)
	r.basis = o.Basis
	r.schema = func() map[string]any { return enumSchema(values, country) }
	r.fix = func(v string, _ *state) string {
		for _, want := range values {
			if strings.EqualFold(v, want) {
				return want
			}
		}
		return ""
	}
	return []rule{r}
}
