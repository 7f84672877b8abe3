package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/internal/calibrate"
)

// calSummary is what calibrate makes of disagreement logs.
type calSummary struct {
	Logs   []string `json:"logs"`
	Calls  int      `json:"calls"`          // records read
	Unread int      `json:"unread"`         // lines that are not records
	From   string   `json:"from,omitempty"` // the first record's time
	To     string   `json:"to,omitempty"`   // the last record's
	// Agreement rates: by command, contact type and TLD.
	ByCommand map[string]*rate `json:"by_command"`
	ByType    map[string]*rate `json:"by_type"`
	ByTLD     map[string]*rate `json:"by_tld"`
	Classes   []*class         `json:"classes"`
	Unknown   []*unknownText   `json:"unknown_messages"`
	Lower     []*lowering      `json:"lower"`
}

// rate counts comparisons: agreed, of compared (unreadable answers aside).
type rate struct {
	Agree    int `json:"agree"`
	Compared int `json:"compared"`
}

func (r *rate) String() string {
	if r.Compared == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %5.1f%%", r.Agree, r.Compared, 100*float64(r.Agree)/float64(r.Compared))
}

// class is one kind of disagreement: an outcome on a field with our code.
type class struct {
	Outcome calibrate.Outcome `json:"outcome"`
	Field   string            `json:"field"`
	Code    string            `json:"code"`
	Count   int               `json:"count"`
	Example calibrate.Record  `json:"example"`
}

// unknownText is an API message the catalogue does not word.
type unknownText struct {
	Text   string   `json:"text"`
	Fields []string `json:"fields"`
	Count  int      `json:"count"`
}

// readLogs reads every record of the files; an unreadable line is
// counted, not fatal.
func readLogs(files []string, s *calSummary) error {
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = readLog(f, s)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		s.Logs = append(s.Logs, name)
	}
	return nil
}

func readLog(r io.Reader, s *calSummary) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		var rec calibrate.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.V != calibrate.Version || rec.Outcome == "" {
			s.Unread++
			continue
		}
		s.add(rec)
	}
	return sc.Err()
}

func newCalSummary() *calSummary {
	return &calSummary{ByCommand: map[string]*rate{}, ByType: map[string]*rate{}, ByTLD: map[string]*rate{}}
}

// add counts one record.
func (s *calSummary) add(r calibrate.Record) {
	s.Calls++
	if s.From == "" || r.Time < s.From {
		s.From = r.Time
	}
	if r.Time > s.To {
		s.To = r.Time
	}
	if r.Outcome != calibrate.NotCompared {
		tlds := r.TLDs
		if len(tlds) == 0 {
			tlds = []string{"(none)"}
		}
		count(s.ByCommand, r.Command, r.Outcome)
		count(s.ByType, or(r.Type, "(none)"), r.Outcome)
		for _, t := range tlds {
			count(s.ByTLD, t, r.Outcome)
		}
	}
	for _, d := range r.Disagreements {
		s.classOf(r, d).Count++
	}
	for _, u := range r.Unknown {
		s.unknownOf(u, r).Count++
	}
	s.weigh(r)
}

func count(m map[string]*rate, key string, o calibrate.Outcome) {
	r := m[key]
	if r == nil {
		r = &rate{}
		m[key] = r
	}
	r.Compared++
	if o == calibrate.Agree {
		r.Agree++
	}
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s *calSummary) classOf(r calibrate.Record, d calibrate.Disagreement) *class {
	for _, c := range s.Classes {
		if c.Outcome == r.Outcome && c.Field == d.Field && c.Code == d.Code {
			return c
		}
	}
	c := &class{Outcome: r.Outcome, Field: d.Field, Code: d.Code, Example: r}
	s.Classes = append(s.Classes, c)
	return c
}

func (s *calSummary) unknownOf(text string, r calibrate.Record) *unknownText {
	var fields []string
	if r.API != nil {
		for _, f := range r.API.Fields {
			if f.Message == text {
				fields = append(fields, f.Key)
			}
		}
	}
	for _, u := range s.Unknown {
		if u.Text == text {
			for _, f := range fields {
				if !slices.Contains(u.Fields, f) {
					u.Fields = append(u.Fields, f)
				}
			}
			return u
		}
	}
	u := &unknownText{Text: text, Fields: fields}
	s.Unknown = append(s.Unknown, u)
	return u
}

// sortOut puts everything in a stable order: most frequent first.
func (s *calSummary) sortOut() {
	sort.SliceStable(s.Classes, func(i, j int) bool {
		a, b := s.Classes[i], s.Classes[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Outcome+calibrate.Outcome(a.Field+a.Code) < b.Outcome+calibrate.Outcome(b.Field+b.Code)
	})
	sort.SliceStable(s.Unknown, func(i, j int) bool {
		if s.Unknown[i].Count != s.Unknown[j].Count {
			return s.Unknown[i].Count > s.Unknown[j].Count
		}
		return s.Unknown[i].Text < s.Unknown[j].Text
	})
	for _, u := range s.Unknown {
		sort.Strings(u.Fields)
	}
}

// keys is m's keys, sorted.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// example is a record told in a line: what we said, what the API said,
// and the shapes of the values.
func example(r calibrate.Record) string {
	var parts []string
	for _, o := range r.Ours {
		if o.Severity == "error" {
			parts = append(parts, fmt.Sprintf("ours %s: %q", o.Field, o.Message))
		}
	}
	switch {
	case r.API == nil:
	case r.API.Kind == calibrate.Success:
		parts = append(parts, fmt.Sprintf("the API: HTTP %d, took it (%s)", r.API.Status, r.API.Body))
	default:
		parts = append(parts, fmt.Sprintf("the API: HTTP %d %q", r.API.Status, r.API.Message))
	}
	for _, p := range keys(r.Shapes) {
		parts = append(parts, fmt.Sprintf("%s shaped %s (%d)", p, r.Shapes[p].Shape, r.Shapes[p].Len))
	}
	parts = append(parts, "call "+r.ID)
	return strings.Join(parts, "; ")
}
