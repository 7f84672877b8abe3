package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers/v2"
)

// Change is one value Fix changed. Before, for a parameter Fix added (the
// calling code of a phone number written with it), names the parameter
// it was put in front of.
type Change struct {
	Role   string // the contact's role, in a set
	Param  string
	From   string // "" for an added parameter
	To     string
	Code   string // the violation whose fix it is, or CodePhoneSplit
	Before string
}

// CodePhoneSplit is the code of Fix's changes that split a number written
// with its calling code (+44 20 7946 0000, +44.2079460000) into the
// calling code and the number.
const CodePhoneSplit = "phone-split"

// Fix returns req with every fix Fix is sure of applied, the changes, and
// the fixed request's result. Sure: a violation's own fix (a case, a
// separator, a spelling), applied until none is left; a phone number
// written with its calling code, split when the number is valid and the
// calling-code parameter is absent or says the same. Never a value of a
// repeated parameter (a violation does not say which value it is about),
// and never a proposal to keep the current value (unchanged).
func (e *Engine) Fix(req Request) (Request, []Change, Result) {
	var changes []Change
	params, res := e.fixParams(req, "", &changes)
	req.Params = params
	return req, changes, res
}

// FixSet is Fix for each contact of a set, and the fixed set's result.
func (e *Engine) FixSet(set SetRequest) (SetRequest, []Change, SetResult) {
	var changes []Change
	set.Contacts = slices.Clone(set.Contacts)
	for i := range set.Contacts {
		c := &set.Contacts[i]
		req := Request{Command: set.Command, TLDs: SplitTLDs(set.TLD), Role: c.Role, Params: c.Params}
		c.Params, _ = e.fixParams(req, c.Role, &changes)
	}
	return set, changes, e.CheckSet(set)
}

// fixRounds bounds the rounds of fixing: a trimmed value may then get its
// case fixed; nothing real needs more than two.
const fixRounds = 4

func (e *Engine) fixParams(req Request, role string, changes *[]Change) ([]Param, Result) {
	params := e.splitPhones(slices.Clone(req.Params), role, changes)
	for range fixRounds {
		req.Params = params
		res := e.Check(req)
		// The last fix for a parameter wins: later rules see the value
		// normalised, so their fixes include the earlier ones.
		fix := map[string]Violation{}
		var order []string
		for _, v := range res.Violations {
			if v.Fix == "" || v.Code == CodeUnchanged {
				continue
			}
			if _, seen := fix[v.Param]; !seen {
				order = append(order, v.Param)
			}
			fix[v.Param] = v
		}
		applied := false
		for _, name := range order {
			v := fix[name]
			i, n := -1, 0
			for j := range params {
				if params[j].Name == name {
					i, n = j, n+1
				}
			}
			if n != 1 || params[i].Value == v.Fix {
				continue
			}
			*changes = append(*changes, Change{Role: role, Param: name, From: params[i].Value, To: v.Fix, Code: v.Code})
			params[i].Value = v.Fix
			applied = true
		}
		if !applied {
			return params, res
		}
	}
	req.Params = params
	return params, e.Check(req)
}

// splitPhones splits each phone-number field written with its country
// code (+44 20 7946 0000, 0044…, +44.2079460000) into its calling-code
// parameter and the national number.
func (e *Engine) splitPhones(params []Param, role string, changes *[]Change) []Param {
	for _, pair := range e.phonePairs {
		num, cc := -1, -1
		for i, p := range params {
			switch p.Name {
			case pair[0]:
				num = i
			case pair[1]:
				cc = i
			}
		}
		if num < 0 {
			continue
		}
		v := strings.TrimSpace(params[num].Value)
		if strings.HasPrefix(v, "00") {
			v = "+" + v[2:]
		}
		if !strings.HasPrefix(v, "+") {
			continue
		}
		n, err := phonenumbers.Parse(v, "")
		if err != nil || !phonenumbers.IsValidNumber(n) {
			continue
		}
		code := strconv.Itoa(int(n.GetCountryCode()))
		national := phonenumbers.GetNationalSignificantNumber(n)
		if cc >= 0 {
			if given := strings.TrimSpace(params[cc].Value); given != "" && strings.TrimLeft(strings.TrimPrefix(given, "+"), "0") != code {
				continue // the calling-code parameter says otherwise: not sure
			}
		}
		*changes = append(*changes, Change{Role: role, Param: pair[0], From: params[num].Value, To: national, Code: CodePhoneSplit})
		params[num].Value = national
		if cc >= 0 {
			if params[cc].Value != code {
				*changes = append(*changes, Change{Role: role, Param: pair[1], From: params[cc].Value, To: code, Code: CodePhoneSplit})
				params[cc].Value = code
			}
		} else {
			*changes = append(*changes, Change{Role: role, Param: pair[1], To: code, Code: CodePhoneSplit, Before: pair[0]})
			// Before the number, where people write it.
			params = slices.Insert(params, num, Param{Name: pair[1], Value: code})
		}
	}
	return params
}

// OfferFixes sets, on res's violations that have no fix, the value Fix
// would give their parameter, so that a check shows what a fix run would
// change (a phone number written with its calling code, say). It costs
// nothing more when every violation has its fix, and checks again only
// when a phone number can be split.
func (e *Engine) OfferFixes(req Request, res Result) Result {
	if !missingFix(res.Violations) {
		return res
	}
	if !e.maySplit(req.Params) {
		return offer(res, fixesOf(res.Violations, ""), "")
	}
	_, changes, _ := e.Fix(req)
	return offer(res, changes, "")
}

// OfferSetFixes is OfferFixes for a contact set.
func (e *Engine) OfferSetFixes(set SetRequest, res SetResult) SetResult {
	res.Contacts = slices.Clone(res.Contacts)
	for i := range res.Contacts {
		c := &res.Contacts[i]
		if i >= len(set.Contacts) || !missingFix(c.Violations) {
			continue
		}
		req := Request{Command: set.Command, TLDs: SplitTLDs(set.TLD), Role: c.Role, Params: set.Contacts[i].Params}
		c.Result = e.OfferFixes(req, c.Result)
	}
	return res
}

// maySplit reports whether some phone-number parameter is written with a
// calling code (+…, 00…), which Fix may split: only then is the request
// worth fixing to offer its fixes.
func (e *Engine) maySplit(params []Param) bool {
	for _, pair := range e.phonePairs {
		for _, p := range params {
			if p.Name == pair[0] {
				v := strings.TrimSpace(p.Value)
				if strings.HasPrefix(v, "+") || strings.HasPrefix(v, "00") {
					return true
				}
			}
		}
	}
	return false
}

func missingFix(vs []Violation) bool {
	for _, v := range vs {
		if v.Fix == "" && v.Param != "" && v.Code != CodeUnchanged {
			return true
		}
	}
	return false
}

// fixesOf are the fixes the violations carry, as changes: the last for a
// parameter is the value Fix would give it.
func fixesOf(vs []Violation, role string) []Change {
	var out []Change
	for _, v := range vs {
		if v.Fix != "" && v.Code != CodeUnchanged {
			out = append(out, Change{Role: role, Param: v.Param, To: v.Fix, Code: v.Code})
		}
	}
	return out
}

func offer(res Result, changes []Change, role string) Result {
	if len(changes) == 0 {
		return res // the common case on check's path: nothing to offer
	}
	final := map[string]string{}
	for _, c := range changes {
		if c.Role == role {
			final[c.Param] = c.To
		}
	}
	if len(final) == 0 {
		return res
	}
	res.Violations = slices.Clone(res.Violations)
	for i := range res.Violations {
		v := &res.Violations[i]
		if to, ok := final[v.Param]; ok && v.Fix == "" && v.Code != CodeUnchanged {
			v.Fix = to
		}
	}
	return res
}
