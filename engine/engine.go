package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contactlint/contactlint/internal/text/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// state is one Check's scratch space, by parameter slot. It comes from the
// engine's pool and is reset for each request.
type state struct {
	raw []string // the first value given, as given
	val []string // normalised: valid UTF-8, trimmed, NFC
	// sent is the value trimmed but before NFC, where NFC changed it
	// (flagNFC): lengths count what is sent, as the API's Java does.
	sent  []string
	count []int32 // how many times the parameter was given
	flags []uint8
	attrN []int // for an attribute's slot: the N of its attr-nameN
	// cur holds the contact's current values (Request.Current) by slot.
	cur     []string
	hasCur  []bool
	current bool // the request carries the contact's current values
	params  []Param
	attrs   []attrPair
	pairIx  map[string]int // attrs by number, once they are many (pairOf)
	extra   []int          // indexes of request params that are not the command's
	// multi: some declared detail is given different values in different
	// pairs (checkRepeated judges each).
	multi bool
	// touched are the slots written since the last reset, the only ones
	// reset clears: a command has a slot for every attribute of every
	// TLD, and clearing them all cost each request in proportion to the
	// TLDs loaded.
	touched []int32
}

const (
	flagSpace    uint8 = 1 << iota // surrounding white space was trimmed
	flagUTF8                       // invalid UTF-8 was replaced
	flagNFC                        // NFC changed the value: sent holds it as sent
	flagUniSpace                   // holds a space Java does not treat as one (NBSP, U+3000, …)
	// flagOddPair: a detail no pair gives a value, which a pair numbered
	// oddly (attr-name01) does: the API may read that number or not.
	flagOddPair
)

// touch notes that a slot is about to be written, for reset. Every write
// to a slot the request did not give goes through it.
func (st *state) touch(slot int) { st.touched = append(st.touched, int32(slot)) }

func newState(slots int) *state {
	return &state{
		raw:    make([]string, slots),
		val:    make([]string, slots),
		sent:   make([]string, slots),
		count:  make([]int32, slots),
		flags:  make([]uint8, slots),
		attrN:  make([]int, slots),
		cur:    make([]string, slots),
		hasCur: make([]bool, slots),
	}
}

// reset readies the state for a request: the slots the last one wrote
// (touch) cleared, and the rest.
func (st *state) reset() {
	for _, slot := range st.touched {
		st.raw[slot], st.val[slot], st.sent[slot] = "", "", ""
		st.count[slot], st.flags[slot], st.attrN[slot] = 0, 0, 0
		st.cur[slot], st.hasCur[slot] = "", false
	}
	st.touched = st.touched[:0]
	st.current = false
	st.params = nil
	st.attrs = st.attrs[:0]
	st.pairIx = nil
	st.extra = st.extra[:0]
	st.multi = false
}

// Limits on one request's work, so that a hostile request costs no more
// than a large real one: a request beyond them is checked up to them,
// with a warning that says so.
const (
	// MaxParams is how many parameters of a request are read (a
	// contacts/add with every detail of every TLD has about 60).
	MaxParams = 1000
	// MaxViolations is how many violations a request reports; errors are
	// kept before warnings, so the API's answer stays whole.
	MaxViolations = 200
	// maxSuggestions bounds the "did you mean" searches per request.
	maxSuggestions = 20
)

// Check checks one request. It never panics and never returns a nil
// Violations slice for a failed request; a request that passes with no
// warning has no violations at all.
func (e *Engine) Check(req Request) Result { return e.CheckInto(nil, req) }

// CheckInto is Check with the violations written into buf's storage
// (from its start) while they fit: a caller that checks request after
// request, and is done with one result before the next, passes the last
// result's Violations and allocates nothing.
func (e *Engine) CheckInto(buf []Violation, req Request) (res Result) {
	res.Violations = buf[:0] // nil stays nil
	if len(req.Params) > MaxParams {
		req.Params = req.Params[:MaxParams]
		defer func() { res.Violations = append(res.Violations, e.tooMany(CodeTooManyParams, MaxParams)) }()
	}
	defer func() {
		if len(res.Violations) > MaxViolations {
			res.Violations = append(keepErrorsFirst(res.Violations, MaxViolations), e.tooMany(CodeTooManyViolations, MaxViolations))
		}
	}()
	name := commandName(req.Command)
	res.Command = name
	cmd, ok := e.commands[name]
	if !ok {
		// A call the rules do not describe is not checked; the API has
		// many (domains/register, customers/details, …), so this is a
		// warning, never an answer of the API's.
		res.Violations = append(res.Violations, e.unknownCommandViolation(name))
		return res
	}
	defer func() {
		// A panic here is a bug in a rule, not in the request: report it as
		// a violation rather than take the caller down.
		if r := recover(); r != nil {
			res.Violations = append(res.Violations, Violation{
				Field: "request", Param: "", Code: CodeInternal, Severity: Error,
				Message: fmt.Sprintf("contactlint failed to check this request: %v", r),
			})
		}
	}()
	if cmd.deprecated != nil {
		res.Violations = add(res.Violations, *cmd.deprecated)
	}
	if req.Method != "" && cmd.spec.Method.Set && !strings.EqualFold(req.Method, cmd.spec.Method.V) {
		res.Violations = add(res.Violations, e.methodViolation(cmd, req.Method))
	}
	tlds, n, more := e.requestTLDs(cmd, req)
	all := tlds[:n]
	if more != nil {
		all = append(all[:n:n], more...)
	}
	res.Violations = e.checkTLDNames(req.TLDs, res.Violations)
	if n <= 1 {
		res.Violations = e.check(cmd, req, all, tlds[0], res.Violations)
		return res
	}
	// A contact serving several TLDs: the rules of each, each violation
	// once.
	for _, li := range all {
		for _, v := range e.check(cmd, req, all, li, nil) {
			if !slices.Contains(res.Violations, v) {
				res.Violations = add(res.Violations, v)
			}
		}
	}
	return res
}

// keepErrorsFirst keeps n of vs, in their order: every error there is room
// for, then warnings.
func keepErrorsFirst(vs []Violation, n int) []Violation {
	errs := 0
	for i := range vs {
		if vs[i].Severity == Error {
			errs++
		}
	}
	warnings := max(n-errs, 0)
	out := vs[:0:0]
	for _, v := range vs {
		if len(out) == n {
			break
		}
		if v.Severity == Error || warnings > 0 {
			if v.Severity != Error {
				warnings--
			}
			out = append(out, v)
		}
	}
	return out
}

func (e *Engine) tooMany(code string, n int) Violation {
	return Violation{Field: "request", Code: code, Severity: Warning,
		Message: render(e.tooManyMsg[code], vars{param: "request", key: "request", label: "request", max: itoa(n)})}
}

// maxTLDs is how many TLDs of one request are numbered in place; more go
// to a slice. There is no bound: each TLD with rules counts once.
const maxTLDs = 8

// requestTLDs numbers the TLDs whose rules apply: the envelope's, or those
// of the product keys in the command's tld-from parameter; past maxTLDs,
// in more. tlds[0] is 0 when there is none.
func (e *Engine) requestTLDs(cmd *command, req Request) (tlds [maxTLDs]int, n int, more []int) {
	addTLD := func(li int) {
		if slices.Contains(tlds[:n], li) || slices.Contains(more, li) {
			return
		}
		if n < maxTLDs {
			tlds[n] = li
			n++
			return
		}
		more = append(more, li)
	}
	if cmd.tldFrom != "" {
		for _, p := range req.Params {
			if p.Name != cmd.tldFrom {
				continue
			}
			if tld, ok := e.productKeys[strings.TrimSpace(p.Value)]; ok {
				addTLD(e.tldIndex(tld))
			}
		}
	}
	for _, tld := range req.TLDs {
		if li := e.tldIndex(strings.TrimSpace(tld)); li > 0 {
			addTLD(li)
		}
	}
	return tlds, n, more
}

// checkTLDNames warns about an envelope TLD that the rules do not know but
// that reads like a misspelling of one they do ("uss" for us): its rules
// would be silently dropped. A TLD without rules of its own (com, net) is
// the common case, checked by the base rules, and passes silently — at
// the cost of a filter (tldNear), not of a search.
func (e *Engine) checkTLDNames(tlds []string, out []Violation) []Violation {
	for _, tld := range tlds {
		tld = strings.TrimSpace(tld)
		if tld == "" || e.tldIndex(tld) > 0 {
			continue
		}
		name := strings.TrimPrefix(tld, ".")
		if !isASCII(name) {
			name = strings.ToLower(name) // the index folds only ASCII letters
		}
		s := e.tldNear.Closest(name)
		if s == "" {
			continue
		}
		msg := render(e.unknownTLD, vars{param: "tld", key: "tld", label: tld}) + fmt.Sprintf(" (did you mean %s?)", s)
		out = add(out, Violation{Field: "tld", Param: "tld", Code: CodeUnknownTLD, Severity: Warning, Message: msg})
	}
	return out
}

// check runs the rules of one TLD (li, 0 for none). tlds are all of the
// request's TLDs, for what depends on them together: an attribute is
// unknown only when none of them knows it.
func (e *Engine) check(cmd *command, req Request, tlds []int, li int, out []Violation) []Violation {
	st := e.pool.Get().(*state)
	defer e.pool.Put(st)
	st.reset()
	st.params = req.Params
	e.bind(cmd, req.Params, st)
	e.bindCurrent(cmd, req.Current, st)

	ti := e.typeOf(cmd, req.Current, st)
	ri := tldspec.RoleIndex(req.Role)
	if ri < 0 {
		out = add(out, e.unknownRoleViolation(req.Role))
		ri = 0
	}
	rs := cmd.set(e, ti, li, ri).get()
	if st.multi {
		out = e.checkRepeated(rs, st, out)
	} else {
		mask := rs.mask(st)
		for i := range rs.fields {
			out = checkField(rs.fields[i].rules(mask), st, out)
		}
	}
	if cmd.attrs {
		out = e.checkAttrs(cmd, ti, ri, tlds, rs, st, out)
	}
	out = checkAuth(cmd, st, out)
	if !cmd.open {
		out = e.checkExtra(cmd, req.Params, st, out)
	}
	return out
}

// typeOf numbers the request's contact type (0 for none or an unknown
// one, which gets the base rules): the contact-type parameter's value, or
// for a command on an existing contact, the type its current details give.
func (e *Engine) typeOf(cmd *command, current []Param, st *state) int {
	var v string
	switch {
	case cmd.typeSlot >= 0:
		if st.count[cmd.typeSlot] == 0 {
			return 0
		}
		v = st.val[cmd.typeSlot]
	case cmd.currentType != "":
		for _, p := range current {
			if p.Name == cmd.currentType {
				v, _, _ = normalize(p.Value)
				break
			}
		}
	}
	if i, ok := e.typeIx.lookup(v); ok {
		return i + 1
	}
	return 0
}

// bindCurrent files the contact's current values (as contacts/details
// returns them: by parameter or by the API's internal key) by slot.
func (e *Engine) bindCurrent(cmd *command, current []Param, st *state) {
	for _, p := range current {
		slot, ok := cmd.slotIx.lookup(p.Name)
		if !ok {
			slot, ok = cmd.keyIx.lookup(p.Name)
		}
		if ok {
			st.touch(slot)
			st.cur[slot], _, _ = normalize(p.Value)
			st.hasCur[slot] = true
			st.current = true
		}
	}
}

func (e *Engine) methodViolation(cmd *command, method string) Violation {
	msg := render(e.wrongMethod, vars{param: "method", key: "method", label: strings.ToUpper(method), command: cmd.name}) + " (the spec gives " + cmd.spec.Method.V + ")"
	return Violation{Field: "method", Param: "method", Code: CodeMethod, Severity: Warning, Message: msg, Fix: cmd.spec.Method.V, Rule: cmd.spec.Method.Pos}
}

// HasCommand reports whether the rules describe the command, written in
// any form Check takes (contacts/add, /api/contacts/add.json).
func (e *Engine) HasCommand(command string) bool {
	_, ok := e.commands[commandName(command)]
	return ok
}

// commandName accepts the forms a command is written in: contacts/add,
// /api/contacts/add.json.
func commandName(s string) string {
	if s == "" {
		return DefaultCommand
	}
	s = strings.TrimPrefix(s, "/")
	s = strings.TrimPrefix(s, "api/")
	return strings.TrimSuffix(s, ".json")
}

// tldIndex is the number of the TLD the envelope names (0 when none or
// unknown): "ES", ".es" and "es" are the same.
func (e *Engine) tldIndex(tld string) int {
	if tld == "" {
		return 0
	}
	if i, ok := e.tldIx.lookup(tld); ok {
		return i + 1
	}
	if i, ok := e.tldIx.lookup(strings.ToLower(strings.TrimPrefix(tld, "."))); ok {
		return i + 1
	}
	return 0
}

// tldName is the name of the TLD the envelope names, or "".
func (e *Engine) tldName(tld string) string {
	if i := e.tldIndex(tld); i > 0 {
		return e.tldNames[i-1]
	}
	return ""
}

func (e *Engine) unknownRoleViolation(role string) Violation {
	msg := render(e.unknownRole, vars{param: "role", key: "role", label: role})
	return Violation{Field: "role", Param: "role", Code: CodeUnknownRole, Severity: Warning, Message: msg}
}

func (e *Engine) unknownCommandViolation(name string) Violation {
	msg := render(e.unknownCommand, vars{param: "command", key: "command", label: "Command", command: name})
	msg += suggest.ParenHint(name, e.names)
	return Violation{Field: "command", Param: "command", Code: CodeUnknownCommand, Severity: Warning, Message: msg}
}

// shorten cuts a name the request chose to a length a message can carry.
func shorten(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// checkField runs one parameter's rules. After the first error the field's
// later rules are skipped: the API's map holds one message per field.
func checkField(fr *fieldRules, st *state, out []Violation) []Violation {
	slot := fr.slot
	if st.count[slot] == 0 || st.val[slot] == "" {
		// An empty value is a missing one, as the API treats it: an
		// attribute named with an empty value is a detail not given.
		switch {
		case fr.required != nil && st.flags[slot]&flagOddPair == 0:
			out = add(out, fr.required.violationOf(fr, st, ""))
		case fr.recommended != nil:
			out = add(out, fr.recommended.violationOf(fr, st, ""))
		}
		return out
	}
	if fr.forbidden != nil {
		return add(out, fr.forbidden.violationOf(fr, st, ""))
	}
	if fr.discouraged != nil {
		out = add(out, fr.discouraged.violationOf(fr, st, ""))
	}
	if st.flags[slot]&flagUTF8 != 0 {
		out = add(out, fr.encoding.violationOf(fr, st, ""))
	}
	if st.flags[slot]&flagSpace != 0 {
		out = add(out, fr.whitespace.violationOf(fr, st, javaTrim(st.raw[slot])))
	}
	if st.flags[slot]&flagUniSpace != 0 {
		out = add(out, fr.uniSpace.violationOf(fr, st, asciiSpaces(st.val[slot])))
	}
	if st.count[slot] > 1 && !fr.repeat {
		out = add(out, fr.duplicate.violationOf(fr, st, ""))
	}
	out = runRules(fr, st, st.val[slot], out)
	if fr.repeat && st.count[slot] > 1 {
		// A repeatable parameter: every value after the first too.
		first := true
		for _, p := range st.params {
			if p.Name != fr.param {
				continue
			}
			if first {
				first = false
				continue
			}
			if v, _, _ := normalize(p.Value); v != "" {
				out = runRules(fr, st, v, out)
			}
		}
	}
	return out
}

// runRules runs a field's rules on one value, up to its first error.
func runRules(fr *fieldRules, st *state, v string, out []Violation) []Violation {
	for i := range fr.rules {
		r := &fr.rules[i]
		if r.ok(v, st) {
			continue
		}
		fix := ""
		if r.fix != nil {
			fix = verifiedFix(fr, r, st, v, r.fix(v, st))
		}
		out = add(out, r.violationOf(fr, st, fix))
		if r.sev == Error {
			break
		}
	}
	return out
}

// verifiedFix is fix when it passes the rule it is for and every error
// rule of the field; "" otherwise. A fix is offered and written only when
// the field then has no error: a value that still fails was not the fix.
func verifiedFix(fr *fieldRules, r *rule, st *state, v, fix string) string {
	if fix == "" || fix == v || !r.ok(fix, st) {
		return ""
	}
	for i := range fr.rules {
		if o := &fr.rules[i]; o.sev == Error && !o.ok(fix, st) {
			return ""
		}
	}
	return fix
}

// add appends v, making room for several violations at once: a request
// that fails usually fails more than once.
func add(out []Violation, v Violation) []Violation {
	if out == nil {
		out = make([]Violation, 0, 8)
	}
	return append(out, v)
}

func (r *rule) violationOf(fr *fieldRules, st *state, fix string) Violation {
	param := fr.param
	if fr.attr && st.count[fr.slot] > 0 {
		param = attrValueName(st.attrN[fr.slot])
	}
	v := Violation{Field: fr.key, Param: param, Code: r.code, Severity: r.sev, Message: r.message, Fix: fix, Expected: r.expected, Rule: r.pos}
	if r.expectedFor != nil {
		v.Expected = r.expectedFor(st)
	}
	if fr.secret {
		v.Fix, v.secretFix = "", fix
	}
	return v
}

// attrValueNames are the names real requests use, so that a violation of
// a detail costs no string (static data: no work at init).
var attrValueNames = [...]string{"attr-value0", "attr-value1", "attr-value2", "attr-value3", "attr-value4",
	"attr-value5", "attr-value6", "attr-value7", "attr-value8", "attr-value9", "attr-value10",
	"attr-value11", "attr-value12", "attr-value13", "attr-value14", "attr-value15", "attr-value16"}

func attrValueName(n int) string {
	if n >= 0 && n < len(attrValueNames) {
		return attrValueNames[n]
	}
	return "attr-value" + strconv.Itoa(n)
}

// checkAuth warns when some authentication parameters are given and others
// are missing: the API would refuse the request, but a request checked
// before a service adds its credentials has none at all, which is fine.
func checkAuth(cmd *command, st *state, out []Violation) []Violation {
	if len(cmd.auth) < 2 {
		return out
	}
	user := cmd.auth[0]
	hasUser := st.count[user] > 0
	hasSecret := false
	for _, s := range cmd.auth[1:] {
		hasSecret = hasSecret || st.count[s] > 0
	}
	if hasUser == hasSecret {
		return out
	}
	for i, slot := range cmd.auth {
		if st.count[slot] > 0 {
			p := cmd.params[slot].name
			return add(out, Violation{Field: p, Param: p, Code: CodeAuthIncomplete, Severity: Warning, Message: cmd.authMsg[i], Rule: cmd.spec.Pos})
		}
	}
	return out
}

// checkExtra warns about parameters the command does not take: the API
// ignores them, so a typo (zipcod) silently loses a value.
func (e *Engine) checkExtra(cmd *command, params []Param, st *state, out []Violation) []Violation {
	// By name, so that where a client's encoder puts them changes nothing.
	if len(st.extra) > 1 {
		slices.SortStableFunc(st.extra, func(i, j int) int { return strings.Compare(params[i].Name, params[j].Name) })
	}
	for n, i := range st.extra {
		name := params[i].Name
		if e.MayHoldSecret(name) {
			// api-key%3DSECRET, "api-key SECRET", a JSON line read as a
			// query: the name is not shown, a credential may be in it.
			name = MaskedName
		}
		shown := shorten(name)
		msg := render(e.unknownParam, vars{param: shown, key: shown, label: shown, command: cmd.name})
		if n < maxSuggestions {
			msg += suggest.ParenHint(name, cmd.names)
		}
		out = add(out, Violation{Field: name, Param: name, Code: CodeUnknownParam, Severity: Warning, Message: msg, Rule: cmd.spec.Pos})
	}
	return out
}
