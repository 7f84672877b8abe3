package engine

import "strings"

// typeRules: integer values are what Java's Integer.parseInt reads — an
// optional sign and digits, within -2147483648…2147483647 (the live API
// refused contact-id=9999999999); boolean values are true or false in any
// case, and anything else is a warning, because the API reads it as false
// rather than refusing it.
func (fc *fieldCtx) typeRules() []rule {
	t := fc.f.Type
	switch t.V {
	case "integer":
		r := fc.rule(CodeInteger, Error, t.Pos, optString{}, "", "", func(v string, _ *state) bool { return isInteger(v) })
		r.detail = "a whole number"
		r.basis = t.Basis
		r.fix = func(v string, _ *state) string {
			if d := stripSeparators(v, " ,._"); isInteger(d) {
				return d
			}
			return ""
		}
		return []rule{r}
	case "boolean":
		r := fc.rule(CodeBoolean, Warning, t.Pos, optString{}, "", "", func(v string, _ *state) bool {
			return strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
		})
		r.detail = "true or false"
		r.basis = t.Basis
		return []rule{r}
	}
	return nil
}

// isInteger reports whether Java's Integer.parseInt reads v: a sign, then
// digits whose value fits 32 bits (leading zeros allowed).
func isInteger(v string) bool {
	neg := false
	if v != "" && (v[0] == '-' || v[0] == '+') {
		neg, v = v[0] == '-', v[1:]
	}
	if v == "" || !allDigits(v) {
		return false
	}
	v = strings.TrimLeft(v, "0")
	if len(v) != len("2147483647") {
		return len(v) < len("2147483647")
	}
	if neg {
		return v <= "2147483648"
	}
	return v <= "2147483647"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stripSeparators drops the bytes in seps from s.
func stripSeparators(s, seps string) string {
	if !strings.ContainsAny(s, seps) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(seps, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}
