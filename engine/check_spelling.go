package engine

import (
	"strings"

	"github.com/contactlint/contactlint/tldspec"
)

// spellingCheck declares the spelling check; spellingRules compiles it.
var spellingCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeSpelling, Severity: Warning, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "list", Kind: tldspec.ListArg, Required: true}},
		Doc:  "a value that names an item of the list by another spelling (an alias, other accents or spacing) passes with a warning and the item's spelling as its fix; an item's own spelling, in any case, passes, and a value the list does not name is left to other rules"},
	compile:   (*fieldCtx).spellingRules,
	valueOnly: true,
}

// spellingRules: the value is written as the list writes the item it
// names (NycContact's state: NY or New York, in any case). Another
// spelling of an item (N.Y., NYC) passes with a warning whose fix is the
// item's; whether the API takes it is not known.
func (fc *fieldCtx) spellingRules(chk checkCall, sev Severity) []rule {
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	r := fc.rule(CodeSpelling, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		i, exact, ok := li.lookup(v)
		return !ok || exact || strings.EqualFold(v, li.list.Items[i].Value)
	})
	r.fix = func(v string, _ *state) string {
		i, _, _ := li.lookup(v)
		return li.list.Items[i].Value
	}
	r.detail = "spelt as list " + li.list.Name + " spells an item, in any case (other spellings of its items warn)"
	return []rule{r}
}

// paramInListCheck declares the param-in-list check; paramInListRules
// compiles it.
var paramInListCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeParamInList, Severity: Error, Basis: tldspec.BasisSpec,
		Args: []tldspec.ArgInfo{{Name: "param", Kind: tldspec.ParamArg, Required: true}, {Name: "list", Kind: tldspec.ListArg, Required: true}},
		Doc:  "another parameter (param), when given, names an item of the list in any spelling the list knows (the item's, an alias; case, accents and spacing aside); reported on this field"},
	compile: (*fieldCtx).paramInListRules,
}

// paramInListRules: another parameter, when given, names an item of a
// list in any of its spellings — NycContact: the state is New York,
// however written (the state field's spelling check warns about the
// spelling). The violation is on this field.
func (fc *fieldCtx) paramInListRules(chk checkCall, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "param")
	if !ok {
		return nil
	}
	a, _ := chk.Arg("list")
	li := fc.c.listIndex(a.Value())
	r := fc.rule(CodeParamInList, sev, chk.Pos, ruleText{msg: chk.Message}, func(_ string, st *state) bool {
		if st.count[slot] == 0 || st.val[slot] == "" {
			return true
		}
		_, _, ok := li.lookup(st.val[slot]) // folded: any case
		return ok
	})
	r.detail = fc.cmd.params[slot].name + " is not given or names an item of list " + li.list.Name + " (any spelling it knows)"
	return []rule{r}
}
