package tldspec

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Severity of a diagnostic or of a rule.
type Severity uint8

const (
	// Error: for a rule file, it cannot be used; for a request, the API or
	// the registry will reject it.
	Error Severity = iota + 1
	// Warning: likely trouble, or a rule that could not be confirmed.
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "severity(" + fmt.Sprint(uint8(s)) + ")"
}

// MarshalText renders "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "error" or "warning".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	}
	return 0, false
}

// Diagnostic is one problem found in a rule file. Code is stable (tests and
// tools match on it); Message is for people.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Message  string
}

// Error renders file:line:col: code: message.
func (d Diagnostic) Error() string {
	s := d.Pos.String() + ": "
	if d.Severity == Warning {
		s += "warning: "
	}
	return s + d.Code + ": " + d.Message
}

// Diagnostics is a list of diagnostics; as an error it reports them all.
type Diagnostics []Diagnostic

// Sorted returns l ordered by file, line, column, then code — so output
// never depends on the order in which files were read — with one
// diagnostic per place and code: repeats (one rule compiled into several
// variants) said once, and different messages for the same place and
// code (one check's parameter missing from two commands) joined.
func (l Diagnostics) Sorted() Diagnostics {
	out := slices.Clone(l)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return out[i].Code < out[j].Code
	})
	merged := out[:0]
	for _, d := range out {
		if n := len(merged); n > 0 && merged[n-1].Pos == d.Pos && merged[n-1].Code == d.Code {
			last := &merged[n-1]
			if !slices.Contains(strings.Split(last.Message, "; "), d.Message) {
				last.Message += "; " + d.Message
			}
			if d.Severity == Error {
				last.Severity = Error
			}
			continue
		}
		merged = append(merged, d)
	}
	return merged
}

// HasErrors reports whether any diagnostic has error severity.
func (l Diagnostics) HasErrors() bool {
	for _, d := range l {
		if d.Severity != Warning {
			return true
		}
	}
	return false
}

// Err returns l as an error when it holds an error-severity diagnostic, and
// nil otherwise (warnings alone do not make rules unusable).
func (l Diagnostics) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

func (l Diagnostics) Error() string {
	switch len(l) {
	case 0:
		return "no diagnostics"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Errorf appends an error-severity diagnostic.
func (l *Diagnostics) Errorf(pos Pos, code, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning.
func (l *Diagnostics) Warnf(pos Pos, code, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}
