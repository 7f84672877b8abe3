package engine

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/contactlint/contactlint/tldspec"
)

// phoneNumberCheck declares the phone-number check; phoneNumberRules compiles it.
var phoneNumberCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodePhoneNumber, Severity: Warning, Basis: tldspec.BasisBeyond,
		Args: []tldspec.ArgInfo{{Name: "cc", Kind: tldspec.ParamArg, Default: "phone-cc"}},
		Doc:  "a number valid for its calling code (the parameter named by cc), by libphonenumber"},
	compile: (*fieldCtx).phoneNumberRules,
}

// phoneNumberRules: the number (digits, checked before) is valid for its
// calling code (the parameter named by cc) by libphonenumber's numbering
// plans. A warning by default: the plans lag behind real numbers, and the
// API documents only digit counts. The number is built from the code and
// the digits, and judged by libphonenumber's own plans compiled into digit
// automata (countries.PhonePlans, without the library's allocations);
// a national trunk prefix ("020…" for +44, "8495…" for +7) or the number's
// own calling code ("1212…" for +1) is offered off as a fix. Engine
// option SkipPhoneValidity turns it off.
func (fc *fieldCtx) phoneNumberRules(chk checkCall, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "cc")
	if !ok || fc.c.e.opts.SkipPhoneValidity {
		return nil
	}
	cc, e := fc.c.e.calling, fc.c.e
	r := fc.rule(CodePhoneNumber, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, st *state) bool {
		code := st.val[slot]
		// Only a well-formed number under an assigned code can be judged;
		// the other rules report the rest.
		if !cc.Assigned(code) || !allDigits(v) || len(v) > 17 {
			return true
		}
		c, _ := strconv.Atoi(code)
		return !e.phones.Invalid(c, v) // a number that cannot be judged is not flagged
	})
	r.detail = "a valid number for the calling code in " + fc.cmd.params[slot].name
	r.fix = func(v string, st *state) string { return e.nationalNumber(st.val[slot], v) }
	return []rule{r}
}

// nationalNumber is an invalid number's national significant number, when
// it is written with something before it that only one reading takes off:
// leading zeros or a national trunk prefix (020… for +44, 8 495… for +7),
// or its own calling code (1 212… for +1). Two readings that differ: no
// fix; the number is not certain.
func (e *Engine) nationalNumber(code, v string) string {
	var found string
	try := func(s string) bool {
		if s == v || s == "" || !e.validNumber(code, s) {
			return true
		}
		if found != "" && found != s {
			found = ""
			return false
		}
		found = s
		return true
	}
	if rest, ok := strings.CutPrefix(v, "00"+code); ok {
		// Dialled from abroad (00 and the code): that is the reading,
		// valid or not — never the zeros alone, which leave the code
		// inside a number (0039 123… is not the Italian 39 123…).
		if rest != "" && e.validNumber(code, rest) {
			return rest
		}
		return ""
	}
	c, _ := strconv.Atoi(code)
	if try(strings.TrimLeft(v, "0")) && try(strings.TrimPrefix(v, code)) {
		for _, np := range e.phones.NationalPrefixes(c) {
			if !try(strings.TrimPrefix(v, np)) {
				break
			}
		}
	}
	return found
}

// validNumber: +code digits is valid by libphonenumber's plans, with
// code an assigned calling code and digits at most 17 ASCII digits.
func (e *Engine) validNumber(code, digits string) bool {
	c, _ := strconv.Atoi(code)
	return e.phones.Valid(c, digits)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
