package main

import (
	"fmt"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/text/suggest"
)

// filter chooses which violations a run reports: -skip and -only by code,
// and a baseline's known ones. What it drops no longer counts: a request
// whose only errors are skipped passes.
type filter struct {
	skip, only map[string]bool
	baseline   *baseline
	known      int // violations the baseline held back
}

// parseCodes reads a -skip or -only list: codes as in engine.Codes(),
// comma-separated; an unknown one is an error with the nearest code.
func parseCodes(flagName, list string) (map[string]bool, error) {
	if list == "" {
		return nil, nil
	}
	var known []string
	for _, c := range engine.Codes() {
		known = append(known, c.Code)
	}
	out := map[string]bool{}
	for _, code := range strings.Split(list, ",") {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		if _, ok := engine.LookupCode(code); !ok {
			msg := fmt.Sprintf("-%s: %q is not a violation code", flagName, code)
			if s := suggest.Closest(code, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, fmt.Errorf("%s; contactlint explain lists the rules, docs/rules.md the codes", msg)
		}
		out[code] = true
	}
	return out, nil
}

func (f *filter) active() bool {
	return f != nil && (f.skip != nil || f.only != nil || f.baseline != nil)
}

func (f *filter) keep(v engine.Violation) bool {
	if f.skip[v.Code] {
		return false
	}
	return f.only == nil || f.only[v.Code]
}

// apply drops what the filter does not report from rec, in place. The
// baseline is consulted last, per request, so that its counts hold.
func (f *filter) apply(rec *record) {
	if !f.active() || rec.err != nil {
		return
	}
	seen := f.baseline.matcher(rec.key)
	keep := func(vs []engine.Violation) []engine.Violation {
		out := vs[:0:0]
		for _, v := range vs {
			switch {
			case !f.keep(v):
			case seen(v):
				f.known++
			default:
				out = append(out, v)
			}
		}
		return out
	}
	if rec.set != nil {
		for i := range rec.set.Contacts {
			rec.set.Contacts[i].Violations = keep(rec.set.Contacts[i].Violations)
		}
		rec.set.Set = keep(rec.set.Set)
		return
	}
	rec.res.Violations = keep(rec.res.Violations)
}

// hideWarnings is -min-severity error: warnings leave every output, after
// they were counted.
func hideWarnings(rec *record) {
	drop := func(vs []engine.Violation) []engine.Violation {
		out := vs[:0:0]
		for _, v := range vs {
			if v.Severity == engine.Error {
				out = append(out, v)
			}
		}
		return out
	}
	if rec.set != nil {
		s := *rec.set
		s.Contacts = append([]engine.RoleResult(nil), s.Contacts...)
		for i := range s.Contacts {
			s.Contacts[i].Violations = drop(s.Contacts[i].Violations)
		}
		s.Set = drop(s.Set)
		rec.set = &s
		return
	}
	rec.res.Violations = drop(rec.res.Violations)
}
