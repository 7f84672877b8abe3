package engine

import "strconv"

// Extra details travel as numbered pairs: attr-name1=kpp&attr-value1=…
// attrPair collects one N's name and value.
type attrPair struct {
	n                 int
	name, value       string
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
	v, _ := normalize(value)
	for i := range st.attrs {
		a := &st.attrs[i]
		if a.n != n {
			continue
		}
		if isName && !a.hasName {
			a.name, a.hasName = v, true
		} else if !isName && !a.hasValue {
			a.value, a.hasValue = v, true
		}
		return true
	}
	a := attrPair{n: n}
	if isName {
		a.name, a.hasName = v, true
	} else {
		a.value, a.hasValue = v, true
	}
	st.attrs = append(st.attrs, a)
	return true
}

// checkAttrs reports halves of pairs: a name without its value, or a value
// without a name. The violation's field is the attribute's name when known.
func (e *Engine) checkAttrs(cmd *command, st *state, out []Violation) []Violation {
	pos := cmd.spec.Attrs.Pos
	for i := range st.attrs {
		a := &st.attrs[i]
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
