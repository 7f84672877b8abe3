package engine

import (
	"errors"
	"regexp"

	"github.com/contactlint/contactlint/tldspec"
)

// A country that changed its postal-code format (Korea in 2015, from
// 110-110 to 03051) still has addresses, and postal-code tables, in the
// old one; whether the API's check takes them is not known, so a code
// that fits only its country's former format passes the postal-code check
// with a warning. Which countries, and which format, is data: the check's
// former option names a list (rules/postal-formats-former.yaml) whose
// items are country codes with the former pattern as their code.

// formerList holds a former-formats list to what the check needs: each
// item an upper-case country code with a pattern that compiles.
func formerList(l *tldspec.List) (tldspec.Pos, error) {
	for _, it := range l.Items {
		if len(it.Value) != 2 || upperASCII(it.Value) != it.Value || it.Code == "" {
			return it.Pos, errors.New("former postal-code formats need items of an upper-case country code with the former pattern as code")
		}
		if _, err := regexp.Compile(`^(?:` + it.Code + `)$`); err != nil {
			return it.Pos, err
		}
	}
	return tldspec.Pos{}, nil
}

// postalFormer reads the check's former option: each country's former
// pattern, anchored and compiled, and its source; nil without the option.
func (fc *fieldCtx) postalFormer(chk checkCall) (compiled map[string]*regexp.Regexp, patterns map[string]string) {
	a, ok := chk.Arg("former")
	if !ok {
		return nil, nil
	}
	l := fc.c.listIndex(a.Value()).list
	compiled, patterns = make(map[string]*regexp.Regexp, len(l.Items)), make(map[string]string, len(l.Items))
	for _, it := range l.Items {
		compiled[it.Value] = regexp.MustCompile(`^(?:` + it.Code + `)$`) // formerList held it to compiling
		patterns[it.Value] = it.Code
	}
	return compiled, patterns
}

// formerFormatRule warns about a postal code that fits only its country's
// former format; former reports whether v is such a code, which the format
// rule takes as valid. current reports whether v passes the check already
// (the current format, a fix of case or separator, the post's prefix).
func (fc *fieldCtx) formerFormatRule(chk checkCall, formats map[string]*regexp.Regexp, country int, current func(string, *state) bool) (r rule, former func(string, *state) bool) {
	former = func(v string, st *state) bool {
		re := formats[upperASCII(st.val[country])]
		return re != nil && re.MatchString(upperASCII(v))
	}
	r = fc.rule(CodePostalFormer, Warning, chk.Pos, ruleText{}, func(v string, st *state) bool {
		return current(v, st) || !former(v, st)
	})
	a, _ := chk.Arg("former")
	r.detail = "in its country's current format, not only its former one (list " + a.Value() + ")"
	return r, former
}
