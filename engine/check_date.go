package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/contactlint/contactlint/tldspec"
)

// dateFormats are the formats rule files may name, with their Go layouts.
var dateFormats = [...]struct{ format, layout string }{
	{"DD.MM.YYYY", "02.01.2006"},
	{"YYYY-MM-DD", "2006-01-02"},
	{"DD/MM/YYYY", "02/01/2006"},
}

func dateLayout(format string) string {
	for _, f := range dateFormats {
		if f.format == format {
			return f.layout
		}
	}
	return ""
}

func validDateFormat(v string) error {
	if dateLayout(v) != "" {
		return nil
	}
	names := make([]string, len(dateFormats))
	for i, f := range dateFormats {
		names[i] = f.format
	}
	return fmt.Errorf("%q is not a date format; want one of %s", v, strings.Join(names, ", "))
}

// pastDateCheck declares the past-date check; pastDateRules compiles it.
var pastDateCheck = check{
	CheckInfo: tldspec.CheckInfo{Name: CodePastDate, Severity: Error, Basis: tldspec.BasisSpec,
		Args: []tldspec.ArgInfo{{Name: "format", Kind: tldspec.ValueArg, Required: true, Valid: validDateFormat}},
		Doc:  "a date in the format (DD.MM.YYYY, YYYY-MM-DD or DD/MM/YYYY) that exists and is not in the future (an impossible or future date is provably invalid)"},
	compile:   (*fieldCtx).pastDateRules,
	valueOnly: true,
}

// pastDateRules: a real date in the given format (31.02.1990 is not),
// and not after today by the engine's clock (Options.Now).
func (fc *fieldCtx) pastDateRules(chk checkCall, sev Severity) []rule {
	a, _ := chk.Arg("format")
	layout := dateLayout(a.Value())
	now := fc.c.e.opts.Now
	r := fc.rule(CodePastDate, sev, chk.Pos, ruleText{msg: chk.Message}, func(v string, _ *state) bool {
		if len(v) != len(layout) {
			return false
		}
		d, err := time.Parse(layout, v)
		if err != nil {
			return false
		}
		y, m, day := now().Date()
		return !d.After(time.Date(y, m, day, 0, 0, 0, 0, time.UTC))
	})
	r.detail = "a date " + a.Value() + ", not in the future"
	r.expected = "a date written " + a.Value() + ", not in the future, e.g. " + time.Date(1990, 1, 31, 0, 0, 0, 0, time.UTC).Format(layout)
	return []rule{r}
}
