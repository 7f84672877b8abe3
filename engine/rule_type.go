package engine

import "strings"

// typeRules: integer values are an optional sign and 1–18 digits (what
// Java's Long.parseLong reads without overflow); boolean values are true or
// false in any case, and anything else is a warning, because the API reads
// it as false rather than refusing it.
func (fc *fieldCtx) typeRules() []rule {
	t := fc.f.Type
	switch t.V {
	case "integer":
		r := fc.rule("integer", Error, t.Pos, optString{}, "", "", func(v string, _ *state) bool { return isInteger(v) })
		r.detail = "a whole number"
		r.fix = func(v string, _ *state) string {
			if d := stripSeparators(v, " ,._"); isInteger(d) {
				return d
			}
			return ""
		}
		return []rule{r}
	case "boolean":
		r := fc.rule("boolean", Warning, t.Pos, optString{}, "", "", func(v string, _ *state) bool {
			return strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
		})
		r.detail = "true or false"
		return []rule{r}
	}
	return nil
}

func isInteger(v string) bool {
	if v != "" && (v[0] == '-' || v[0] == '+') {
		v = v[1:]
	}
	return len(v) > 0 && len(v) <= 18 && allDigits(v)
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
