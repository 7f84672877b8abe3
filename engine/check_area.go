package engine

import (
	"slices"
	"strings"

	"github.com/contactlint/contactlint/tldspec"
)

// zipPrefixCheck declares the zip-prefix check; zipPrefixRules compiles it.
var zipPrefixCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeZipPrefix, Severity: Error, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "zip", Kind: tldspec.ParamArg, Default: "zipcode"}, {Name: "list", Kind: tldspec.ListArg, Required: true}},
		Doc:  "the postal code (the parameter named by zip) starts with one of the list's values, when given (an error only because a postal code outside the list provably places the address elsewhere); reported on this field"},
	compile: (*fieldCtx).zipPrefixRules,
}

// zipPrefixRules: the postal code given in another parameter begins with
// one of a list's values (NycContact: New York City's ZIP prefixes). The
// violation is on this field (the API names address1 for an address
// outside the city).
func (fc *fieldCtx) zipPrefixRules(chk checkCall, sev Severity) []rule {
	zip, ok := fc.slotOf(chk, "zip")
	if !ok {
		return nil
	}
	a, _ := chk.Arg("list")
	l := fc.c.listIndex(a.Value()).list
	prefixes := make([]string, len(l.Items))
	for i, it := range l.Items {
		prefixes[i] = it.Value
	}
	r := fc.rule(CodeZipPrefix, sev, chk.Pos, ruleText{msg: chk.Message}, func(_ string, st *state) bool {
		z := st.val[zip]
		return z == "" || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(z, p) })
	})
	r.detail = fc.cmd.params[zip].name + " begins with a value of list " + l.Name
	return []rule{r}
}

// paramValueCheck declares the param-value check; paramValueRules compiles it.
var paramValueCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeParamValue, Severity: Error, Basis: tldspec.BasisSpec,
		Args: []tldspec.ArgInfo{{Name: "param", Kind: tldspec.ParamArg, Required: true}, {Name: "is", Kind: tldspec.ValuesArg, Required: true}},
		Doc:  "another parameter (param) has one of the values given (is), ignoring case; \"\" in is allows it not to be given; reported on this field"},
	compile: (*fieldCtx).paramValueRules,
}

// paramValueRules: another parameter has one of the given values, in any
// case ("" in the list: it may be left out) — NycContact: country US, state
// NY or New York. The violation is on this field.
func (fc *fieldCtx) paramValueRules(chk checkCall, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "param")
	if !ok {
		return nil
	}
	a, _ := chk.Arg("is")
	values := a.Values
	r := fc.rule(CodeParamValue, sev, chk.Pos, ruleText{msg: chk.Message}, func(_ string, st *state) bool {
		v := st.val[slot]
		if st.count[slot] == 0 {
			v = ""
		}
		return slices.ContainsFunc(values, func(want string) bool { return strings.EqualFold(v, want) })
	})
	shown := make([]string, len(values))
	for i, v := range values {
		if shown[i] = v; v == "" {
			shown[i] = "not given"
		}
	}
	r.detail = fc.cmd.params[slot].name + " is " + strings.Join(shown, " or ") + " (any case)"
	return []rule{r}
}
