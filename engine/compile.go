package engine

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/contactlint/contactlint/countries"
	"github.com/contactlint/contactlint/tldspec"
)

// Options change how an engine checks. The zero value is the default.
type Options struct {
	// SkipPhoneValidity turns off the phone-number checks against
	// libphonenumber's numbering plans: warning-level checks, and the only
	// ones that allocate on a request that passes.
	SkipPhoneValidity bool
}

// Engine checks requests against compiled rules. It is immutable and safe
// for concurrent use.
type Engine struct {
	spec     *tldspec.Spec
	opts     Options
	commands map[string]*command
	names    []string // sorted, for suggestions
	calling  *countries.CallingCodes
	postal   *countries.PostalFormats
	maxSlots int
	// pool holds per-request scratch space, so a request that passes
	// allocates nothing. It is not state: every Check resets what it takes.
	pool sync.Pool
	// Templates for violations rendered per request.
	unknownCommand, unknownParam, attrPair string
	warnings                               tldspec.Diagnostics
}

// Warnings are the diagnostics that did not stop Compile (and those Load
// reported), sorted by position.
func (e *Engine) Warnings() tldspec.Diagnostics { return slices.Clone(e.warnings) }

// Spec is the spec the engine was compiled from. Treat it as read-only.
func (e *Engine) Spec() *tldspec.Spec { return e.spec }

// command is a compiled tldspec.Command: its parameters by slot, and the
// rules for each contact type.
type command struct {
	name     string
	spec     *tldspec.Command
	slots    map[string]int
	params   []paramInfo // by slot
	names    []string    // parameter names, for suggestions
	base     *ruleSet
	byType   map[string]*ruleSet
	typeSlot int // the contact-type parameter's slot, or -1
	attrs    bool
	auth     []int // slots of the auth user and secrets; user first
	authMsg  []string
}

type paramInfo struct {
	name   string
	repeat bool
}

// ruleSet is every parameter's rules for one contact type (or none).
type ruleSet struct {
	typeName string
	fields   []fieldRules // in the order the spec lists the parameters
}

// fieldRules are one parameter's rules, flattened from its global field,
// the command's overrides and the contact type's.
type fieldRules struct {
	slot       int
	param      string
	key, label string
	required   *rule // nil when optional
	// Prepared warnings for what normalisation finds.
	whitespace, encoding, duplicate rule
	rules                           []rule
}

// rule is one compiled check on a value. ok reports whether v passes; fix,
// when set, proposes a value that does.
type rule struct {
	code    string
	sev     Severity
	message string
	pos     tldspec.Pos
	ok      func(v string, st *state) bool
	fix     func(v string, st *state) string
}

const (
	codeRequired       = "required"
	codeInvalid        = "invalid"
	codeWhitespace     = "whitespace"
	codeEncoding       = "encoding"
	codeDuplicateParam = "duplicate-param"
	codeUnknownParam   = "unknown-param"
	codeUnknownCommand = "unknown-command"
	codeAuthIncomplete = "auth-incomplete"
	codeAttrPair       = "attr-pair"
)

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
	e := &Engine{
		spec:     spec,
		opts:     opts,
		commands: make(map[string]*command, len(spec.Commands)),
		calling:  countries.NewCallingCodes(),
		postal:   postal,
	}
	c := &compiler{spec: spec, e: e}
	e.unknownCommand = c.template(codeUnknownCommand)
	e.unknownParam = c.template(codeUnknownParam)
	e.attrPair = c.template(codeAttrPair)
	for _, sc := range spec.Commands {
		cmd := c.command(sc)
		e.commands[cmd.name] = cmd
		e.names = append(e.names, cmd.name)
		e.maxSlots = max(e.maxSlots, len(cmd.params))
	}
	sort.Strings(e.names)
	c.diags = append(c.diags, spec.Warnings...)
	c.diags.Sort()
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
	validate *validator.Validate // made on first use: only tags need it
}

// template is the catalogue text for code, or for "invalid" when the
// catalogue has no entry for code.
func (c *compiler) template(code string) string {
	if m, ok := c.spec.Message(code); ok {
		return m.Text
	}
	m, _ := c.spec.Message(codeInvalid)
	return m.Text
}

func (c *compiler) command(sc *tldspec.Command) *command {
	cmd := &command{
		name:     sc.Name,
		spec:     sc,
		slots:    map[string]int{},
		byType:   map[string]*ruleSet{},
		typeSlot: -1,
		attrs:    sc.Attrs.V,
	}
	// Every command takes the auth parameters first, unless it lists them
	// itself.
	var params []*tldspec.Param
	if a := c.spec.Auth; a != nil {
		var names []tldspec.Opt[string]
		if a.User.Set {
			names = append(names, a.User)
		}
		names = append(names, a.Secret...)
		for _, n := range names {
			if !slices.ContainsFunc(sc.Params, func(p *tldspec.Param) bool { return p.Param == n.V }) {
				params = append(params, &tldspec.Param{Field: tldspec.Field{Param: n.V, Pos: n.Pos}})
			}
		}
	}
	params = append(params, sc.Params...)
	for i, p := range params {
		cmd.slots[p.Param] = i
		cmd.params = append(cmd.params, paramInfo{name: p.Param, repeat: p.Repeat.V})
		cmd.names = append(cmd.names, p.Param)
	}
	if a := c.spec.Auth; a != nil {
		for _, n := range append([]tldspec.Opt[string]{a.User}, a.Secret...) {
			if slot, ok := cmd.slots[n.V]; ok && n.Set {
				cmd.auth = append(cmd.auth, slot)
				cmd.authMsg = append(cmd.authMsg, render(c.template(codeAuthIncomplete), vars{param: n.V, key: n.V, label: n.V, command: sc.Name}))
			}
		}
	}
	cmd.base = c.ruleSet(cmd, params, nil)
	if sc.ContactType.Set {
		cmd.typeSlot = cmd.slots[sc.ContactType.V]
		var listed []string
		for _, p := range params {
			if p.Param == sc.ContactType.V {
				f := c.fieldOf(p)
				listed = f.OneOf.V
			}
		}
		for _, t := range c.spec.Types {
			cmd.byType[t.Name] = c.ruleSet(cmd, params, t)
			if listed != nil && !slices.Contains(listed, t.Name) {
				c.diags.Warnf(t.Pos, "unreachable-type", "type %s is not a value %s's %s accepts; its rules never apply", t.Name, sc.Name, sc.ContactType.V)
			}
		}
	}
	return cmd
}

// fieldOf is a parameter's field: the global field of its name with the
// command's overrides.
func (c *compiler) fieldOf(p *tldspec.Param) *tldspec.Field {
	base, ok := c.spec.Field(p.Param)
	if !ok {
		base = &tldspec.Field{Param: p.Param, Pos: p.Pos}
	}
	return base.Merge(&p.Field)
}

func (c *compiler) ruleSet(cmd *command, params []*tldspec.Param, t *tldspec.ContactType) *ruleSet {
	rs := &ruleSet{}
	if t != nil {
		rs.typeName = t.Name
	}
	for slot, p := range params {
		f := c.fieldOf(p)
		required := p.Required
		if t != nil {
			for _, over := range t.Fields {
				if over.Param == p.Param {
					f = f.Merge(&over.Field)
					if over.Required.Set {
						required = over.Required
					}
				}
			}
		}
		rs.fields = append(rs.fields, c.fieldRules(cmd, slot, f, required))
	}
	return rs
}

// fieldCtx is what a rule constructor needs: the field, its command (to
// find the parameters a check refers to) and the compiler.
type fieldCtx struct {
	c          *compiler
	cmd        *command
	f          *tldspec.Field
	key, label string
}

func (c *compiler) fieldRules(cmd *command, slot int, f *tldspec.Field, required tldspec.Opt[bool]) fieldRules {
	key := f.Key.Or(f.Param)
	fc := &fieldCtx{c: c, cmd: cmd, f: f, key: key, label: f.Label.Or(key)}
	fr := fieldRules{slot: slot, param: f.Param, key: key, label: fc.label}
	if required.V {
		r := fc.rule(codeRequired, Error, required.Pos, tldspec.Opt[string]{}, "", "", nil)
		fr.required = &r
	}
	fr.whitespace = fc.rule(codeWhitespace, Warning, f.Pos, tldspec.Opt[string]{}, "", "", nil)
	fr.encoding = fc.rule(codeEncoding, Warning, f.Pos, tldspec.Opt[string]{}, "", "", nil)
	fr.duplicate = fc.rule(codeDuplicateParam, Warning, f.Pos, tldspec.Opt[string]{}, "", "", nil)
	if f.MinLength.Set && f.MaxLength.Set && f.MinLength.V > f.MaxLength.V {
		c.diags.Errorf(f.MaxLength.Pos, "bad-value", "%s: max-length %d is below min-length %d (set at %s)", f.Param, f.MaxLength.V, f.MinLength.V, f.MinLength.Pos)
	}
	fr.rules = slices.Concat(
		fc.typeRules(),
		fc.lengthRules(),
		fc.digitsRules(),
		fc.wordsRules(),
		fc.oneOfRules(),
		fc.patternRules(),
		fc.tagRules(),
		fc.checkRules(),
	)
	return fr
}

// rule builds a rule with its message prepared. The message is, in order
// of precedence: the check's own message, the field's message (for
// errors), the catalogue entry named by code, or "invalid".
func (fc *fieldCtx) rule(code string, sev Severity, pos tldspec.Pos, msg tldspec.Opt[string], min, max string, ok func(string, *state) bool) rule {
	mc := codeInvalid
	switch {
	case msg.Set:
		mc = msg.V
	case sev == Error && fc.f.Message.Set && code != codeRequired:
		mc = fc.f.Message.V
	default:
		if _, found := fc.c.spec.Message(code); found {
			mc = code
		}
	}
	m, _ := fc.c.spec.Message(mc)
	text := render(m.Text, vars{param: fc.f.Param, key: fc.key, label: fc.label, min: min, max: max, command: fc.cmd.name})
	return rule{code: code, sev: sev, message: text, pos: pos, ok: ok}
}

// slotOf finds the parameter a check argument names, reporting a
// diagnostic when the command has none.
func (fc *fieldCtx) slotOf(chk *tldspec.Check, arg, def string) (int, bool) {
	name, pos := def, chk.Pos
	if a, ok := chk.Arg(arg); ok {
		name, pos = a.Value, a.Pos
	}
	slot, ok := fc.cmd.slots[name]
	if !ok {
		fc.c.diags.Errorf(pos, "unknown-param", "check %s on %s needs the parameter %q (its %s), which command %s does not take", chk.Name, fc.f.Param, name, arg, fc.cmd.name)
	}
	return slot, ok
}

// vars fills a message template's placeholders.
type vars struct {
	param, key, label, min, max, command string
}

func render(text string, v vars) string {
	if !strings.Contains(text, "{") {
		return text
	}
	return strings.NewReplacer(
		"{param}", v.param, "{key}", v.key, "{label}", v.label,
		"{min}", v.min, "{max}", v.max, "{command}", v.command,
	).Replace(text)
}

func itoa(n int) string { return strconv.Itoa(n) }

type optString = tldspec.Opt[string]
