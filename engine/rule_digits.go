package engine

import "strings"

// phoneSeparators are what people put in phone numbers and codes; a fix
// drops them.
const phoneSeparators = " -.()/+\u00a0"

// readsAsDecimal reports whether v is written as a decimal number: digits,
// one decimal point or comma, digits. Its digits joined are another
// number, so no fix joins them.
func readsAsDecimal(v string) bool {
	i := strings.IndexAny(v, ".,")
	return i > 0 && i < len(v)-1 && allDigits(v[:i]) && allDigits(v[i+1:])
}

// digitsRules: the value is between Min and Max ASCII digits. The fix drops
// separators ("+44" -> "44", "(217) 555-0123" -> "2175550123") when what
// is left fits. A "+" before more digits than a calling code has (3) is a
// number written with its country code: dropping the "+" would leave the
// code inside the number, so there is no fix (contactlint fix splits those).
func (fc *fieldCtx) digitsRules() []rule {
	d := fc.f.Digits
	if !d.Set {
		return nil
	}
	lo, hi := d.V.Min, d.V.Max
	fits := func(v string) bool { return len(v) >= lo && len(v) <= hi && allDigits(v) }
	r := fc.rule(CodeDigits, Error, d.Pos, ruleText{min: itoa(lo), max: itoa(hi)}, func(v string, _ *state) bool { return fits(v) })
	r.detail = itoa(lo) + " to " + itoa(hi) + " digits"
	r.expected = digitsExpected(lo, hi)
	r.basis = d.Basis
	r.schema = func() map[string]any { return map[string]any{"pattern": "^[0-9]{" + itoa(lo) + "," + itoa(hi) + "}$"} }
	r.fix = func(v string, _ *state) string {
		if whole, ok := zeroFraction(v); ok {
			// A number a spreadsheet wrote (2175550123.0, 44.0): its
			// digits are the whole part's.
			if fits(whole) {
				return whole
			}
			return ""
		}
		if readsAsDecimal(v) {
			return "" // 1.5, 912345.678: a number, or not sure which digits
		}
		s := stripSeparators(v, phoneSeparators)
		if strings.HasPrefix(strings.TrimSpace(v), "+") && len(s) > 3 {
			return ""
		}
		if fits(s) {
			return s
		}
		return ""
	}
	return []rule{r}
}
