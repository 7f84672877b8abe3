package engine

import (
	"github.com/contactlint/contactlint/tldspec"
)

// provinceRules: the value names an item of a list (EsContact's state:
// the spec's 52 provinces). The spec's spelling passes silently; another
// spelling of the same item (other case or accents, "A Coruña" for
// "Coruña, A", an alias such as Vizcaya for Bizkaia) passes with a warning
// whose fix is the spec's spelling; anything else is an error.
func (fc *fieldCtx) provinceRules(chk *tldspec.Check, sev Severity) []rule {
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	spelling := fc.rule(CodeProvinceSpelling, Warning, chk.Pos, optString{}, "", "", func(v string, _ *state) bool {
		_, exact, ok := li.lookup(v)
		return exact || !ok
	})
	spelling.fix = func(v string, _ *state) string {
		i, _, _ := li.lookup(v)
		return li.list.Items[i].Value
	}
	spelling.detail = "spelt as list " + li.list.Name + " spells it (other spellings warn)"
	known := fc.rule(CodeProvince, sev, chk.Pos, chk.Message, "", "", func(v string, _ *state) bool {
		_, _, ok := li.lookup(v)
		return ok
	})
	known.detail = "names an item of list " + li.list.Name
	return []rule{spelling, known}
}

// postalPrefixRules: the postal code begins with the code of a list item
// (a Spanish postal code with its province's INE number, 01–52): any
// other is provably no such postal code. One that begins with another
// item's code than the parameter named by `by` names (the state's
// province) is only a warning: the spec does not tie the two.
func (fc *fieldCtx) postalPrefixRules(chk *tldspec.Check, sev Severity) []rule {
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	by, ok := fc.slotOf(chk, "by")
	if !ok {
		return nil
	}
	codes := map[string]bool{}
	n := -1
	for _, it := range li.list.Items {
		if it.Code == "" || n >= 0 && len(it.Code) != n {
			fc.c.diags.Errorf(it.Pos, "bad-value", "list %s: postal-prefix needs every item to have a code of the same length", li.list.Name)
			return nil
		}
		n = len(it.Code)
		codes[it.Code] = true
	}
	exists := fc.rule(CodePostalPrefix, sev, chk.Pos, chk.Message, "", "", func(v string, _ *state) bool {
		return len(v) >= n && codes[v[:n]]
	})
	exists.detail = "begins with the code of an item of list " + li.list.Name
	matches := fc.rule(CodePostalProvince, Warning, chk.Pos, optString{}, "", "", func(v string, st *state) bool {
		if len(v) < n || st.count[by] == 0 || st.val[by] == "" {
			return true
		}
		i, _, ok := li.lookup(st.val[by])
		return !ok || li.list.Items[i].Code == v[:n]
	})
	matches.detail = "begins with the code of the item " + fc.cmd.params[by].name + " names"
	return []rule{exists, matches}
}
