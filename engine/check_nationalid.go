package engine

import (
	"slices"
	"strings"

	"github.com/contactlint/contactlint/idnum"
	"github.com/contactlint/contactlint/tldspec"
)

// idScheme is a national-ID scheme named in a rule file: its validator,
// and whether letters must be written in capitals (KPP) rather than being
// upper-cased before the check (NIF, CNPJ, USCC).
type idScheme struct {
	valid         func(string) bool
	caseSensitive bool
	// prefix is a country prefix people put before the number (a Spanish
	// VAT ID: ESB12345674); the compact form drops it.
	prefix string
}

func lookupScheme(name string) (idScheme, bool) {
	switch name {
	case "es-nif":
		return idScheme{valid: idnum.NIF, prefix: "ES"}, true
	case "es-nie":
		return idScheme{valid: idnum.NIE, prefix: "ES"}, true
	case "ru-inn10":
		return idScheme{valid: idnum.INN10}, true
	case "ru-inn12":
		return idScheme{valid: idnum.INN12}, true
	case "ru-kpp":
		return idScheme{valid: idnum.KPP, caseSensitive: true}, true
	case "ru-kpp-letters":
		return idScheme{valid: idnum.KPPWithLetters, caseSensitive: true}, true
	case "br-cpf":
		return idScheme{valid: idnum.CPF}, true
	case "br-cnpj":
		return idScheme{valid: idnum.CNPJ}, true
	case "cn-uscc":
		return idScheme{valid: idnum.USCC}, true
	}
	return idScheme{}, false
}

// compactFor is v as the schemes check it: without separators, in upper
// case unless a scheme's letters are case-sensitive, and without a
// country prefix that leaves a valid number.
func compactFor(v string, schemes []idScheme) string {
	c := ""
	for _, s := range schemes {
		if s.caseSensitive {
			c = idnum.StripSeparators(v)
			break
		}
	}
	if c == "" {
		c = idnum.Compact(v)
	}
	for _, s := range schemes {
		if s.prefix != "" && len(c) > len(s.prefix) && strings.HasPrefix(c, s.prefix) && !s.valid(c) && s.valid(c[len(s.prefix):]) {
			return c[len(s.prefix):]
		}
	}
	return c
}

// nationalIDRules: a number valid in one of the schemes. Three outcomes
// besides a clean pass, in order:
//   - written with separators or in lower case but valid: a warning, with
//     the compact form as its fix;
//   - valid only in a warn scheme (an NIE where a DNI/NIF is declared, a
//     12-digit INN where the spec says 10): a warning;
//   - valid in none: the check's severity.
//
// With if-length, only values whose compact form has one of those lengths
// are judged (a USCC-shaped value among "any ID of the organisation").
func (fc *fieldCtx) nationalIDRules(chk *tldspec.Check, sev Severity) []rule {
	schemes := func(arg string) []idScheme {
		a, _ := chk.Arg(arg)
		var out []idScheme
		for _, name := range a.Values {
			s, ok := lookupScheme(name)
			if !ok {
				fc.c.diags.Errorf(a.Pos, "bad-value", "national-id %s: unknown scheme %q", arg, name)
				continue
			}
			out = append(out, s)
		}
		return out
	}
	main, warn := schemes("scheme"), schemes("warn")
	var lengths []int
	if a, ok := chk.Arg("if-length"); ok {
		for _, s := range a.Values {
			if !isInteger(s) {
				fc.c.diags.Errorf(a.Pos, "bad-value", "national-id if-length: %q is not a length", s)
				continue
			}
			lengths = append(lengths, atoi(s))
		}
	}
	all := append(slices.Clip(main), warn...)
	any := func(fs []idScheme, v string) bool {
		return slices.ContainsFunc(fs, func(s idScheme) bool { return s.valid(v) })
	}
	judged := func(c string) bool { return lengths == nil || slices.Contains(lengths, len(c)) }
	names := func(arg string) string { a, _ := chk.Arg(arg); return strings.Join(a.Values, " or ") }

	format := fc.rule(CodeNationalIDFormat, Warning, chk.Pos, optString{}, "", "", func(v string, _ *state) bool {
		c := compactFor(v, all)
		return c == v || !judged(c) || !any(main, c) && !any(warn, c)
	})
	format.fix = func(v string, _ *state) string { return compactFor(v, all) }
	format.detail = "written without separators, in upper case"
	kind := fc.rule(CodeNationalIDKind, Warning, chk.Pos, optString{}, "", "", func(v string, _ *state) bool {
		c := compactFor(v, all)
		return !judged(c) || any(main, c) || !any(warn, c)
	})
	kind.detail = "valid as " + names("scheme") + " (valid as " + names("warn") + " warns)"
	valid := fc.rule(CodeNationalID, sev, chk.Pos, chk.Message, "", "", func(v string, _ *state) bool {
		c := compactFor(v, all)
		return !judged(c) || any(main, c) || any(warn, c)
	})
	valid.detail = "valid as " + names("scheme")
	if len(warn) > 0 {
		valid.detail += " or " + names("warn")
	}
	if lengths != nil {
		valid.detail += ", when " + names("if-length") + " characters long"
	}
	rs := []rule{format, valid}
	if len(warn) > 0 {
		rs = []rule{format, kind, valid}
	}
	return rs
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
		}
	}
	return n
}
