// Package idnum validates national identification numbers by their
// check-digit algorithms: Spanish DNI, NIE and CIF (the NIF family), Russian
// INN and KPP, Brazilian CPF and CNPJ, and the Chinese unified social credit
// code. One file per scheme.
//
// The functions are pure and allocation-free; each takes the compact form
// (see Compact) and reports whether it is a valid number of its scheme.
package idnum

import (
	"strings"
	"unicode/utf8"
)

// Compact removes the separators people write inside ID numbers (spaces,
// dots, hyphens, slashes, en and em dashes) and upper-cases ASCII letters.
// It returns s itself when there is nothing to change.
func Compact(s string) string { return compact(s, true) }

// StripSeparators is Compact without the upper-casing, for schemes where
// case matters (a KPP's letters are capitals).
func StripSeparators(s string) string { return compact(s, false) }

func compact(s string, upper bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '.' || c == '-' || c == '/' || c >= utf8.RuneSelf || upper && 'a' <= c && c <= 'z' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == ' ' || r == '.' || r == '-' || r == '/' || r == '\u2013' || r == '\u2014' || r == '\u00a0':
		case upper && 'a' <= r && r <= 'z':
			b.WriteByte(byte(r - 'a' + 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// allSame reports whether every byte of s is the same.
func allSame(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}
