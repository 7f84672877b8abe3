package engine

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Values are compared in NFC. Nearly every value is already in NFC, and
// proving it should cost no allocation: x/text's IsNormalString
// allocates its reorder buffer on every call (8 bytes, ~270 ns on a
// Cyrillic name), and even its quick check walks its tries per rune.
// Most text outside ASCII is Latin with diacritics, Cyrillic, CJK or
// Hangul, whose precomposed letters are stable (see nfcStable): a value of
// such runes is NFC without a table. Any other rune falls back to the quick
// check (no allocation), and only a value it cannot settle — one with a
// combining mark — to IsNormalString.

// nfcStable reports whether r is in NFC whatever surrounds it: NFC_QC=Yes,
// canonical combining class 0 and never composed with a rune before it.
// Such runes neither reorder nor compose with their neighbours, so a
// string of them is in NFC. TestNFCStableRunes holds every rune of these
// ranges to that, against x/text's tables.
func nfcStable(r rune) bool {
	switch {
	case r < 0x300: // Latin-1, Latin Extended-A and -B, IPA, spacing modifiers
		return true
	case r < 0x400:
		return false // combining diacritics; Greek has singletons (U+0374, U+037E, U+0387)
	case r < 0x483, r >= 0x48A && r < 0x530: // Cyrillic and its supplement, without its combining marks
		return true
	case r >= 0x4E00 && r < 0xA000: // CJK unified ideographs
		return true
	case r >= 0xAC00 && r < 0xD7A4: // Hangul syllables (the jamo that compose with them are not here)
		return true
	}
	return false
}

// isNFC reports whether s, valid UTF-8, is in NFC, without allocating
// unless s holds a rune the quick check cannot settle.
func isNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfcStable(r) {
			return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
		}
		i += n
	}
	return true
}
