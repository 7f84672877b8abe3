package engine

import (
	"github.com/contactlint/contactlint/tldspec"
)

// SetRequest is a domain's whole contact set: a request per role, checked
// together so that rules that span contacts can be (.ASIA's details on at
// least one contact).
type SetRequest struct {
	Command  string // contacts/add when empty
	TLD      string
	Contacts []RoleRequest
}

// RoleRequest is one contact of a set.
type RoleRequest struct {
	Role   string
	Params []Param
}

// SetResult is the outcome of checking a contact set.
type SetResult struct {
	Contacts []RoleResult // in the order given
	// Set holds violations of the set as a whole, with Role "set".
	Set []Violation
}

// RoleResult is one contact's result; its violations carry its role.
type RoleResult struct {
	Role string
	Result
}

// OK reports whether every contact, and the set, pass.
func (r SetResult) OK() bool {
	for _, c := range r.Contacts {
		if !c.OK() {
			return false
		}
	}
	return Result{Violations: r.Set}.OK()
}

// Violations lists every violation: each contact's, then the set's.
func (r SetResult) Violations() []Violation {
	var all []Violation
	for _, c := range r.Contacts {
		all = append(all, c.Violations...)
	}
	return append(all, r.Set...)
}

// setRule is a compiled tldspec.SetRule: at least one contact carries each
// of the attributes.
type setRule struct {
	attrs []string
	msgs  []string
	pos   tldspec.Pos
}

func (c *compiler) setRules() map[string][]setRule {
	out := map[string][]setRule{}
	for _, t := range c.spec.TLDs {
		for _, r := range t.Set {
			sr := setRule{attrs: r.OneHas, pos: r.Pos}
			for _, a := range r.OneHas {
				sr.msgs = append(sr.msgs, render(c.template("contact-set"), vars{param: a, key: a, label: a}))
			}
			out[t.Name] = append(out[t.Name], sr)
		}
	}
	return out
}

// CheckSet checks each contact of a set with the rules of its role, then
// the rules on the set as a whole. It never panics.
func (e *Engine) CheckSet(req SetRequest) SetResult {
	var res SetResult
	tlds := SplitTLDs(req.TLD)
	for _, c := range req.Contacts {
		r := e.Check(Request{Command: req.Command, TLDs: tlds, Role: c.Role, Params: c.Params})
		for i := range r.Violations {
			r.Violations[i].Role = c.Role
		}
		res.Contacts = append(res.Contacts, RoleResult{Role: c.Role, Result: r})
	}
	for _, sr := range e.setRules[e.tldName(req.TLD)] {
		for i, a := range sr.attrs {
			carried := false
			for _, c := range req.Contacts {
				carried = carried || attrGiven(c.Params, a)
			}
			if !carried {
				res.Set = append(res.Set, Violation{Field: a, Param: a, Code: CodeContactSet, Severity: Error, Message: sr.msgs[i], Rule: sr.pos, Role: "set"})
			}
		}
	}
	return res
}

// attrGiven reports whether params carry the attribute with a value, read
// as Check reads pairs (attrParam): the first value of the name's number,
// and a number written oddly pairs with nothing.
func attrGiven(params []Param, name string) bool {
	for _, p := range params {
		num, isName, odd, ok := attrParam(p.Name)
		if !ok || !isName || odd {
			continue
		}
		if v, _, _ := normalize(p.Value); v != name {
			continue
		}
		for _, q := range params {
			if qn, qIsName, _, ok := attrParam(q.Name); ok && !qIsName && qn == num {
				v, _, _ := normalize(q.Value)
				if v != "" {
					return true
				}
				break
			}
		}
	}
	return false
}
