package contactlint_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/mutants"
	"github.com/contactlint/contactlint/tldspec"
)

// propertyMutants is how many mutants the fix properties are held to; a
// few seconds' work, less under the race detector.
func propertyMutants() int {
	if raceEnabled || testing.Short() {
		return 2500
	}
	return 15000
}

// fixProperties counts what TestFixProperties held, for its log and for
// the tests that it held something.
type fixProperties struct {
	requests, passing, offered, offeredChecked, written, numbers, postal, secrets int
}

// TestFixProperties holds Fix and OfferFixes to their promises over
// mutants of every valid request of the case corpora, in every role of
// their TLDs:
//   - fix reaches its fixed point in one run: fixing the fixed request
//     changes nothing;
//   - a request that passes still passes after fix;
//   - every fix check offers passes the rule it is for (and adds no error
//     to its field), and is the value fix writes;
//   - no digit string or number changes value (a zero fraction may go; a
//     postal code's letters and digits stay as they were, in upper case);
//   - no secret parameter's value is in any violation, offered fix or
//     change.
func TestFixProperties(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	corpus, err := mutants.Corpus("testdata/cases", "testdata/clients")
	require.NoError(t, err)
	seeds := mutants.Valid(e, corpus, tldspec.Roles())
	types, tlds, roles := mutants.Coverage(seeds)
	require.Subset(t, types, e.Types(), "a valid seed of every contact type")
	require.Subset(t, tlds, e.TLDs(), "a valid seed for every TLD with rules")
	require.Subset(t, roles, tldspec.Roles(), "a valid seed in every role")

	var n fixProperties
	for _, m := range mutants.Generate(seeds, propertyMutants(), 19) {
		n.requests++
		if msg := checkFixProperties(e, m.Req, &n); msg != "" {
			t.Errorf("%s\nmutations %v\nrequest %s", msg, m.Ops, show(m.Req))
			if t.Failed() && n.requests > 50 && testing.Verbose() {
				break
			}
		}
	}
	t.Logf("%d seeds (%d types, %d TLDs, %d roles); %d mutants, %d passing; %d fixes offered, %d checked by applying them; %d values written by fix; %d number and %d postal changes held to their value; %d with credentials",
		len(seeds), len(types), len(tlds), len(roles), n.requests, n.passing, n.offered, n.offeredChecked, n.written, n.numbers, n.postal, n.secrets)
	require.Positive(t, n.offeredChecked)
	require.Positive(t, n.numbers)
	require.Positive(t, n.postal)
	require.Positive(t, n.secrets)
}

func show(r engine.Request) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// checkFixProperties returns what is wrong with req's fix, or "".
func checkFixProperties(e *contactlint.Engine, req contactlint.Request, n *fixProperties) string {
	res := e.Check(req)
	if res.OK() {
		n.passing++
	}
	fixed, changes, fres := e.Fix(req)
	n.written += len(changes)
	if res.OK() && !fres.OK() {
		return fmt.Sprintf("a passing request fails after fix: %s", fres.APIResponse())
	}
	again, more, _ := e.Fix(fixed)
	if len(more) > 0 || !slices.Equal(again.Params, fixed.Params) {
		return fmt.Sprintf("fix is not at its fixed point: a second run changes %+v", more)
	}
	for _, c := range changes {
		if msg := keepsValue(c, n); msg != "" {
			return msg
		}
	}
	offered := e.OfferFixes(req, res)
	for _, v := range offered.Violations {
		if v.Fix == "" {
			continue
		}
		n.offered++
		if msg := offerPasses(e, req, res, v, n); msg != "" {
			return msg
		}
		if got, ok := single(fixed.Params, v.Param); ok && v.Role == "" && got != v.Fix {
			return fmt.Sprintf("check offers %q for %s (%s), fix writes %q", v.Fix, v.Param, v.Code, got)
		}
	}
	if secret := secretOf(req); secret != "" {
		n.secrets++
		printed, _ := json.Marshal(struct {
			V any
			C any
			F []engine.Violation
		}{offered.Violations, changes, fres.Violations})
		if strings.Contains(string(printed), mutants.SecretMark) {
			return "a secret parameter's value is printed: " + string(printed)
		}
	}
	return ""
}

// single is the value of a parameter given once.
func single(params []contactlint.Param, name string) (string, bool) {
	v, n := "", 0
	for _, p := range params {
		if p.Name == name {
			v, n = p.Value, n+1
		}
	}
	return v, n == 1
}

// offerPasses applies one offered fix alone and checks that its
// violation is gone and its field has no new error.
func offerPasses(e *contactlint.Engine, req contactlint.Request, res contactlint.Result, v contactlint.Violation, n *fixProperties) string {
	at, count := -1, 0
	for i, p := range req.Params {
		if p.Name == v.Param {
			at, count = i, count+1
		}
	}
	if count != 1 {
		return ""
	}
	n.offeredChecked++
	req.Params = slices.Clone(req.Params)
	req.Params[at].Value = v.Fix
	after := e.Check(req)
	for _, w := range after.Violations {
		if w.Param == v.Param && w.Code == v.Code {
			return fmt.Sprintf("the offered fix %q of %s (%s) does not pass its rule", v.Fix, v.Param, v.Code)
		}
		if w.Field == v.Field && w.Severity == contactlint.Error && !slices.ContainsFunc(res.Violations, func(x contactlint.Violation) bool {
			return x.Field == w.Field && x.Code == w.Code
		}) {
			return fmt.Sprintf("the offered fix %q of %s (%s) breaks another rule: %s", v.Fix, v.Param, v.Code, w.Code)
		}
	}
	return ""
}

var (
	decimalRe  = regexp.MustCompile(`^[+-]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?$`)
	zeroFracRe = regexp.MustCompile(`^([+-]?[0-9]+)[.,]0+$`)
	numberish  = regexp.MustCompile(`^[0-9 ()./+\-\x{00a0}]*[0-9][0-9 ()./+\-\x{00a0}]*$`)
)

// keepsValue checks that a change keeps a number's value and a postal
// code's characters.
func keepsValue(c contactlint.Change, n *fixProperties) string {
	from := strings.TrimSpace(c.From)
	switch {
	case from == c.To:
		// only the surrounding white space went
	case c.Code == engine.CodePhoneSplit:
		// The number keeps its digits (the code moves out, a trunk 0 may
		// go); a calling code written without one ("", "-") takes the
		// number's.
		if digits(from) != "" && !strings.HasSuffix(digits(from), digits(c.To)) && !strings.Contains(digits(from), digits(c.To)) {
			return fmt.Sprintf("the phone split of %q loses digits: %q", c.From, c.To)
		}
	case c.Code == engine.CodePhoneNumber:
		// The national number of one written with a trunk prefix, leading
		// zeros or its own calling code: those go, at most three digits
		// from the front, and nothing else.
		n.numbers++
		removed, ok := strings.CutSuffix(digits(from), c.To)
		if !ok || removed == "" || len(removed) > 3 || !allDigitsString(c.To) {
			return fmt.Sprintf("more than a prefix goes from a phone number: %q -> %q", c.From, c.To)
		}
	case c.Code == engine.CodePostalCountryPrefix:
		// The country's own postal prefix goes (LT-12345 -> 12345), and
		// nothing of the code (issue 22): what is left of the letters and
		// digits is the code as written, after one or two letters.
		n.postal++
		prefix, ok := strings.CutSuffix(alnum(strings.ToUpper(from)), alnum(c.To))
		if !ok || prefix == "" || len(prefix) > 2 || strings.Trim(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return fmt.Sprintf("more than a postal prefix goes: %s %q -> %q (%s)", c.Param, c.From, c.To, c.Code)
		}
	case strings.HasPrefix(c.Code, "postal"):
		n.postal++
		if alnum(strings.ToUpper(from)) != alnum(c.To) || !keepsSeparators(from, c.To) {
			return fmt.Sprintf("a postal code is cut to fit: %s %q -> %q (%s)", c.Param, c.From, c.To, c.Code)
		}
	case decimalRe.MatchString(from) && (strings.ContainsAny(from, ".,eE")):
		n.numbers++
		m := zeroFracRe.FindStringSubmatch(from)
		if m == nil || strings.TrimPrefix(m[1], "+") != strings.TrimPrefix(c.To, "+") {
			return fmt.Sprintf("a number changes value: %s %q -> %q (%s)", c.Param, c.From, c.To, c.Code)
		}
	case numberish.MatchString(from):
		n.numbers++
		if digits(from) != digits(c.To) {
			return fmt.Sprintf("a digit string changes: %s %q -> %q (%s)", c.Param, c.From, c.To, c.Code)
		}
	}
	return ""
}

// keepsSeparators reports whether to keeps every separator of from at its
// place (among the letters and digits), as the same or another
// separator, and adds at most one.
func keepsSeparators(from, to string) bool {
	places := func(s string) []int {
		var out []int
		n := 0
		for _, r := range s {
			if alnum(string(r)) == "" {
				out = append(out, n)
			} else {
				n++
			}
		}
		return out
	}
	f, t := places(from), places(to)
	for _, p := range f {
		if !slices.Contains(t, p) {
			return false
		}
	}
	return len(t) <= len(f)+1
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

// secretOf is a secret parameter's value in req, "" when none.
func secretOf(req contactlint.Request) string {
	for _, p := range req.Params {
		if strings.Contains(p.Value, mutants.SecretMark) {
			return p.Value
		}
	}
	return ""
}

func allDigitsString(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
