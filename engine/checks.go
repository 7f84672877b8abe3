package engine

import (
	"slices"
	"sync"

	"github.com/contactlint/contactlint/tldspec"
)

// A check is a named check rule files may use: its declaration (name,
// options, default severity and basis, doc), which Load holds rule files
// to, and the function that compiles one use of it into rules. Each is
// declared in its own check_*.go file, beside that function.
type check struct {
	tldspec.CheckInfo
	compile func(fc *fieldCtx, chk checkCall, sev Severity) []rule
	// valueOnly: its rules judge the value alone, never another
	// parameter (which lets markNeverFires judge them).
	valueOnly bool
}

// checks are the named checks, sorted by name.
var checks = [...]*check{
	&callingCodeCheck,
	&countryCheck,
	&emailCheck,
	&nationalIDCheck,
	&paramInListCheck,
	&paramValueCheck,
	&pastDateCheck,
	&phoneNumberCheck,
	&postalCodeCheck,
	&postalPrefixCheck,
	&provinceCheck,
	&spellingCheck,
	&unchangedCheck,
	&zipPrefixCheck,
}

// Catalog is what rule files may use, for tldspec.Load: the named checks,
// and the validator tags the engine runs (each probed under recover:
// validator panics on a tag it does not know). The validator is made on
// the first tag.
func Catalog() tldspec.Catalog {
	out := tldspec.Catalog{Checks: make([]tldspec.CheckInfo, len(checks))}
	for i, c := range checks {
		out.Checks[i] = c.CheckInfo
		out.Checks[i].Args = slices.Clone(c.Args) // the declarations stay as declared
	}
	v := sync.OnceValue(newValidator)
	out.Tag = func(tag string) error { return probeTag(v(), tag) }
	return out
}

func lookupCheck(name string) (*check, bool) {
	for _, c := range checks {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// checkCall is one use of a check: the rule file's options, with the
// declaration's defaults (tldspec.Check). trace, when set (by a test),
// hears of each option the compile function reads: every declared option
// is held to being read.
type checkCall struct {
	*tldspec.Check
	trace func(check, option string)
}

// Arg returns the named option, if given.
func (c checkCall) Arg(name string) (tldspec.Arg, bool) {
	c.note(name)
	return c.Check.Arg(name)
}

// ArgValue is the named option's value, or its declared default.
func (c checkCall) ArgValue(name string) (string, tldspec.Pos) {
	c.note(name)
	return c.Check.ArgValue(name)
}

func (c checkCall) note(name string) {
	if c.trace != nil {
		c.trace(c.Name, name)
	}
}

// checkRules compiles the field's named checks. Load resolved each against
// Checks, so each has its declaration here.
func (fc *fieldCtx) checkRules() []rule {
	var rs []rule
	for i := range fc.f.Checks {
		chk := &fc.f.Checks[i]
		c, ok := lookupCheck(chk.Name)
		if !ok {
			continue // Load reported it
		}
		from := len(rs)
		rs = append(rs, c.compile(fc, checkCall{Check: chk, trace: fc.c.e.opts.traceArgs}, chk.Severity.Or(c.Severity))...)
		basis := chk.Basis.Or(c.Basis)
		for j := from; j < len(rs); j++ {
			rs[j].basis = basis
			rs[j].valueOnly = c.valueOnly
		}
	}
	return rs
}
