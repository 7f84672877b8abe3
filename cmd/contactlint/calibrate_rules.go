package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/calibrate"
)

// lowering is a rule (a code on a parameter) the API was seen taking: a
// candidate to lower to a warning.
type lowering struct {
	Code    string   `json:"code"`
	Param   string   `json:"param"`
	Field   string   `json:"field"`
	Taken   int      `json:"taken"`   // false errors: we refused, the API took it
	Refused int      `json:"refused"` // calls we refused on it that the API refused too
	Shapes  []string `json:"shapes"`  // the values' shapes, a few
	Write   bool     `json:"write"`   // lowered by -write-rules
}

// weigh counts what a record says of our rules: taken (a false error's
// errors) or refused too (an agreement's, or another refusal's on a field
// the API named).
func (s *calSummary) weigh(r calibrate.Record) {
	switch r.Outcome {
	case calibrate.FalseError:
		for _, o := range r.Ours {
			if o.Severity == "error" {
				l := s.lowering(o.Code, o.Param, o.Field)
				l.Taken++
				if sh, ok := r.Shapes[o.Param]; ok && len(l.Shapes) < 5 && !slices.Contains(l.Shapes, sh.Shape) {
					l.Shapes = append(l.Shapes, sh.Shape)
				}
			}
		}
	case calibrate.Agree:
		for _, e := range r.Errors {
			s.refusedOn(e.Field, e.Code)
		}
	case calibrate.FieldDifference, calibrate.MessageDifference, calibrate.UnknownMessage:
		for _, o := range r.Ours {
			if o.Severity == "error" && r.API != nil && slices.ContainsFunc(r.API.Fields, func(f calibrate.Field) bool { return f.Key == o.Field }) {
				s.refusedOn(o.Field, o.Code)
			}
		}
	}
}

func (s *calSummary) lowering(code, param, field string) *lowering {
	for _, l := range s.Lower {
		if l.Code == code && l.Field == field {
			if l.Param == "" {
				l.Param = param
			}
			return l
		}
	}
	l := &lowering{Code: code, Param: param, Field: field}
	s.Lower = append(s.Lower, l)
	return l
}

func (s *calSummary) refusedOn(field, code string) { s.lowering(code, "", field).Refused++ }

// plainName is what a code or parameter from a log must look like to be
// written into a rule file (a log is input: it may hold anything).
var plainName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// choose marks the rules to lower: taken at least min times — once the
// API was seen taking what a rule refuses, refusal is not certain, and an
// error only stands where it is (whatever other values it was seen
// refusing: both counts go in the entry's doc) — a code the engine has, on
// one of its parameters.
func (s *calSummary) choose(eng *engine.Engine, min int) {
	params := map[string]bool{}
	for _, p := range eng.Vocabulary().Keys {
		params[p] = true
	}
	for _, l := range s.Lower {
		_, known := engine.LookupCode(l.Code)
		l.Write = l.Taken >= min && known && params[l.Param] &&
			plainName.MatchString(l.Code) && plainName.MatchString(l.Param)
	}
	sort.SliceStable(s.Lower, func(i, j int) bool {
		a, b := s.Lower[i], s.Lower[j]
		if a.Taken != b.Taken {
			return a.Taken > b.Taken
		}
		return a.Code+" "+a.Param < b.Code+" "+b.Param
	})
}

// overlayName is the file -write-rules writes in its directory.
const overlayName = "observed-severities.yaml"

// overlay is the rule file lowering the chosen rules, each entry citing
// the counts it rests on; nil when there is none.
func (s *calSummary) overlay(when string) []byte {
	byCode := map[string][]*lowering{}
	for _, l := range s.Lower {
		if l.Write {
			byCode[l.Code] = append(byCode[l.Code], l)
		}
	}
	if len(byCode) == 0 {
		return nil
	}
	var b strings.Builder
	from := strings.Map(func(r rune) rune { // a comment stays one line
		if r < ' ' {
			return '?'
		}
		return r
	}, fmt.Sprintf("%s (%d calls compared, %s to %s)", strings.Join(s.Logs, ", "), s.Calls, s.From, s.To))
	fmt.Fprintf(&b, "# Written by contactlint calibrate on %s from %s:\n", when, from)
	b.WriteString("# rules the live API was seen taking, lowered to warnings: their refusal is\n# not certain. Review them before use: docs/calibration.md.\nversion: 1\nseverities:\n")
	for _, code := range keys(byCode) {
		ls := byCode[code]
		var fields, docs []string
		for _, l := range ls {
			fields = append(fields, l.Param)
			docs = append(docs, fmt.Sprintf("%s: the API took %d call(s) this rule refused (values shaped %s) and refused %d it refused too", l.Param, l.Taken, strings.Join(l.Shapes, ", "), l.Refused))
		}
		doc, _ := json.Marshal("contactlint calibrate, " + when + ". " + strings.Join(docs, "; ") + ".")
		fmt.Fprintf(&b, "  %s:\n    severity: warning\n    fields: [%s]\n    basis: observed\n    doc: %s\n", code, strings.Join(fields, ", "), doc)
	}
	return []byte(b.String())
}

// withOverlay is dir's rule files with the overlay among them, in memory:
// what dir would hold once it is written, to lint before anything is.
func withOverlay(dir string, data []byte) (fs.FS, error) {
	files := fstest.MapFS{overlayName: {Data: data, Mode: 0o644}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() == overlayName || !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return files, nil
}
