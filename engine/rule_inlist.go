package engine

// inListRules: the value is an item of a list, exactly (a .CA CPR code,
// an .ES legal form). A value that names an item in another spelling is
// still an error, with the item's spelling as its fix — except a country
// code, which is compared upper-cased.
func (fc *fieldCtx) inListRules() []rule {
	l := fc.f.InList
	if !l.Set {
		return nil
	}
	li := fc.c.listIndex(l.V)
	country := fc.isCountry()
	r := fc.rule(CodeInList, Error, l.Pos, ruleText{}, func(v string, _ *state) bool {
		if country {
			v = upperASCII(v)
		}
		_, ok := li.exact[v]
		return ok
	})
	r.fix = func(v string, _ *state) string {
		if i, _, ok := li.lookup(v); ok {
			return li.list.Items[i].Value
		}
		return ""
	}
	r.accepts, r.foldsCase = li.exactValues(), country
	r.detail = "an item of list " + l.V
	r.expected = listExpected(li.list)
	r.basis = l.Basis
	r.schema = func() map[string]any { return enumSchema(li.exactValues(), country) }
	return []rule{r}
}
