package tldspec

import "go.yaml.in/yaml/v3"

// SeverityRule is an entry of a rule file's severities: the severity of
// every rule with a violation code, on the fields it names or on all. It
// is how an overlay lowers a rule the live API was seen taking to a
// warning (contactlint calibrate -write-rules writes such files), or
// raises one it was seen refusing, without redefining the field.
//
//	severities:
//	  postal-code:
//	    severity: warning
//	    fields: [zipcode]
//	    basis: observed
//	    doc: the live API took 14 calls this rule refused
type SeverityRule struct {
	Code     string
	Severity Opt[Severity]
	Fields   []Opt[string] // parameters or attribute names; none: every field
	Basis    Opt[Basis]
	Doc      Opt[string]
	Pos      Pos
}

func severityRuleProps() []prop[SeverityRule] {
	return []prop[SeverityRule]{
		{"severity", func(p *parser, s *SeverityRule, what string, k, v *yaml.Node) bool {
			return p.severity(&s.Severity, what+" severity", k, v)
		}},
		{"fields", func(p *parser, s *SeverityRule, what string, _, v *yaml.Node) bool {
			var ok bool
			s.Fields, ok = p.nameList(v, what+" fields")
			return ok
		}},
		{"basis", func(p *parser, s *SeverityRule, what string, k, v *yaml.Node) bool {
			b, ok := p.basis(v, what+" basis")
			if ok {
				s.Basis = set(b, p.pos(k))
			}
			return ok
		}},
		{"doc", func(p *parser, s *SeverityRule, what string, k, v *yaml.Node) bool {
			return p.textProp(&s.Doc, what+" doc", k, v)
		}},
	}
}

// severities reads a rule file's severities section.
func (p *parser) severities(v *yaml.Node, f *File) {
	p.mapping(v, "severities", func(code string, k, v *yaml.Node) {
		if !p.name(k, "severities code", code) {
			return
		}
		s := &SeverityRule{Code: code, Pos: p.pos(k)}
		what := "severities " + code
		given, _ := readProps(p, v, what, severityRuleProps(), s)
		if !given["severity"] {
			p.diags.Errorf(p.pos(k), DiagMissingKey, "%s: severity is required", what)
			return
		}
		f.Severities = append(f.Severities, s)
	})
}

// resolveSeverities holds each entry's fields to the fields and
// attributes the rules define.
func resolveSeverities(s *Spec, diags *Diagnostics) {
	attrs := map[string]bool{}
	for _, a := range s.AttrEntries() {
		attrs[a.Param] = true
	}
	for _, sr := range s.Severities {
		for _, f := range sr.Fields {
			if _, ok := s.fields[f.V]; !ok && !attrs[f.V] {
				diags.Errorf(f.Pos, DiagUnknownField, "severities %s: %q is neither a field nor an attribute of the rules", sr.Code, f.V)
			}
		}
	}
}
