package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// summary counts what was checked, for the line on standard error.
type summary struct {
	failOnWarning           bool
	checked, passed, failed int
	unreadable              int
	byField                 map[string]int // failed requests by field
}

func newSummary(failOnWarning bool) *summary {
	return &summary{failOnWarning: failOnWarning, byField: map[string]int{}}
}

func (s *summary) add(r *record) {
	s.checked++
	if r.err != nil {
		s.unreadable++
		return
	}
	failed := false
	seen := map[string]bool{}
	for _, v := range r.violations() {
		if v.Severity == engine.Error || s.failOnWarning {
			failed = true
			if !seen[v.Field] {
				seen[v.Field] = true
				s.byField[v.Field]++
			}
		}
	}
	if failed {
		s.failed++
	} else {
		s.passed++
	}
}

// String is the summary line: counts, then the fields that failed most.
func (s *summary) String() string {
	line := fmt.Sprintf("contactlint: %d checked, %d passed, %d failed", s.checked, s.passed, s.failed)
	if s.unreadable > 0 {
		line += fmt.Sprintf(", %d could not be read", s.unreadable)
	}
	if len(s.byField) > 0 {
		fields := make([]string, 0, len(s.byField))
		for f := range s.byField {
			fields = append(fields, f)
		}
		sort.Slice(fields, func(i, j int) bool {
			a, b := fields[i], fields[j]
			if s.byField[a] != s.byField[b] {
				return s.byField[a] > s.byField[b]
			}
			return a < b
		})
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = fmt.Sprintf("%s %d", f, s.byField[f])
		}
		line += "; failing fields: " + strings.Join(parts, ", ")
	}
	return line
}
