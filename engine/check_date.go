package engine

import (
	"time"

	"github.com/contactlint/contactlint/tldspec"
)

// dateLayouts are the formats rule files may name, as Go layouts.
func dateLayout(format string) string {
	switch format {
	case "DD.MM.YYYY":
		return "02.01.2006"
	case "YYYY-MM-DD":
		return "2006-01-02"
	case "DD/MM/YYYY":
		return "02/01/2006"
	}
	return ""
}

// pastDateRules: a real date in the given format (31.02.1990 is not),
// and not after today by the engine's clock (Options.Now).
func (fc *fieldCtx) pastDateRules(chk *tldspec.Check, sev Severity) []rule {
	a, _ := chk.Arg("format")
	layout := dateLayout(a.Value())
	if layout == "" || len(a.Values) != 1 {
		fc.c.diags.Errorf(a.Pos, "bad-value", "past-date format: want one of DD.MM.YYYY, YYYY-MM-DD, DD/MM/YYYY")
		return nil
	}
	now := fc.c.e.opts.Now
	r := fc.rule(CodePastDate, sev, chk.Pos, chk.Message, "", "", func(v string, _ *state) bool {
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
	return []rule{r}
}
