package engine

import (
	"strings"
	"unicode/utf8"

	"github.com/contactlint/contactlint/tldspec"
)

// emailCheck declares the email check; emailRules compiles it.
var emailCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodeEmail, Severity: Error, Basis: tldspec.BasisSpec,
		Doc: "an e-mail address: local part, @, and a domain with at least two labels"},
	compile:   (*fieldCtx).emailRules,
	valueOnly: true,
}

// emailRules: an address of the form local@domain. go-playground/validator
// has an email tag, but it costs a regexp run and five allocations per
// call; this byte loop gives the same verdicts on ordinary addresses
// (TestEmailAgreesWithValidator) at a fraction of the cost.
func (fc *fieldCtx) emailRules(chk checkCall, sev Severity) []rule {
	r := fc.rule(CodeEmail, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool { return validEmail(v) })
	// Not format: email, which validators that assert formats hold to
	// ASCII or RFC 5321 rules of their own (Ajv refuses a non-ASCII
	// address this rule takes): one @, and a domain of at least two
	// labels, which every address this rule takes has.
	r.schema = func() map[string]any { return map[string]any{"pattern": `^[^@]+@[^@.]+(?:\.[^@.]+)+$`} }
	r.schemaLooser = "the pattern asks only for one @ and a domain of two labels or more"
	r.detail = "an e-mail address"
	r.expected = "an e-mail address, e.g. name@example.com"
	r.fix = func(v string, _ *state) string {
		// "mailto:" prefixes and angle brackets come from copied links.
		s := strings.TrimPrefix(strings.Trim(v, "<>"), "mailto:")
		if s != v && validEmail(s) {
			return s
		}
		return ""
	}
	return []rule{r}
}

// validEmail: at most 254 bytes; one @; a local part of 1–64 bytes of
// RFC 5322 atext and dots (no leading, trailing or double dot) or UTF-8
// letters; a domain of at least two dot-separated labels, each 1–63 bytes
// of letters, digits and inner hyphens (UTF-8 letters allowed for IDNs),
// the last one not all digits.
func validEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at > 64 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); {
		c := local[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(local[i:])
			if r == utf8.RuneError || !isWordRune(r) {
				return false
			}
			i += size
			continue
		}
		if !isAtext(c) && c != '.' {
			return false
		}
		i++
	}
	return validDomain(domain)
}

func validDomain(d string) bool {
	if len(d) == 0 || len(d) > 253 {
		return false
	}
	labels := 0
	for len(d) > 0 {
		label := d
		if i := strings.IndexByte(d, '.'); i >= 0 {
			label, d = d[:i], d[i+1:]
			if d == "" {
				return false // trailing dot
			}
		} else {
			d = ""
		}
		if !validLabel(label) {
			return false
		}
		labels++
		if d == "" && allDigits(label) {
			return false // a numeric top-level label is an IP address, not a domain
		}
	}
	return labels >= 2
}

func validLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); {
		c := l[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(l[i:])
			if r == utf8.RuneError || !isWordRune(r) {
				return false
			}
			i += size
			continue
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
		i++
	}
	return true
}

// isAtext reports RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~.
func isAtext(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}
