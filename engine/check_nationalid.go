package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/idnum"
	"github.com/contactlint/contactlint/internal/text/suggest"
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
	// label and example say the scheme to a user (a violation's
	// Expected); a test holds every example valid.
	label, example string
}

// idSchemes are the schemes rule files may name; the check's doc lists
// them (a test holds the two together).
var idSchemes = [...]struct {
	name string
	idScheme
}{
	{"es-nif", idScheme{valid: idnum.NIF, prefix: "ES", label: "a Spanish NIF (DNI or CIF)", example: "12345678Z"}},
	{"es-nie", idScheme{valid: idnum.NIE, prefix: "ES", label: "a Spanish NIE", example: "X1234567L"}},
	{"ru-inn10", idScheme{valid: idnum.INN10, label: "a 10-digit Russian INN", example: "7707083893"}},
	{"ru-inn12", idScheme{valid: idnum.INN12, label: "a 12-digit Russian INN", example: "500100732259"}},
	{"ru-kpp", idScheme{valid: idnum.KPP, caseSensitive: true, label: "a 9-digit KPP", example: "773601001"}},
	{"ru-kpp-letters", idScheme{valid: idnum.KPPWithLetters, caseSensitive: true, label: "a KPP", example: "7736AA001"}},
	{"br-cpf", idScheme{valid: idnum.CPF, label: "a CPF", example: "52998224725"}},
	{"br-cnpj", idScheme{valid: idnum.CNPJ, label: "a CNPJ", example: "11222333000181"}},
	{"cn-uscc", idScheme{valid: idnum.USCC, label: "a Unified Social Credit Code", example: "91110108MA01C2XX0T"}},
}

func lookupScheme(name string) (idScheme, bool) {
	for _, s := range idSchemes {
		if s.name == name {
			return s.idScheme, true
		}
	}
	return idScheme{}, false
}

func schemeNames() []string {
	names := make([]string, len(idSchemes))
	for i, s := range idSchemes {
		names[i] = s.name
	}
	return names
}

func validScheme(v string) error {
	if _, ok := lookupScheme(v); ok {
		return nil
	}
	msg := fmt.Sprintf("unknown scheme %q", v)
	msg += suggest.Hint(v, schemeNames())
	return errors.New(msg)
}

func validLength(v string) error {
	if !isInteger(v) || atoi(v) == 0 {
		return fmt.Errorf("%q is not a length", v)
	}
	return nil
}

// compactFor is v as the schemes check it: without separators, in upper
// case unless a scheme's letters are case-sensitive, and without a
// country prefix that leaves a valid number.
func compactFor(v string, schemes []idScheme) string {
	if whole, ok := zeroFraction(v); ok {
		v = whole // a spreadsheet's 7707083893.0
	} else if readsAsDecimal(v) {
		return "" // 77360100.1: a number, not an ID with a separator
	}
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

// idExpected says what a valid number of the check's schemes looks like:
// "a Spanish NIF (DNI or CIF) or a Spanish NIE, e.g. 12345678Z".
func idExpected(chk checkCall) string {
	var labels []string
	example := ""
	for _, arg := range []string{"scheme", "warn"} {
		a, _ := chk.Arg(arg)
		for _, name := range a.Values {
			if s, ok := lookupScheme(name); ok {
				labels = append(labels, s.label)
				if example == "" {
					example = s.example
				}
			}
		}
	}
	if len(labels) == 0 {
		return ""
	}
	return strings.Join(labels, " or ") + ", without separators, e.g. " + example
}

// nationalIDCheck declares the national-id check; nationalIDRules compiles it.
var nationalIDCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeNationalID, Severity: Error, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "scheme", Kind: tldspec.ValuesArg, Required: true, Valid: validScheme}, {Name: "warn", Kind: tldspec.ValuesArg, Valid: validScheme}, {Name: "if-length", Kind: tldspec.ValuesArg, Valid: validLength}},
		Doc:  "a national ID number valid in one of the schemes (es-nif, es-nie, ru-inn10, ru-inn12, ru-kpp, ru-kpp-letters, br-cpf, br-cnpj, cn-uscc); an error only because a failed check digit is provably invalid, which the spec does not say; valid in a warn scheme passes with a warning; with if-length, only values of those lengths are judged; separators, lower case and a Spanish number's ES prefix pass with a warning and the compact form as fix"},
	compile:   (*fieldCtx).nationalIDRules,
	valueOnly: true,
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
func (fc *fieldCtx) nationalIDRules(chk checkCall, sev Severity) []rule {
	schemes := func(arg string) []idScheme {
		a, _ := chk.Arg(arg)
		var out []idScheme
		for _, name := range a.Values {
			s, _ := lookupScheme(name) // Load held the names to validScheme
			out = append(out, s)
		}
		return out
	}
	main, warn := schemes("scheme"), schemes("warn")
	var lengths []int
	if a, ok := chk.Arg("if-length"); ok {
		for _, s := range a.Values {
			lengths = append(lengths, atoi(s)) // Load held them to validLength
		}
	}
	all := append(slices.Clip(main), warn...)
	any := func(fs []idScheme, v string) bool {
		return slices.ContainsFunc(fs, func(s idScheme) bool { return s.valid(v) })
	}
	judged := func(c string) bool { return lengths == nil || slices.Contains(lengths, len(c)) }
	names := func(arg string) string { a, _ := chk.Arg(arg); return strings.Join(a.Values, " or ") }

	format := fc.rule(CodeNationalIDFormat, Warning, chk.Pos, ruleText{}, func(v string, _ *state) bool {
		c := compactFor(v, all)
		return c == v || !judged(c) || !any(main, c) && !any(warn, c)
	})
	format.fix = func(v string, _ *state) string { return compactFor(v, all) }
	format.detail = "written without separators, in upper case"
	kind := fc.rule(CodeNationalIDKind, Warning, chk.Pos, ruleText{}, func(v string, _ *state) bool {
		c := compactFor(v, all)
		return !judged(c) || any(main, c) || !any(warn, c)
	})
	kind.detail = "valid as " + names("scheme") + " (valid as " + names("warn") + " warns)"
	valid := fc.rule(CodeNationalID, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		c := compactFor(v, all)
		return !judged(c) || any(main, c) || any(warn, c)
	})
	valid.expected = idExpected(chk)
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
