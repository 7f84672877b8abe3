package engine

import (
	"slices"
	"strconv"
	"strings"
)

// Change is one value Fix changed. Before, for a parameter Fix added (the
// calling code of a phone number written with it), names the parameter
// it was put in front of.
type Change struct {
	Role  string // the contact's role, in a set
	Param string
	// From and To are the value before and after; From is "" for an
	// added parameter. Both are "" for a secret parameter (Secret): its
	// value is only in the fixed request.
	From, To string
	Code     string // the violation whose fix it is, or CodePhoneSplit
	Before   string
	Secret   bool
	// Dropped is what the fix left out of the value, when it left out
	// something the API has no place for (a phone number's extension).
	Dropped string
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
	params, res := e.fixParams(req, "", &changes, nil)
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
		c.Params, _ = e.fixParams(req, c.Role, &changes, nil)
	}
	return set, changes, e.CheckSet(set)
}

// fixRounds bounds the rounds of fixing: a trimmed value may then get its
// case fixed; nothing real needs more than two.
const fixRounds = 4

// fixParams fixes req's parameters round by round. first, when given, is
// req's result already (check's), saving the first round's check when no
// phone number is split before it.
func (e *Engine) fixParams(req Request, role string, changes *[]Change, first *Result) ([]Param, Result) {
	params := slices.Clone(req.Params)
	for round := range fixRounds {
		// Every round: a number becomes splittable once a round has
		// fixed its spaces, and one run must do what a second would.
		n := len(*changes)
		params = e.splitPhones(params, role, changes)
		req.Params = params
		var res Result
		if round == 0 && first != nil && len(*changes) == n {
			res = *first
		} else {
			res = e.Check(req)
		}
		// The last fix for a parameter wins: later rules see the value
		// normalised, so their fixes include the earlier ones.
		fix := map[string]Violation{}
		var order []string
		for _, v := range res.Violations {
			if v.fixValue() == "" || v.Code == CodeUnchanged {
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
			to := v.fixValue()
			if n != 1 || params[i].Value == to {
				continue
			}
			c := Change{Role: role, Param: name, From: params[i].Value, To: to, Code: v.Code}
			if v.secretFix != "" {
				c.From, c.To, c.Secret = "", "", true
			}
			*changes = append(*changes, c)
			params[i].Value = to
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
		num, cc, repeated := -1, -1, false
		for i, p := range params {
			switch p.Name {
			case pair[0]:
				repeated = repeated || num >= 0
				num = i
			case pair[1]:
				repeated = repeated || cc >= 0
				cc = i
			}
		}
		if num < 0 || repeated { // which value the API reads is not certain: no split
			continue
		}
		v := strings.TrimSpace(params[num].Value)
		if strings.HasPrefix(v, "00") {
			v = "+" + v[2:]
		}
		if !strings.HasPrefix(v, "+") {
			continue
		}
		c, national, ext, ok := e.phones.SplitInternational(v)
		if !ok {
			continue
		}
		code := strconv.Itoa(c)
		if cc >= 0 {
			// The code as written (+1, 001, (1), 1-) is compared by its
			// digits, so that one run splits what a second would.
			if given := stripSeparators(strings.TrimSpace(params[cc].Value), phoneSeparators); given != "" && strings.TrimLeft(given, "0") != code {
				continue // the calling-code parameter says otherwise: not sure
			}
		}
		// The API has no field for an extension: the split leaves it out,
		// and says so.
		*changes = append(*changes, Change{Role: role, Param: pair[0], From: params[num].Value, To: national, Code: CodePhoneSplit, Dropped: ext})
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
// would give their parameter, when that value passes their rule: so that
// a check shows what a fix run would change (a phone number written with
// its calling code, say), and never a value that would still fail. It
// costs nothing when no violation could get a value this way, and one
// Fix otherwise.
//
// A violation's own fix is replaced by the value Fix ends with, when Fix
// goes further (a phone number's separators out, then its trunk prefix)
// and that value passes the rule too: check offers what fix writes.
func (e *Engine) OfferFixes(req Request, res Result) Result {
	if !e.mayOffer(req.Params, res.Violations) {
		return res
	}
	var changes []Change
	e.fixParams(req, "", &changes, &res)
	return e.offer(req, res, changes)
}

// OfferSetFixes is OfferFixes for a contact set.
func (e *Engine) OfferSetFixes(set SetRequest, res SetResult) SetResult {
	res.Contacts = slices.Clone(res.Contacts)
	for i := range res.Contacts {
		c := &res.Contacts[i]
		if i >= len(set.Contacts) {
			continue
		}
		req := Request{Command: set.Command, TLDs: SplitTLDs(set.TLD), Role: c.Role, Params: set.Contacts[i].Params}
		c.Result = e.OfferFixes(req, c.Result)
	}
	return res
}

// mayOffer reports whether Fix could change what a violation offers: some
// violation has a fix (Fix may go further), or a phone number is written
// with its calling code (which Fix splits).
func (e *Engine) mayOffer(params []Param, vs []Violation) bool {
	for i := range vs {
		if vs[i].fixValue() != "" {
			return true
		}
	}
	return e.maySplit(params)
}

// maySplit reports whether some phone-number parameter is written with a
// calling code (+…, 00…), which Fix may split.
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

// offer gives each violation of a value (a secret's aside) the value Fix
// left in its parameter, when that value alone, put in the request,
// passes the violation's rule: to one without a fix, and in place of a
// fix Fix went beyond.
func (e *Engine) offer(req Request, res Result, changes []Change) Result {
	final := map[string]string{}
	var order []string
	for _, c := range changes {
		if c.Secret {
			continue
		}
		if _, seen := final[c.Param]; !seen {
			order = append(order, c.Param)
		}
		final[c.Param] = c.To
	}
	cloned := false
	for _, name := range order {
		to := final[name]
		var after []Violation
		checked := false
		for i := range res.Violations {
			v := &res.Violations[i]
			if v.Param != name || v.Param == "" || v.Code == CodeUnchanged || v.Fix == to {
				continue
			}
			if !checked { // once per parameter, and only if some violation needs it
				after, checked = e.Check(withValue(req, name, to)).Violations, true
			}
			if slices.ContainsFunc(after, func(w Violation) bool { return w.Param == v.Param && w.Code == v.Code }) {
				continue
			}
			if !cloned {
				res.Violations, cloned = slices.Clone(res.Violations), true
				v = &res.Violations[i]
			}
			v.Fix = to
		}
	}
	return res
}

// withValue is req with its parameter name set to v (added in front when
// absent, as Fix adds a calling code).
func withValue(req Request, name, v string) Request {
	req.Params = slices.Clone(req.Params)
	for i := range req.Params {
		if req.Params[i].Name == name {
			req.Params[i].Value = v
			return req
		}
	}
	req.Params = slices.Insert(req.Params, 0, Param{Name: name, Value: v})
	return req
}
