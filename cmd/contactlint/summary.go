package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/input"
)

// summary counts what was checked, for the line on standard error.
type summary struct {
	failOnWarning           bool
	checked, passed, failed int
	unreadable              int
	known                   int            // held back by a baseline
	byField                 map[string]int // failed requests by field
}

func newSummary(failOnWarning bool) *summary {
	return &summary{failOnWarning: failOnWarning, byField: map[string]int{}}
}

func (s *summary) add(r *record) {
	if r.err != nil {
		s.unreadable++ // counted apart: it was not checked
		return
	}
	s.checked++
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
	if s.known > 0 {
		line += fmt.Sprintf(", %d known violations not reported (baseline)", s.known)
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

// found reports whether any request, readable or not, was found: a run
// that found none is a usage error, with no summary.
func (s *summary) found() bool { return s.checked+s.unreadable > 0 }

// exitCode is check's and fix's exit code, once every record is in:
//
//   - 2 when an input could not be read at all (a missing file), or when
//     the inputs held no request: a CI step pointed at the wrong place
//     must not pass; where nothing was found is said on stderr;
//   - 1 when a request has an error, or a record could not be read (its
//     line is reported: a finding about the data, as ESLint reports a
//     file it cannot parse, not trouble with the tool);
//   - 0 otherwise.
func (s *summary) exitCode(pl *pipeline, command string, inputs []string, stderr io.Writer) int {
	switch {
	case pl.troubled():
		return exitTrouble
	case !s.found():
		names := make([]string, len(inputs))
		dir := false
		for i, in := range inputs {
			names[i] = in
			if in == "-" {
				names[i] = "standard input"
			} else if st, err := os.Stat(in); err == nil && st.IsDir() {
				dir = true
			}
		}
		hint := ""
		if dir {
			hint = " (a directory is read for its " + strings.Join(input.Extensions(), ", ") + " files)"
		}
		fmt.Fprintf(stderr, "contactlint %s: no requests found in %s%s\n", command, strings.Join(names, ", "), hint)
		return exitTrouble
	case s.failed > 0 || s.unreadable > 0:
		return exitFailed
	}
	return exitOK
}
