package engine

import "github.com/contactlint/contactlint/tldspec"

// severityOverrides are the rule files' severities entries (an overlay
// lowering a rule the live API was seen taking), by code.
type severityOverrides map[string]*severityOverride

type severityOverride struct {
	entry  *tldspec.SeverityRule
	fields map[string]bool // nil: every field
	used   bool
}

func newSeverityOverrides(spec *tldspec.Spec) severityOverrides {
	out := severityOverrides{}
	for _, s := range spec.Severities {
		o := &severityOverride{entry: s}
		for _, f := range s.Fields {
			if o.fields == nil {
				o.fields = map[string]bool{}
			}
			o.fields[f.V] = true
		}
		out[s.Code] = o
	}
	return out
}

// applySeverities gives fr's rules the severity an entry sets for their
// code on fr's field. The message chosen stays: a lowered rule keeps its
// words, now as a warning.
func (c *compiler) applySeverities(fr *fieldRules) {
	if len(c.sevs) == 0 {
		return
	}
	apply := func(r *rule) {
		o := c.sevs[r.code]
		if o == nil || o.fields != nil && !o.fields[fr.param] {
			return
		}
		r.sev, r.overridden = o.entry.Severity.V, true
		r.basis = o.entry.Basis.Or(tldspec.BasisObserved)
		if !c.e.opts.Lazy { // lazily built rules are not reported on
			o.used = true
		}
	}
	for _, r := range fr.presence() {
		apply(r)
	}
	for i := range fr.rules {
		apply(&fr.rules[i])
	}
}

// unusedSeverities warns of entries that changed no rule: a code no rule
// (of the fields named) carries. Only once every rule is built.
func (c *compiler) unusedSeverities() {
	for _, s := range c.spec.Severities {
		if o := c.sevs[s.Code]; o != nil && !o.used {
			c.diags.Warnf(s.Pos, tldspec.DiagUnusedSeverity, "severities %s changes no rule: no rule of %s has this code", s.Code, fieldsOf(s))
		}
	}
}

func fieldsOf(s *tldspec.SeverityRule) string {
	if len(s.Fields) == 0 {
		return "any field"
	}
	out := ""
	for i, f := range s.Fields {
		if i > 0 {
			out += ", "
		}
		out += f.V
	}
	return out
}
