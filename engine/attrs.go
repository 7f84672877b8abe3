package engine

import (
	"cmp"
	"strings"

	"github.com/contactlint/contactlint/internal/text/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// Extra details travel as numbered pairs: attr-name1=kpp&attr-value1=…
// attrPair collects one number's name and value.
type attrPair struct {
	num         string // N as written: pairs match on it
	n           int    // N's value
	odd         bool   // N has a sign or leading zeros
	name, value string
	raw         string // the value as given
	sent        string // the value trimmed, before NFC, where NFC changed it
	flags       uint8  // what normalising the value found
	hasName     bool
	hasValue    bool
	slot        int // the declared attribute's slot it gives (bind), or -1
}

// comparePairs orders pairs by their number, as the API's own reading
// must (attr-name2 before attr-name10), never by where the request
// writes them; the same number written two ways (1, 01) by how it is
// written.
func comparePairs(a, b attrPair) int {
	if c := cmp.Compare(a.n, b.n); c != 0 {
		return c
	}
	return strings.Compare(a.num, b.num)
}

// compareParamNames orders parameter names for requests built from a map
// (ParamsFromValues, ParamsFromMap): by name, with the attr-nameN and
// attr-valueN pairs together in the place "attr-" sorts to, by number,
// each name before its value.
func compareParamNames(a, b string) int {
	an, aName, _, aok := attrParam(a)
	bn, bName, _, bok := attrParam(b)
	ka, kb := a, b
	if aok {
		ka = "attr-"
	}
	if bok {
		kb = "attr-"
	}
	if c := strings.Compare(ka, kb); c != 0 || !aok && !bok {
		return c
	}
	if aok != bok { // "attr-" itself, which is no pair, first
		if aok {
			return 1
		}
		return -1
	}
	if c := comparePairs(attrPair{n: atoi(an), num: an}, attrPair{n: atoi(bn), num: bn}); c != 0 {
		return c
	}
	switch {
	case aName == bName:
		return 0
	case aName:
		return -1
	}
	return 1
}

// attrParam reads a parameter named attr-nameN or attr-valueN: N as
// written (a pair is the name and value with the same N), and whether N
// is written oddly, with a sign or leading zeros (attr-name01), which the
// API may read as another number or not at all. It is the one reader of
// these names, for Check and CheckSet alike.
func attrParam(param string) (num string, isName, odd, ok bool) {
	switch {
	case strings.HasPrefix(param, "attr-name"):
		isName, num = true, param[len("attr-name"):]
	case strings.HasPrefix(param, "attr-value"):
		num = param[len("attr-value"):]
	default:
		return "", false, false, false
	}
	digits := num
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits, odd = digits[1:], true
	}
	if digits == "" || len(digits) > 6 || !allDigits(digits) {
		return "", false, false, false
	}
	if len(digits) > 1 && digits[0] == '0' {
		odd = true
	}
	return num, isName, odd, true
}

// addAttr files p under its pair when it is attr-nameN or attr-valueN,
// and reports whether it was one. The first name and the first value of a
// number count, as the API reads the first of a repeated parameter.
func (st *state) addAttr(param, value string) bool {
	num, isName, odd, ok := attrParam(param)
	if !ok {
		return false
	}
	a := st.pairOf(num)
	if a == nil {
		st.attrs = append(st.attrs, attrPair{num: num, n: atoi(num), odd: odd})
		a = &st.attrs[len(st.attrs)-1]
		if st.pairIx != nil {
			st.pairIx[num] = len(st.attrs) - 1
		}
	}
	switch {
	case isName && !a.hasName:
		a.name, _, _ = normalize(value)
		a.hasName = true
	case !isName && !a.hasValue:
		a.value, a.sent, a.flags = normalize(value)
		a.raw, a.hasValue = value, true
	}
	return true
}

// pairOf finds the pair numbered num: by a scan while pairs are few (the
// common request has under ten), by an index once they are many, so that
// a request of thousands costs linear time.
func (st *state) pairOf(num string) *attrPair {
	if st.pairIx == nil {
		for i := range st.attrs {
			if st.attrs[i].num == num {
				return &st.attrs[i]
			}
		}
		if len(st.attrs) < 16 {
			return nil
		}
		st.pairIx = make(map[string]int, 2*len(st.attrs))
		for i := range st.attrs {
			st.pairIx[st.attrs[i].num] = i
		}
		return nil
	}
	if i, ok := st.pairIx[num]; ok {
		return &st.attrs[i]
	}
	return nil
}

// checkAttrs reports what is wrong with the pairs as pairs: a half pair
// (a name without any value parameter, a value without a name), a number
// written oddly, an older name of an attribute, an attribute that none of
// the request's TLDs knows (the API stores it, and a typo such as
// es_identification loses the detail), details that cannot be checked for
// want of a TLD, and, for a command that requires details, none given. A
// name with an empty value is a detail not given: only its absence counts
// (attr-required, when the rules require it). All but the last are
// warnings.
func (e *Engine) checkAttrs(cmd *command, ti, ri int, tlds []int, rs *ruleSet, st *state, out []Violation) []Violation {
	pos := cmd.spec.Attrs.Pos
	named, complete := false, false
	unknown := 0
	for i := range st.attrs {
		a := &st.attrs[i]
		hasName := a.hasName && a.name != ""
		if a.odd {
			param := "attr-value" + a.num
			if a.hasName {
				param = "attr-name" + a.num
			}
			out = add(out, Violation{Field: param, Param: param, Code: CodeAttrNumber, Severity: Warning,
				Message: render(e.attrNumber, vars{param: param, key: param, label: param}), Rule: pos})
		}
		if hasName {
			named = true
			if canon, isAlias := cmd.aliasOf[a.name]; isAlias && e.attrKnown(cmd, ti, ri, tlds, rs, canon) {
				param := "attr-name" + a.num
				out = add(out, Violation{Field: canon, Param: param, Code: CodeAttrAlias, Severity: Warning,
					Message: render(e.attrAlias, vars{param: param, key: a.name, label: canon}), Fix: canon, Rule: cmd.aliasPos[a.name]})
			} else if !e.attrKnown(cmd, ti, ri, tlds, rs, a.name) {
				out = add(out, e.unknownAttrViolation(cmd, rs, a, pos, unknown < maxSuggestions))
				unknown++
			}
		}
		switch {
		case hasName && !a.hasValue:
			param := "attr-value" + a.num
			out = add(out, Violation{Field: a.name, Param: param, Code: CodeAttrPair, Severity: Warning,
				Message: render(e.attrPair, vars{param: param, key: a.name, label: a.name}), Rule: pos})
		case !hasName && a.hasValue && a.value != "":
			param, given := "attr-name"+a.num, "attr-value"+a.num
			out = add(out, Violation{Field: param, Param: param, Code: CodeAttrPair, Severity: Warning,
				Message: render(e.attrPairName, vars{param: param, key: given, label: given}), Rule: pos})
		}
		complete = complete || hasName && a.hasValue && a.value != "" && !a.odd
	}
	if cmd.attrsRequired != nil && !complete {
		out = add(out, *cmd.attrsRequired)
	}
	if named && len(tlds) == 0 && rs.known == nil {
		out = add(out, Violation{Field: "tld", Param: "tld", Code: CodeAttrsUnchecked, Severity: Warning, Message: e.attrsUnchecked, Rule: pos})
	}
	return out
}

// attrKnown reports whether the rules know the attribute for the request:
// any TLD's rules when it names none, else the rules of one of its TLDs.
func (e *Engine) attrKnown(cmd *command, ti, ri int, tlds []int, rs *ruleSet, name string) bool {
	if rs.known == nil {
		_, ok := cmd.attrIx.lookup(name)
		return ok
	}
	if rs.known[name] {
		return true
	}
	for _, li := range tlds {
		if other := cmd.set(e, ti, li, ri).get(); other.known != nil && other.known[name] {
			return true
		}
	}
	return false
}

// undeclaredAttr is the value of an attribute no rule declares (so it has
// no slot) that a condition tests: read as bind reads a declared one, the
// lowest-numbered pair that names it with a value.
func (st *state) undeclaredAttr(name string) string {
	for i := range st.attrs {
		if a := &st.attrs[i]; a.hasName && !a.odd && a.name == name && a.value != "" {
			return a.value
		}
	}
	return ""
}

func (e *Engine) unknownAttrViolation(cmd *command, rs *ruleSet, a *attrPair, pos tldspec.Pos, withSuggestion bool) Violation {
	param := "attr-name" + a.num
	if e.MayHoldSecret(a.name) {
		// Never shown: a credential may be in it (MaskedName).
		msg := render(e.unknownAttr, vars{param: param, key: MaskedName, label: MaskedName, command: cmd.name})
		return Violation{Field: MaskedName, Param: param, Code: CodeUnknownAttr, Severity: Warning, Message: msg, Rule: pos}
	}
	shown := shorten(a.name)
	msg := render(e.unknownAttr, vars{param: param, key: shown, label: shown, command: cmd.name})
	if !withSuggestion {
		return Violation{Field: a.name, Param: param, Code: CodeUnknownAttr, Severity: Warning, Message: msg, Rule: pos}
	}
	known := rs.knownList
	if rs.known == nil {
		known = cmd.attrNames
	}
	msg += suggest.ParenHint(a.name, known)
	return Violation{Field: a.name, Param: param, Code: CodeUnknownAttr, Severity: Warning, Message: msg, Rule: pos}
}
