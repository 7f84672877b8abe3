package engine

import (
	"errors"

	"github.com/contactlint/contactlint/tldspec"
)

// provinceCheck declares the province check; provinceRules compiles it.
var provinceCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeProvince, Severity: Error, Basis: tldspec.BasisSpec,
		Args: []tldspec.ArgInfo{{Name: "list", Kind: tldspec.ListArg, Required: true}},
		Doc:  "names an item of the list, ignoring case, accents and article order (\"Coruña, A\" = \"A Coruña\"); a spelling other than the item's own passes with a warning and the item's spelling as its fix"},
	compile:   (*fieldCtx).provinceRules,
	valueOnly: true,
}

// provinceRules: the value names an item of a list (EsContact's state:
// the spec's 52 provinces). The spec's spelling passes silently; another
// spelling of the same item (other case or accents, "A Coruña" for
// "Coruña, A", an alias such as Vizcaya for Bizkaia) passes with a warning
// whose fix is the spec's spelling; anything else is an error.
func (fc *fieldCtx) provinceRules(chk checkCall, sev Severity) []rule {
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	spelling := fc.rule(CodeProvinceSpelling, Warning, chk.Pos, ruleText{}, func(v string, _ *state) bool {
		_, exact, ok := li.lookup(v)
		return exact || !ok
	})
	spelling.fix = func(v string, _ *state) string {
		i, _, _ := li.lookup(v)
		return li.list.Items[i].Value
	}
	spelling.detail = "spelt as list " + li.list.Name + " spells it (other spellings warn)"
	known := fc.rule(CodeProvince, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		_, _, ok := li.lookup(v)
		return ok
	})
	known.detail = "names an item of list " + li.list.Name
	known.expected = listExpected(li.list)
	return []rule{spelling, known}
}

// prefixCodes holds a postal-prefix list to what the check needs: every
// item has a code, and all codes have one length.
func prefixCodes(l *tldspec.List) (tldspec.Pos, error) {
	for _, it := range l.Items {
		if it.Code == "" || len(it.Code) != len(l.Items[0].Code) {
			return it.Pos, errors.New("postal-prefix needs every item to have a code of the same length")
		}
	}
	return tldspec.Pos{}, nil
}

// postalPrefixCheck declares the postal-prefix check; postalPrefixRules compiles it.
var postalPrefixCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodePostalPrefix, Severity: Error, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "list", Kind: tldspec.ListArg, Required: true, ValidList: prefixCodes}, {Name: "by", Kind: tldspec.ParamArg, Default: "state"}},
		Doc:  "the postal code starts with the code of an item of the list (an error only because no such code exists: a Spanish postal code begins with an INE province code, 01-52); one that belongs to another item than the parameter named by by names is a warning (postal-province)"},
	compile: (*fieldCtx).postalPrefixRules,
}

// postalPrefixRules: the postal code begins with the code of a list item
// (a Spanish postal code with its province's INE number, 01–52): any
// other is provably no such postal code. One that begins with another
// item's code than the parameter named by `by` names (the state's
// province) is only a warning: the spec does not tie the two.
func (fc *fieldCtx) postalPrefixRules(chk checkCall, sev Severity) []rule {
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	by, ok := fc.slotOf(chk, "by")
	if !ok {
		return nil
	}
	codes := map[string]bool{}
	n := 0 // Load held the list to prefixCodes: codes of one length
	for _, it := range li.list.Items {
		n = len(it.Code)
		codes[it.Code] = true
	}
	exists := fc.rule(CodePostalPrefix, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		return len(v) >= n && codes[v[:n]]
	})
	exists.detail = "begins with the code of an item of list " + li.list.Name
	matches := fc.rule(CodePostalProvince, Warning, chk.Pos, ruleText{}, func(v string, st *state) bool {
		if len(v) < n || st.count[by] == 0 || st.val[by] == "" {
			return true
		}
		i, _, ok := li.lookup(st.val[by])
		return !ok || li.list.Items[i].Code == v[:n]
	})
	matches.detail = "begins with the code of the item " + fc.cmd.params[by].name + " names"
	return []rule{exists, matches}
}
