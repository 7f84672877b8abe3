package engine

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/contactlint/contactlint/internal/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// Extra details travel as numbered pairs: attr-name1=kpp&attr-value1=…
// attrPair collects one N's name and value.
type attrPair struct {
	n                 int
	name, value       string
	raw               string // the value as given
	flags             uint8  // what normalising the value found
	hasName, hasValue bool
}

// addAttr files p under its pair when it is attr-nameN or attr-valueN,
// and reports whether it was one.
func (st *state) addAttr(param, value string) bool {
	var isName bool
	var num string
	switch {
	case len(param) > len("attr-name") && param[:len("attr-name")] == "attr-name":
		isName, num = true, param[len("attr-name"):]
	case len(param) > len("attr-value") && param[:len("attr-value")] == "attr-value":
		num = param[len("attr-value"):]
	default:
		return false
	}
	if len(num) > 6 || !allDigits(num) {
		return false
	}
	n, _ := strconv.Atoi(num)
	v, flags := normalize(value)
	var a *attrPair
	for i := range st.attrs {
		if st.attrs[i].n == n {
			a = &st.attrs[i]
		}
	}
	if a == nil {
		st.attrs = append(st.attrs, attrPair{n: n})
		a = &st.attrs[len(st.attrs)-1]
	}
	switch {
	case isName && !a.hasName:
		a.name, a.hasName = v, true
	case !isName && !a.hasValue:
		a.value, a.raw, a.flags, a.hasValue = v, value, flags, true
	}
	return true
}

// checkAttrs reports halves of pairs (a name without its value, a value
// without a name) and attributes the rules do not know for the request's
// TLD: the API stores them, and a typo (es_identification) loses the
// detail. The violation's field is the attribute's name when known.
func (e *Engine) checkAttrs(cmd *command, rs *ruleSet, st *state, out []Violation) []Violation {
	pos := cmd.spec.Attrs.Pos
	for i := range st.attrs {
		a := &st.attrs[i]
		if a.hasName && a.name != "" {
			_, declared := cmd.attrIx.lookup(a.name)
			if rs.known != nil && !rs.known[a.name] || rs.known == nil && !declared {
				out = add(out, e.unknownAttrViolation(cmd, rs, a, pos))
			}
		}
		n := strconv.Itoa(a.n)
		switch {
		case a.hasName && a.name != "" && (!a.hasValue || a.value == ""):
			param := "attr-value" + n
			out = add(out, Violation{Field: a.name, Param: param, Code: codeAttrPair, Severity: Error,
				Message: render(e.attrPair, vars{param: param, key: a.name, label: a.name}), Rule: pos})
		case !a.hasName || a.name == "":
			param := "attr-name" + n
			if a.value == "" {
				continue // an empty pair says nothing
			}
			out = add(out, Violation{Field: param, Param: param, Code: codeAttrPair, Severity: Error,
				Message: render(e.attrPair, vars{param: param, key: param, label: param}), Rule: pos})
		}
	}
	return out
}

// attrValue is the value given for the attribute named name, or "".
func (st *state) attrValue(name string) string {
	for i := range st.attrs {
		if a := &st.attrs[i]; a.hasName && a.name == name && a.hasValue {
			return a.value
		}
	}
	return ""
}

func (e *Engine) unknownAttrViolation(cmd *command, rs *ruleSet, a *attrPair, pos tldspec.Pos) Violation {
	param := "attr-name" + strconv.Itoa(a.n)
	msg := render(e.unknownAttr, vars{param: param, key: a.name, label: a.name, command: cmd.name})
	known := rs.knownList
	if rs.known == nil {
		known = known[:0:0]
		for name := range cmd.attrSlots {
			known = append(known, name)
		}
		slices.Sort(known)
	}
	if s := suggest.Closest(a.name, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return Violation{Field: a.name, Param: param, Code: codeUnknownAttr, Severity: Warning, Message: msg, Rule: pos}
}
