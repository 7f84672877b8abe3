package main

import (
	"bufio"
	"encoding/json"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// sarifPrinter writes a SARIF 2.1.0 log: one result per violation, located
// at the request's file and line, streamed as records arrive; the rules
// seen are listed at the end.
type sarifPrinter struct {
	w     *bufio.Writer
	n     int
	rules []string
	help  map[string]string
}

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifHead    = `{"version":"` + sarifVersion + `","$schema":"` + sarifSchema + `","runs":[{"results":[`
)

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
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
		if p.help == nil {
			p.help = map[string]string{}
		}
		if _, ok := p.help[v.Code]; !ok {
			p.help[v.Code] = v.Message
		}
		if err := p.result(v.Code, level, v.Field+": "+v.Message, r, props); err != nil {
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
	if !slices.Contains(p.rules, rule) {
		p.rules = append(p.rules, rule)
	}
	var loc sarifLocation
	loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(r.file)
	if r.line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.line}
	}
	b, err := json.Marshal(sarifResult{RuleID: rule, Level: level, Message: sarifText{msg}, Locations: []sarifLocation{loc}, Properties: props})
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
	ID               string    `json:"id"`
	ShortDescription sarifText `json:"shortDescription"`
}

func (p *sarifPrinter) Close() error {
	if p.n == 0 {
		p.w.WriteString(sarifHead)
	}
	slices.Sort(p.rules)
	rules := make([]sarifRule, len(p.rules))
	for i, id := range p.rules {
		desc := p.help[id]
		if id == "input" {
			desc = "The request could not be read."
		}
		rules[i] = sarifRule{ID: id, ShortDescription: sarifText{desc}}
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

// sarifTool is a run's tool: contactlint, with the rules its results use.
func sarifTool(rules []sarifRule) map[string]any {
	return map[string]any{"driver": map[string]any{
		"name":           "contactlint",
		"informationUri": "https://github.com/contactlint/contactlint",
		"version":        version(),
		"rules":          rules,
	}}
}
