package engine

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/validator/v10"

	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/internal/text/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// Options change how an engine checks. The zero value is the default.
type Options struct {
	// SkipPhoneValidity turns off the phone-number checks against
	// libphonenumber's numbering plans (warning-level checks). Fix's
	// phone split still compiles the plan of a calling code it reads.
	SkipPhoneValidity bool
	// Now is the clock date checks use ("not in the future"); time.Now
	// when nil.
	Now func() time.Time
	// Lazy builds each rule set (a command's rules for one contact type,
	// TLD and role) when a request first needs it, instead of in Compile:
	// a one-request run starts sooner and a long-running one holds only
	// the sets its traffic uses. Compile then cannot report what only
	// building a set shows (a maximum below a minimum as overlays stack,
	// too many conditions combined, a rule's severity against its
	// message's) — so use it only for rules proven free of those, as the
	// embedded rules are (their tests compile them eagerly);
	// contactlint.New does so for the embedded rules alone.
	Lazy bool
	// traceArgs, set by tests, hears of each check option a compile
	// function reads.
	traceArgs func(check, option string)
}

// Engine checks requests against compiled rules. It is safe for concurrent
// use, and what it answers never changes after Compile. With Options.Lazy
// one thing does change after Compile: a rule set is built on the first
// request that needs it — built under the engine's building mutex (sets
// share the compiler's caches), published once through the set's
// sync.Once, and read without a lock from then on; a set built lazily is
// the set Compile would have built (TestLazyAnswersAsEager). Whatever the
// options, the countries tables build what a value first needs the same
// way (a calling code's plan, a region's descriptions, a postal format's
// regexp for an over-long value), each under a sync.Once of its own;
// nothing else changes after Compile.
type Engine struct {
	spec     *tldspec.Spec
	opts     Options
	commands map[string]*command
	names    []string // sorted, for suggestions
	calling  *countries.CallingCodes
	phones   *countries.PhonePlans
	// phonePairs are the (number, calling code) parameters whose numbers
	// Fix may split: each field with a phone-number check, and its cc.
	phonePairs [][2]string
	postal     *countries.PostalFormats
	// Types and TLDs by number (1-based; 0 is none), for rule-set lookup.
	typeIx, tldIx *nameIndex
	tldNames      []string       // by number - 1
	tldNear       *suggest.Index // tldNames, for an unknown TLD's did-you-mean
	nTypes, nTLDs int
	maxSlots      int
	// pool holds per-request scratch space, so a request that passes
	// allocates nothing. It is not state: every Check resets what it takes.
	pool sync.Pool
	// building serialises the building of rule sets (see lazySet): with
	// Options.Lazy they are built while requests are checked.
	building sync.Mutex
	// Templates for violations rendered per request.
	unknownCommand, unknownParam, unknownRole, unknownAttr, unknownTLD string
	attrPair, attrPairName, attrNumber, attrAlias                      string
	attrsUnchecked, attrConflict                                       string
	tooManyMsg                                                         map[string]string
	// setRules are each TLD's rules on a whole contact set.
	setRules    map[string][]setRule
	wrongMethod string
	// productKeys maps a product key (dotes) to its TLD (es).
	productKeys map[string]string
	warnings    tldspec.Diagnostics
}

// Warnings are the diagnostics that did not stop Compile (and those Load
// reported), sorted by position.
func (e *Engine) Warnings() tldspec.Diagnostics { return slices.Clone(e.warnings) }

// Files lists the rule files the engine was compiled from, as loaded
// (rules/contacts.yaml, mine/tld-es.yaml).
func (e *Engine) Files() []string { return slices.Clone(e.spec.Files) }

// CommandInfo describes a command the rules describe.
type CommandInfo struct {
	Name   string   `json:"name"`
	Method string   `json:"method,omitempty"` // the spec's, or ""
	Params []string `json:"params"`           // as the rules list them, auth and attributes aside
}

// Commands lists the commands, in the order the rules define them.
func (e *Engine) Commands() []CommandInfo {
	out := make([]CommandInfo, len(e.spec.Commands))
	for i, c := range e.spec.Commands {
		out[i] = CommandInfo{Name: c.Name, Method: c.Method.V, Params: make([]string, len(c.Params))}
		for j, p := range c.Params {
			out[i].Params[j] = p.Param
		}
	}
	return out
}

// Types lists the contact types the rules refine, in their order.
func (e *Engine) Types() []string {
	out := make([]string, len(e.spec.Types))
	for i, t := range e.spec.Types {
		out[i] = t.Name
	}
	return out
}

// TLDs lists the TLDs with rules of their own, in their order.
func (e *Engine) TLDs() []string {
	out := make([]string, len(e.spec.TLDs))
	for i, t := range e.spec.TLDs {
		out[i] = t.Name
	}
	return out
}

// command is a compiled tldspec.Command: its parameters by slot, and a
// rule set for each contact type, TLD and role.
type command struct {
	name   string
	spec   *tldspec.Command
	params []paramInfo // by slot
	names  []string    // parameter names, for suggestions
	// sets are the command's rule sets, one for each group of stacks
	// that build the same; byIndex holds a set's place in sets by (type,
	// TLD, role) number (see setIndex): numbers, not pointers, so that the
	// collector has nothing to scan in the thousands of places.
	sets    []*lazySet
	byIndex []uint32
	// slotIx and attrIx find a parameter's and an attribute's slot; keyIx
	// a parameter's by its internal key (emailaddr for email).
	slotIx, attrIx, keyIx *nameIndex
	// deprecated is the violation every request of a deprecated command
	// carries; nil otherwise.
	deprecated *Violation
	open       bool   // parameters beyond auth are undocumented
	tldFrom    string // the parameter whose product keys select TLDs
	typeSlot   int    // the contact-type parameter's slot, or -1
	// currentType is the key of the current details that gives the
	// contact type, for a command on an existing contact; "" otherwise.
	currentType string
	attrs       bool
	// attrsRequired is the violation of a request without one complete
	// pair, for a command that requires details; nil otherwise.
	attrsRequired *Violation
	// Attributes the rules declare take the slots after the parameters
	// (attrIx finds them); attrNames lists them sorted, for suggestions.
	attrNames []string
	// aliasOf maps an attribute's other names to it (read only for a
	// name the rules do not declare), aliasPos to where they are given.
	aliasOf  map[string]string
	aliasPos map[string]tldspec.Pos
	auth     []int // slots of the auth user and secrets; user first
	authMsg  []string
}

type paramInfo struct {
	name   string
	repeat bool
	attr   bool // an extra detail (attr-nameN/attr-valueN), not a parameter
	secret bool // a credential (auth: secret): its value is never printed
}

// fieldRules are one parameter's rules, flattened from its global field,
// the command's overrides and every overlay that applies.
type fieldRules struct {
	slot        int
	attr        bool // an extra detail: its param is attr-valueN
	repeat      bool // every value is checked
	secret      bool // a credential: fixes go to Violation.secretFix
	param       string
	key, label  string
	required    *rule // nil when optional
	forbidden   *rule // nil unless passing it is an error
	discouraged *rule // nil unless passing it is a warning
	recommended *rule // nil unless leaving it out is a warning (and it is not required)
	// Prepared warnings for what normalisation finds.
	whitespace, encoding, duplicate, uniSpace rule
	rules                                     []rule
}

// presence is the field's rules on being given or not (those set), the
// ones every pass over all of a field's rules must not forget.
func (fr *fieldRules) presence() []*rule {
	var out []*rule
	for _, r := range [...]*rule{fr.required, fr.forbidden, fr.discouraged, fr.recommended} {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// rule is one compiled check on a value. ok reports whether v passes; fix,
// when set, proposes a value that does.
type rule struct {
	code string
	sev  Severity
	// overridden: a severities entry set sev (the catalogue's severity
	// for the code does not hold it).
	overridden bool
	message    string
	pos        tldspec.Pos
	basis      tldspec.Basis // why it holds; "" reads as spec
	ok         func(v string, st *state) bool
	fix        func(v string, st *state) string
	detail     string // what the rule asks, for explain
	// expected says what would pass, with an example, for a violation's
	// Expected (a format: digits, lengths, lists, IDs, postal codes);
	// expectedFor when it depends on the request (a postal code's
	// country). Neither is in the API's answer.
	expected    string
	expectedFor func(st *state) string
	// schema gives the rule as JSON Schema keywords on the value, where
	// JSON Schema can say it: what passes must validate (a schema may
	// accept more than the rule, never less); nil, or a nil result: not
	// expressible. A function, so that only Engine.Schema pays for it.
	schema func() map[string]any
	// requestSchema, for a rule that reads another parameter (a postal
	// code and its country), gives the rule as subschemas of the request.
	requestSchema func(param string) []any
	// schemaLooser says how the schema, where it says the rule only
	// roughly, accepts more than the rule (for the property's
	// description); "" where it says it exactly.
	schemaLooser string
	// valueOnly: ok reads the value alone, never the rest of the request.
	valueOnly bool
	// accepts, for an error rule that passes only a few values (one-of,
	// in-list), lists them; foldsCase, that it compares them
	// upper-cased (a country code), so they pass in any case.
	accepts   []string
	foldsCase bool
	// neverFires says why no value can make the rule fire (an earlier
	// error rule of the field takes only values it passes); "" when one
	// can (see markNeverFires).
	neverFires string
}

// Compile turns a loaded spec into an Engine. It fails with
// tldspec.Diagnostics when the spec cannot be compiled (a bad validator
// tag, a check naming a parameter its command lacks, ...).
func Compile(spec *tldspec.Spec, opts Options) (*Engine, error) {
	if spec == nil {
		return nil, fmt.Errorf("engine: Compile needs a spec")
	}
	postal, err := countries.NewPostalFormats()
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	// The plans serve the phone split fix too: built whatever the options
	// (preparing them reads a table; a code's plan is compiled on use).
	phones, err := countries.NewPhonePlans()
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	e := &Engine{
		spec:     spec,
		opts:     opts,
		commands: make(map[string]*command, len(spec.Commands)),
		calling:  countries.NewCallingCodes(),
		phones:   phones,
		postal:   postal,
	}
	var typeNames, tldNames []string
	for _, t := range spec.Types {
		typeNames = append(typeNames, t.Name)
	}
	for _, t := range spec.TLDs {
		tldNames = append(tldNames, t.Name)
	}
	// A TLD may have rules for one command only (contacts/modify's .NYC).
	for _, c := range spec.Commands {
		for _, t := range c.TLDs {
			if !slices.Contains(tldNames, t.Name) {
				tldNames = append(tldNames, t.Name)
			}
		}
	}
	e.tldNames = tldNames
	e.tldNear = suggest.NewIndex(tldNames)
	for _, f := range spec.Fields {
		for i := range f.Checks {
			if f.Checks[i].Name == CodePhoneNumber {
				cc, _ := f.Checks[i].ArgValue("cc")
				e.phonePairs = append(e.phonePairs, [2]string{f.Param, cc})
			}
		}
	}
	e.typeIx, e.tldIx = newNameIndex(typeNames), newNameIndex(tldNames)
	e.nTypes, e.nTLDs = len(typeNames), len(tldNames)
	c := &compiler{spec: spec, e: e, lists: map[string]*listIndex{}, rulesCache: map[string]fieldRules{},
		overlayIDs: map[*tldspec.Overlay]int{}, entryIDs: map[*tldspec.Param]int{}, sevs: newSeverityOverrides(spec)}
	e.unknownCommand = c.template(CodeUnknownCommand)
	e.unknownParam = c.template(CodeUnknownParam)
	e.unknownRole = c.template(CodeUnknownRole)
	e.unknownAttr = c.template(CodeUnknownAttr)
	e.unknownTLD = c.template(CodeUnknownTLD)
	e.attrNumber = c.template(CodeAttrNumber)
	e.attrAlias = c.template(CodeAttrAlias)
	e.attrConflict = c.template(CodeAttrConflict)
	e.attrPairName = c.template("attr-pair-name")
	e.attrsUnchecked = render(c.template(CodeAttrsUnchecked), vars{param: "tld", key: "tld", label: "tld"})
	e.wrongMethod = c.template(CodeMethod)
	e.tooManyMsg = map[string]string{CodeTooManyParams: c.template(CodeTooManyParams), CodeTooManyViolations: c.template(CodeTooManyViolations)}
	e.productKeys = map[string]string{}
	for _, t := range spec.TLDs {
		if t.ProductKey.Set {
			e.productKeys[t.ProductKey.V] = t.Name
		}
	}
	e.attrPair = c.template(CodeAttrPair)
	e.setRules = c.setRules()
	for _, sc := range spec.Commands {
		cmd := c.command(sc)
		e.commands[cmd.name] = cmd
		e.names = append(e.names, cmd.name)
		e.maxSlots = max(e.maxSlots, len(cmd.params))
	}
	sort.Strings(e.names)
	if !opts.Lazy {
		for _, cmd := range e.commands {
			for _, ls := range cmd.sets {
				ls.get()
			}
		}
		c.unusedSeverities()
	}
	c.checkSeverities()
	c.diags = append(c.diags, spec.Warnings...)
	c.diags = c.diags.Sorted()
	if c.diags.HasErrors() {
		return nil, c.diags
	}
	e.warnings = c.diags
	e.pool.New = func() any { return newState(e.maxSlots) }
	return e, nil
}

type compiler struct {
	spec     *tldspec.Spec
	e        *Engine
	diags    tldspec.Diagnostics
	validate *validator.Validate   // made on first use: only tags need it
	lists    map[string]*listIndex // indexed on first use
	// rulesCache holds compiled fields by command, slot and overlays.
	rulesCache map[string]fieldRules
	bases      map[*command][]fieldSlot // see baseSlots
	// Overlays and their entries numbered (see overlayID).
	overlayIDs map[*tldspec.Overlay]int
	entryIDs   map[*tldspec.Param]int
	sevs       severityOverrides
	// countryAttrs are the attributes some overlay declares a country
	// code (see countryAttr).
	countryAttrs map[string]bool
}

// template is the catalogue text for code, or for "invalid" when the
// catalogue has no entry for code.
func (c *compiler) template(code string) string {
	if m, ok := c.spec.Message(code); ok {
		return m.Text
	}
	m, _ := c.spec.Message(CodeInvalid)
	return m.Text
}

// fieldCtx is what a rule constructor needs: the field, its command (to
// find the parameters a check refers to) and the compiler.
type fieldCtx struct {
	c          *compiler
	cmd        *command
	f          *tldspec.Field
	key, label string
	slot       int
}

func (c *compiler) fieldRules(cmd *command, slot int, fs fieldSpec) fieldRules {
	f := fs.f
	key := f.Key.Or(f.Param)
	fc := &fieldCtx{c: c, cmd: cmd, f: f, key: key, label: f.Label.Or(key)}
	fr := fieldRules{slot: slot, attr: fs.attr, repeat: cmd.params[slot].repeat, secret: cmd.params[slot].secret, param: f.Param, key: key, label: fc.label}
	fc.slot = slot
	if fs.required.V && !fs.forbidden.V {
		// "Required parameter missing: X" is the API's whole answer for a
		// command's own parameters; what an overlay requires is a map
		// entry, so that every other error still shows.
		code := CodeRequired
		switch {
		case fs.attr:
			code = CodeAttrRequired
		case fs.requiredBy != "":
			code = CodeParamRequired
		}
		r := fc.rule(code, Error, fs.required.Pos, ruleText{}, nil)
		r.detail, r.basis = "required", fs.required.Basis
		fr.required = &r
	}
	if fs.forbidden.V {
		r := fc.rule(CodeForbidden, Error, fs.forbidden.Pos, ruleText{}, nil)
		r.detail, r.basis = "must not be passed", fs.forbidden.Basis
		fr.forbidden = &r
	}
	if fs.discouraged.V && !fs.forbidden.V {
		r := fc.rule(CodeDiscouraged, Warning, fs.discouraged.Pos, ruleText{msg: fs.discouragedMsg}, nil)
		r.detail, r.basis = "should not be passed", fs.discouraged.Basis
		fr.discouraged = &r
	}
	if fs.recommended.V && fr.required == nil && !fs.forbidden.V {
		r := fc.rule(CodeRecommended, Warning, fs.recommended.Pos, ruleText{msg: fs.recommendedMsg}, nil)
		r.detail, r.basis = "should be given", fs.recommended.Basis
		fr.recommended = &r
	}
	fr.whitespace = fc.rule(CodeWhitespace, Warning, f.Pos, ruleText{}, nil)
	fr.encoding = fc.rule(CodeEncoding, Warning, f.Pos, ruleText{}, nil)
	if fs.attr {
		// A detail named in more than one pair: not a repeated parameter,
		// whose first value the API reads, but a map's entry written
		// twice, of which the API keeps one.
		fr.duplicate = fc.rule(CodeAttrRepeated, Warning, f.Pos, ruleText{}, nil)
	} else {
		fr.duplicate = fc.rule(CodeDuplicateParam, Warning, f.Pos, ruleText{}, nil)
	}
	fr.uniSpace = fc.rule(CodeUnicodeSpace, Warning, f.Pos, ruleText{}, nil)
	if f.MinLength.Set && f.MaxLength.Set && f.MinLength.V > f.MaxLength.V {
		c.diags.Errorf(f.MaxLength.Pos, tldspec.DiagBadRange, "%s: max-length %d is below min-length %d (set at %s)", f.Param, f.MaxLength.V, f.MinLength.V, f.MinLength.Pos)
	}
	fr.rules = slices.Concat(
		fc.typeRules(),
		fc.lengthRules(),
		fc.digitsRules(),
		fc.wordsRules(),
		fc.oneOfRules(),
		fc.inListRules(),
		fc.patternRules(),
		fc.tagRules(),
	)
	for i := range fr.rules {
		fr.rules[i].valueOnly = true // the field's own properties judge its value alone
	}
	fr.rules = append(fr.rules, fc.checkRules()...)
	c.applySeverities(&fr) // before the marking: a lowered error stops nothing
	markNeverFires(&fr)
	return fr
}

// rule builds a rule with its message prepared. The message is, in order
// of precedence: the check's own message, the field's message (for
// errors), the catalogue entry named by code, or "invalid".
// ruleText is what a rule's message may need beyond its field: the
// message a check names (msg), and the bounds its text may show.
type ruleText struct {
	msg      optString
	min, max string
}

func (fc *fieldCtx) rule(code string, sev Severity, pos tldspec.Pos, t ruleText, ok func(string, *state) bool) rule {
	mc := CodeInvalid
	switch {
	case t.msg.Set:
		mc = t.msg.V
	case sev == Error && fc.f.Message.Set && code != CodeRequired && code != CodeParamRequired && code != CodeAttrRequired:
		// A field's message words what is wrong with a value; a missing
		// value keeps the catalogue's words for that.
		mc = fc.f.Message.V
	default:
		if _, found := fc.c.spec.Message(code); found {
			mc = code
		}
	}
	m, _ := fc.c.spec.Message(mc)
	text := render(m.Text, vars{param: fc.f.Param, key: fc.key, label: fc.label, min: t.min, max: t.max, command: fc.cmd.name})
	return rule{code: code, sev: sev, message: text, pos: pos, ok: ok}
}

// checkSeverities holds the rules to the catalogue: a code the catalogue
// files under one severity (a message's severity) must not come out with
// the other. It checks every compiled rule.
func (c *compiler) checkSeverities() {
	seen := map[string]bool{}
	check := func(r *rule) {
		m, ok := c.spec.Message(r.code)
		if !ok || !m.Severity.Set || m.Severity.V == r.sev || r.overridden {
			return
		}
		key := r.code + "\x00" + r.pos.String()
		if seen[key] {
			return
		}
		seen[key] = true
		c.diags.Errorf(r.pos, tldspec.DiagSeverityMismatch, "a %s rule with code %s, which the catalogue files under %s (%s)", r.sev, r.code, m.Severity.V, m.Pos)
	}
	for _, fr := range c.rulesCache {
		for _, r := range fr.presence() {
			check(r)
		}
		for i := range fr.rules {
			check(&fr.rules[i])
		}
	}
}

// slotOf finds the parameter a check argument names (or its default).
// Load holds every such argument to the commands its field applies to.
func (fc *fieldCtx) slotOf(chk checkCall, arg string) (int, bool) {
	name, _ := chk.ArgValue(arg)
	return fc.cmd.slotIx.lookup(name)
}

// vars fills a message template's placeholders.
type vars struct {
	param, key, label, min, max, command string
}

// render fills a catalogue text's placeholders ({param}, {key}, {label},
// {min}, {max}, {command}) in one pass; any other brace stays as written.
// (A strings.Replacer built per call was an eighth of Compile's time.)
func render(text string, v vars) string {
	i := strings.IndexByte(text, '{')
	if i < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for i >= 0 {
		b.WriteString(text[:i])
		text = text[i:]
		j := strings.IndexByte(text, '}')
		if j < 0 {
			break
		}
		var val string
		ok := true
		switch text[1:j] {
		case "param":
			val = v.param
		case "key":
			val = v.key
		case "label":
			val = v.label
		case "min":
			val = v.min
		case "max":
			val = v.max
		case "command":
			val = v.command
		default:
			ok = false
		}
		if ok {
			b.WriteString(val)
			text = text[j+1:]
		} else {
			b.WriteByte('{')
			text = text[1:]
		}
		i = strings.IndexByte(text, '{')
	}
	b.WriteString(text)
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

type optString = tldspec.Opt[string]
