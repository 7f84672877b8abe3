package engine

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Binding: each request parameter put in its slot, its value made what
// the API would see (valid UTF-8, Java-trimmed, NFC).

// bind puts each request parameter in its slot, normalised; attribute
// pairs and unknown parameters are set aside.
func (e *Engine) bind(cmd *command, params []Param, st *state) {
	for i := range params {
		p := &params[i]
		slot, ok := cmd.slotIx.lookup(p.Name)
		if !ok {
			if cmd.attrs && st.addAttr(p.Name, p.Value) {
				continue
			}
			st.extra = append(st.extra, i)
			continue
		}
		if st.count[slot] == 0 {
			st.touch(slot)
		}
		st.count[slot]++
		if st.count[slot] > 1 {
			continue // the API reads the first value
		}
		st.raw[slot] = p.Value
		st.val[slot], st.sent[slot], st.flags[slot] = normalize(p.Value)
	}
	// Pairs are read by their number, wherever the request writes them.
	if len(st.attrs) > 1 {
		slices.SortFunc(st.attrs, comparePairs)
		st.pairIx = nil // indexes positions before the sort
	}
	// Attributes the rules declare fill their slots like parameters; an
	// alias (an older name) fills its attribute's. Which pair the API
	// keeps of a detail named twice is unknown: the slot holds the
	// lowest-numbered value (a pair given empty gives none while another
	// gives one), and a second, different value sends the request to
	// checkRepeated, which judges every value.
	for i := range st.attrs {
		a := &st.attrs[i]
		a.slot = -1
		if !a.hasName || a.odd {
			continue
		}
		slot, ok := cmd.attrSlot(a.name)
		if !ok {
			continue
		}
		a.slot = slot
		if st.count[slot] == 0 {
			st.touch(slot)
		}
		st.count[slot]++
		switch {
		case st.count[slot] == 1 || st.val[slot] == "" && a.value != "":
			st.putPair(slot, a)
		case a.value != "" && a.value != st.val[slot]:
			st.multi = true
		}
	}
	// A detail given a value only by a pair numbered oddly: whether the
	// API reads that pair is not known (attr-number warns), so the detail
	// is not surely missing.
	for i := range st.attrs {
		if a := &st.attrs[i]; a.odd && a.hasName && a.value != "" {
			if slot, ok := cmd.attrSlot(a.name); ok && st.val[slot] == "" {
				st.touch(slot)
				st.flags[slot] |= flagOddPair
			}
		}
	}
}

// attrSlot is the slot of the attribute a pair names, by its name or an
// alias of it.
func (cmd *command) attrSlot(name string) (int, bool) {
	if slot, ok := cmd.attrIx.lookup(name); ok {
		return slot, true
	}
	if canon, isAlias := cmd.aliasOf[name]; isAlias {
		return cmd.attrIx.lookup(canon)
	}
	return 0, false
}

// normalize makes a value what the API would see and compare: valid UTF-8
// (a Java string cannot hold anything else), trimmed as Java's
// String.trim trims (every character up to U+0020, at either end, and
// nothing else), in NFC (so "Coruña" typed with a combining tilde
// matches). sent is the trimmed value before NFC, when NFC changed it.
func normalize(raw string) (v, sent string, flags uint8) {
	v = raw
	ascii := isASCII(v)
	if !ascii && !utf8.ValidString(v) {
		v, flags = strings.ToValidUTF8(v, "\uFFFD"), flags|flagUTF8
	}
	if t := javaTrim(v); len(t) != len(v) {
		v, flags = t, flags|flagSpace
	}
	if !ascii {
		if strings.IndexFunc(v, isUnicodeSpace) >= 0 {
			flags |= flagUniSpace
		}
		if !isNFC(v) {
			sent, v, flags = v, norm.NFC.String(v), flags|flagNFC
		}
	}
	return v, sent, flags
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// javaTrim trims as Java's String.trim: every character up to U+0020
// (space and the ASCII controls) at either end.
func javaTrim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// isUnicodeSpace reports a space character outside ASCII (NBSP, U+3000,
// the en and em spaces, …): Java's trim and its \s leave it, so the API
// stores it and counts no word break.
func isUnicodeSpace(r rune) bool { return r >= utf8.RuneSelf && unicode.IsSpace(r) }

// asciiSpaces replaces the spaces Java does not see as spaces with the
// ASCII space, and trims: the value as the writer meant it.
func asciiSpaces(s string) string {
	return javaTrim(strings.Map(func(r rune) rune {
		if isUnicodeSpace(r) {
			return ' '
		}
		return r
	}, s))
}
