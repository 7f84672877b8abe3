package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/internal/text/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// Query names what to explain: a command (contacts/add when empty) and,
// optionally, a contact type, a TLD and a role.
type Query struct {
	Command string `json:"command"`
	Type    string `json:"type,omitempty"`
	TLD     string `json:"tld,omitempty"`
	Role    string `json:"role,omitempty"`
}

// Explanation is the rules that apply to one kind of request, as compiled:
// what each parameter must be, in the spec's order, with where each rule
// is declared, and what conditions on the request's values change.
type Explanation struct {
	Query
	Method string       `json:"method,omitempty"`
	Notes  []Note       `json:"notes"`
	Params []ParamRules `json:"params"`
	// Conditions change some parameters' rules when they hold.
	Conditions []ConditionRules `json:"conditions"`
	// Attrs reports whether the command takes attr-nameN/attr-valueN.
	Attrs bool `json:"attrs"`
	// Open reports that the spec documents no parameter beyond
	// authentication, so others are not reported.
	Open bool `json:"open,omitempty"`
}

// Note is the documentation of something that applies: the command, the
// contact type, the TLD, a role.
type Note struct {
	Source string      `json:"source"`
	Text   string      `json:"text"`
	Rule   tldspec.Pos `json:"rule"`
}

// ParamRules is what one parameter must be.
type ParamRules struct {
	Param    string      `json:"param"`
	Attr     bool        `json:"attr,omitempty"` // an extra detail (attr-nameN/attr-valueN)
	Field    string      `json:"field"`
	Presence string      `json:"presence"` // required, optional, recommended, discouraged or forbidden
	Repeat   bool        `json:"repeat,omitempty"`
	Rule     tldspec.Pos `json:"rule"` // where its presence is declared, if anywhere
	Rules    []RuleInfo  `json:"rules"`
}

// RuleInfo is one rule on a value.
type RuleInfo struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Basis is why the rule holds: spec (the spec states it), observed
	// (the live API was seen refusing it) or beyond-spec (provably
	// invalid, or for a warning, advice the spec does not give).
	Basis   tldspec.Basis `json:"basis"`
	Detail  string        `json:"detail"`
	Message string        `json:"message"`
	Rule    tldspec.Pos   `json:"rule"`
	// NeverFires says why no value can make the rule fire here (an
	// earlier error rule of the parameter takes only values it passes);
	// empty when one can.
	NeverFires string `json:"never_fires,omitempty"`
}

// ConditionRules is a conditional overlay: when it holds (alone), these
// parameters have these rules.
type ConditionRules struct {
	When   string       `json:"when"`
	Rule   tldspec.Pos  `json:"rule"`
	Params []ParamRules `json:"params"`
}

// Explain lists the rules for q. It fails on a name the rules do not know,
// suggesting the nearest one.
func (e *Engine) Explain(q Query) (Explanation, error) {
	cmd, rs, layers, q, err := e.resolve(q)
	if err != nil {
		return Explanation{}, err
	}
	x := Explanation{Query: q, Method: cmd.spec.Method.V, Attrs: cmd.attrs, Open: cmd.open, Notes: []Note{}, Conditions: []ConditionRules{}}
	if cmd.spec.Doc.Set {
		x.Notes = append(x.Notes, Note{Source: "command " + cmd.name, Text: cmd.spec.Doc.V, Rule: cmd.spec.Pos})
	}
	for _, l := range layers {
		if l.o.Doc.Set {
			x.Notes = append(x.Notes, Note{Source: l.name(), Text: l.o.Doc.V, Rule: l.o.Pos})
		}
	}
	for i := range rs.fields {
		x.Params = append(x.Params, paramRules(&rs.fields[i].variants[0]))
	}
	for ci, c := range rs.conds {
		cr := ConditionRules{When: c.name, Rule: c.pos}
		for i := range rs.fields {
			fs := &rs.fields[i]
			if j := slices.Index(fs.conds, uint8(ci)); j >= 0 {
				cr.Params = append(cr.Params, paramRules(&fs.variants[1<<j]))
			}
		}
		x.Conditions = append(x.Conditions, cr)
	}
	return x, nil
}

// resolve finds q's command and rule set, with q's names as the rules
// spell them. It fails on a name the rules do not know, suggesting the
// nearest one.
func (e *Engine) resolve(q Query) (*command, *ruleSet, []layer, Query, error) {
	q.Command = commandName(q.Command)
	cmd, ok := e.commands[q.Command]
	if !ok {
		return nil, nil, nil, q, unknownName("command", q.Command, e.names)
	}
	var t *tldspec.ContactType
	ti := 0
	if q.Type != "" {
		if cmd.typeSlot < 0 && cmd.currentType == "" {
			return nil, nil, nil, q, fmt.Errorf("command %s has no contact type", q.Command)
		}
		if t, ok = e.spec.Type(q.Type); !ok {
			return nil, nil, nil, q, unknownName("contact type", q.Type, e.Types())
		}
		i, _ := e.typeIx.lookup(q.Type)
		ti = i + 1
	}
	li := 0
	if q.TLD != "" {
		if li = e.tldIndex(q.TLD); li == 0 {
			return nil, nil, nil, q, fmt.Errorf("no rules for the TLD %q (rules exist for %s)", q.TLD, strings.Join(e.TLDs(), ", "))
		}
		q.TLD = e.tldNames[li-1]
	}
	ri := tldspec.RoleIndex(q.Role)
	if ri < 0 {
		return nil, nil, nil, q, unknownName("role", q.Role, tldspec.Roles())
	}
	return cmd, cmd.set(e, ti, li, ri).get(), e.stack(new([5]layer), cmd.spec, t, q.TLD, q.Role), q, nil
}

func paramRules(fr *fieldRules) ParamRules {
	p := ParamRules{Param: fr.param, Attr: fr.attr, Repeat: fr.repeat, Field: fr.key, Presence: "optional", Rules: []RuleInfo{}}
	switch {
	case fr.forbidden != nil:
		p.Presence, p.Rule = "forbidden", fr.forbidden.pos
		p.Rules = append(p.Rules, info(fr.forbidden))
		return p
	case fr.required != nil:
		p.Presence, p.Rule = "required", fr.required.pos
		p.Rules = append(p.Rules, info(fr.required))
	case fr.discouraged != nil:
		p.Presence, p.Rule = "discouraged", fr.discouraged.pos
		p.Rules = append(p.Rules, info(fr.discouraged))
	case fr.recommended != nil:
		p.Presence, p.Rule = "recommended", fr.recommended.pos
		p.Rules = append(p.Rules, info(fr.recommended))
	}
	for i := range fr.rules {
		p.Rules = append(p.Rules, info(&fr.rules[i]))
	}
	return p
}

func info(r *rule) RuleInfo {
	return RuleInfo{Code: r.code, Severity: r.sev, Basis: r.basis.Or(tldspec.BasisSpec), Detail: r.detail, Message: r.message, Rule: r.pos, NeverFires: r.neverFires}
}

func unknownName(kind, name string, known []string) error {
	msg := fmt.Sprintf("unknown %s %q", kind, name)
	msg += suggest.Hint(name, known)
	return fmt.Errorf("%s", msg)
}

// Text renders an explanation for people.
func (x Explanation) Text() string {
	var b strings.Builder
	title := x.Command
	if x.Method != "" {
		title += " (" + x.Method + ")"
	}
	for _, part := range []struct{ label, v string }{{"type", x.Type}, {"tld", x.TLD}, {"role", x.Role}} {
		if part.v != "" {
			title += ", " + part.label + " " + part.v
		}
	}
	b.WriteString(title + "\n")
	for _, n := range x.Notes {
		fmt.Fprintf(&b, "  %s (%s): %s\n", n.Source, n.Rule, n.Text)
	}
	b.WriteString("\n")
	writeParams(&b, x.Params, "")
	if x.Attrs {
		b.WriteString("attr-nameN/attr-valueN: pairs, read by their number; an empty value is a detail not given; a detail named in more than one pair is judged on each value (an error only when every one is refused); a half pair, an unknown detail or an oddly written N warns\n")
	}
	if x.Open {
		b.WriteString("(no other parameter is documented: none is reported as unknown)\n")
	}
	for _, c := range x.Conditions {
		fmt.Fprintf(&b, "\n%s (%s):\n", c.When, c.Rule)
		writeParams(&b, c.Params, "  ")
	}
	return b.String()
}

func writeParams(b *strings.Builder, params []ParamRules, indent string) {
	for _, p := range params {
		name := p.Param
		if p.Field != p.Param {
			name += " (" + p.Field + ")"
		}
		if p.Attr {
			name = "attr " + name
		}
		presence := p.Presence
		if len(p.Rules) > 0 && (p.Presence == "required" || p.Presence == "forbidden" || p.Presence == "discouraged" || p.Presence == "recommended") {
			r := p.Rules[0]
			how := r.Severity.String() + ", " + string(r.Basis)
			if r.Code == CodeParamRequired {
				how += ", an entry of the error map" // not the API's whole answer
			}
			presence += " (" + how + ")"
		}
		if p.Repeat {
			presence += ", repeatable"
		}
		if p.Rule.IsValid() {
			presence += " [" + p.Rule.String() + "]"
		}
		fmt.Fprintf(b, "%s%s: %s\n", indent, name, presence)
		for _, r := range p.Rules {
			switch r.Code {
			case CodeForbidden, CodeRequired, CodeParamRequired, CodeAttrRequired, CodeDiscouraged, CodeRecommended:
				continue // the presence line says it
			}
			never := ""
			if r.NeverFires != "" {
				never = " (never fires: " + r.NeverFires + ")"
			}
			fmt.Fprintf(b, "%s  %-8s %-21s %-12s %s [%s]%s\n", indent, r.Severity, r.Code, r.Basis, r.Detail, r.Rule, never)
		}
	}
}
