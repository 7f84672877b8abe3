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
		r := fc.rule(CodeInteger, Error, t.Pos, ruleText{}, func(v string, _ *state) bool { return isInteger(v) })
		r.detail = "a whole number"
		r.expected = "a whole number, digits only, e.g. 12345"
		r.basis = t.Basis
		r.fix = func(v string, _ *state) string { return integerFix(v) }
		return []rule{r}
	case "boolean":
		r := fc.rule(CodeBoolean, Warning, t.Pos, ruleText{}, func(v string, _ *state) bool {
			return strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
		})
		r.detail = "true or false"
		r.basis = t.Basis
		return []rule{r}
	}
	return nil
}

// integerFix is v as an integer when it certainly is one, written the
// way spreadsheets and people write integers: with a zero fraction
// (12345.0, 12345,00) or grouped in thousands (12 345, 1_000,
// 1,234,567). A value that reads as another number (1.5, 1e5) or whose
// grouping could be a decimal point (12,345 or 12.345: one separator)
// has no fix: joining its digits would make another number, and a
// contact-id of another contact.
func integerFix(v string) string {
	if i, ok := zeroFraction(v); ok {
		if isInteger(i) {
			return i
		}
		return ""
	}
	if d, ok := thousands(v); ok && isInteger(d) {
		return d
	}
	return ""
}

// zeroFraction is the integer part of v when v is a decimal with a
// fraction of one or two zeros (12345.0, 7,00), as spreadsheets write an
// integer. Three zeros may be a thousands group (12.000 is twelve
// thousand in German).
func zeroFraction(v string) (string, bool) {
	i := strings.LastIndexAny(v, ".,")
	if i <= 0 || (v[i+1:] != "0" && v[i+1:] != "00") {
		return "", false
	}
	whole := v[:i]
	if sign := whole[0]; sign == '+' || sign == '-' {
		whole = whole[1:]
	}
	if whole == "" || !allDigits(whole) {
		return "", false
	}
	return v[:i], true
}

// thousands is v without its thousands separators, when v is grouped in
// threes by one kind of separator: a space, an underscore or an
// apostrophe, or a comma or dot used at least twice (once could be a
// decimal point).
func thousands(v string) (string, bool) {
	i := strings.IndexAny(v, " _',.")
	if i <= 0 || i > 3 || !allDigits(v[:i]) {
		return "", false
	}
	sep := v[i]
	groups := strings.Split(v, string(sep))
	if (sep == ',' || sep == '.') && len(groups) < 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
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
