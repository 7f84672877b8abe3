package main

import (
	"bufio"
	"encoding/json"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// sarifPrinter writes a SARIF 2.1.0 log: one result per violation, located
// at the request's file and line, streamed as records arrive. The rules
// are every violation code, described from the catalogue (engine.Codes),
// so that each result's ruleIndex is known as it is written.
type sarifPrinter struct {
	w     *bufio.Writer
	n     int
	rules []engine.CodeInfo
	index map[string]int
}

// sarifInput is the rule of a request that could not be read.
var sarifInput = engine.CodeInfo{Code: "input", Severity: engine.Error, Doc: "The request could not be read: not JSON, YAML, CSV or a query string as its input's kind needs, not valid UTF-8, over 1 MiB, or not an object."}

func newSARIFPrinter(w *bufio.Writer) *sarifPrinter {
	p := &sarifPrinter{w: w, rules: append(engine.Codes(), sarifInput), index: map[string]int{}}
	slices.SortFunc(p.rules, func(a, b engine.CodeInfo) int { return strings.Compare(a.Code, b.Code) })
	for i, r := range p.rules {
		p.index[r.Code] = i
	}
	return p
}

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifHead    = `{"version":"` + sarifVersion + `","$schema":"` + sarifSchema + `","runs":[{"results":[`
)

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func (p *sarifPrinter) Print(r *record) error {
	if r.err != nil {
		return p.result("input", "error", "the request could not be read: "+r.err.Error(), r, nil)
	}
	for _, v := range r.violations() {
		props := map[string]any{"field": v.Field, "param": v.Param, "rule": v.Rule.String(), "index": r.index}
		if v.Fix != "" {
			props["fix"] = v.Fix
		}
		if v.Expected != "" {
			props["expected"] = v.Expected
		}
		if v.Role != "" {
			props["role"] = v.Role
		}
		if r.contactID != "" {
			props["contact-id"] = r.contactID
		}
		level := "error"
		if v.Severity == engine.Warning {
			level = "warning"
		}
		text := v.Field + ": " + v.Message
		if v.Expected != "" {
			text += " (expected: " + v.Expected + ")"
		}
		if err := p.result(v.Code, level, text, r, props); err != nil {
			return err
		}
	}
	return nil
}

func (p *sarifPrinter) result(rule, level, msg string, r *record, props map[string]any) error {
	if p.n == 0 {
		p.w.WriteString(sarifHead)
	} else {
		p.w.WriteByte(',')
	}
	p.n++
	idx, ok := p.index[rule]
	if !ok { // a code the catalogue lacks: a defect, but never a lost result
		idx = len(p.rules)
		p.rules = append(p.rules, engine.CodeInfo{Code: rule, Doc: rule})
		p.index[rule] = idx
	}
	var loc sarifLocation
	loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(r.file)
	if r.line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.line}
	}
	b, err := json.Marshal(sarifResult{RuleID: rule, RuleIndex: idx, Level: level, Message: sarifText{msg}, Locations: []sarifLocation{loc}, Properties: props})
	if err != nil {
		return err
	}
	_, err = p.w.Write(b)
	return err
}

// sarifURI makes a file name a URI reference: forward slashes, and
// "stdin" for standard input.
func sarifURI(file string) string {
	if file == "<stdin>" {
		return "stdin"
	}
	return strings.ReplaceAll(file, "\\", "/")
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      *sarifText     `json:"fullDescription,omitempty"`
	Help                 *sarifText     `json:"help,omitempty"`
	DefaultConfiguration map[string]any `json:"defaultConfiguration,omitempty"`
}

func (p *sarifPrinter) Close() error {
	if p.n == 0 {
		p.w.WriteString(sarifHead)
	}
	rules := make([]sarifRule, len(p.rules))
	for i, c := range p.rules {
		level := "error"
		if c.Severity == engine.Warning {
			level = "warning"
		}
		rules[i] = sarifRule{
			ID:                   c.Code,
			ShortDescription:     sarifText{firstSentence(c.Doc)},
			FullDescription:      &sarifText{c.Doc},
			Help:                 &sarifText{c.Doc + " Where a rule file uses it, and with what options: contactlint explain."},
			DefaultConfiguration: map[string]any{"level": level},
		}
	}
	b, err := json.Marshal(sarifTool(rules))
	if err != nil {
		return err
	}
	p.w.WriteString(`],"tool":`)
	p.w.Write(b)
	p.w.WriteString("}]}\n")
	return p.w.Flush()
}

// firstSentence is a description's first sentence, for a short one.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// sarifTool is a run's tool: contactlint, with the rules its results use.
func sarifTool(rules []sarifRule) map[string]any {
	return map[string]any{"driver": map[string]any{
		"name":           "contactlint",
		"informationUri": "https://github.com/contactlint/contactlint",
		"version":        version(),
		"rules":          rules,
	}}
}
