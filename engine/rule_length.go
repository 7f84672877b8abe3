package engine

import "unicode/utf8"

// lengthRules bound a value's length as the API counts it: the value as
// sent (trimmed, but not NFC-normalised: "e" with a combining accent is two
// characters), in UTF-16 code units, as Java's String.length does (an
// emoji counts two).
func (fc *fieldCtx) lengthRules() []rule {
	var rs []rule
	slot := fc.slot
	sent := func(v string, st *state) string {
		if st.flags[slot]&flagNFC != 0 && v == st.val[slot] {
			return st.sent[slot]
		}
		return v
	}
	if m := fc.f.MaxLength; m.Set {
		limit := m.V
		r := fc.rule(CodeTooLong, Error, m.Pos, ruleText{max: itoa(limit)}, func(v string, st *state) bool {
			s := sent(v, st)
			return len(s) <= limit || javaLength(s) <= limit // UTF-16 units never outnumber UTF-8 bytes
		})
		r.detail = "at most " + itoa(limit) + " characters"
		r.expected = r.detail
		r.basis = m.Basis
		// JSON Schema counts code points, never more than UTF-16 units.
		r.schema = func() map[string]any { return map[string]any{"maxLength": limit} }
		r.schemaLooser = "maxLength counts code points, the API UTF-16 units (a character outside the BMP, such as an emoji, counts two there)"
		rs = append(rs, r)
	}
	if m := fc.f.MinLength; m.Set {
		limit := m.V
		r := fc.rule(CodeTooShort, Error, m.Pos, ruleText{min: itoa(limit)}, func(v string, st *state) bool {
			return javaLength(sent(v, st)) >= limit
		})
		r.detail = "at least " + itoa(limit) + " characters"
		r.expected = r.detail
		r.basis = m.Basis
		// Code points can be fewer than UTF-16 units: halve the bound so
		// that the schema never refuses what passes.
		r.schema = func() map[string]any { return map[string]any{"minLength": (limit + 1) / 2} }
		r.schemaLooser = "minLength is half the API's " + itoa(limit) + " UTF-16 units, as code points may be that few"
		rs = append(rs, r)
	}
	return rs
}

// javaLength is the number of UTF-16 code units in s.
func javaLength(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
