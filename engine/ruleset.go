package engine

import (
	"slices"
	"strconv"
	"sync"

	"github.com/contactlint/contactlint/tldspec"
)

// Which rules apply depends on the request: its contact type, the TLD and
// role its envelope names, and conditions on its values (an .ES contact
// whose es_form_juridica is 1 must not pass a company). All of it is
// decided at compile time:
//
//   - each (type, TLD, role) gets the rule set of its stack of overlays —
//     the type's, the type's role's, the TLD's, the TLD's role's — and
//     stacks that are the same share one set;
//   - each field of a set holds one variant of its rules for every
//     combination of the conditions that touch it; Check evaluates the
//     conditions once and picks the variant.

type ruleSet struct {
	conds  []condition
	fields []fieldSlot // in slot order; undeclared attributes left out
	// known are the attributes the stack declares; nil when the stack has
	// no TLD, and any attribute the rules declare anywhere is known.
	known     map[string]bool
	knownList []string
}

// layer is one overlay of a stack: whose it is (a type's, a TLD's, a
// command's for a TLD; of a role), named for explain by name. tld marks a
// TLD's own overlay, which decides the attributes a request may carry.
type layer struct {
	o                 *tldspec.Overlay
	kind, owner, role string // "type", "BrContact", "admin"
	command           string // for a command's own TLD overlay
	tld               bool
}

func (l layer) name() string {
	s := l.kind + " " + l.owner
	if l.command != "" {
		s = "command " + l.command + " " + s
	}
	if l.role != "" {
		s += " role " + l.role
	}
	return s
}

// fieldSpec is a parameter's field and presence after overlays.
type fieldSpec struct {
	f                                             *tldspec.Field
	required, forbidden, discouraged, recommended tldspec.Opt[bool]
	discouragedMsg, recommendedMsg                tldspec.Opt[string]
	// requiredBy names the overlay entry that made the parameter
	// required, "" when the command itself requires it.
	requiredBy string
	attr       bool
	// applied names the overlay entries merged in, in order: with the
	// slot, they decide the field's rules (see compiler.cachedRules).
	applied string
}

// paramSpecOf is a command parameter's field and presence before any
// overlay.
func paramSpecOf(f *tldspec.Field, p *tldspec.Param) fieldSpec {
	return fieldSpec{f: f, required: p.Required, forbidden: p.Forbidden, discouraged: p.Discouraged, discouragedMsg: p.DiscouragedMessage,
		recommended: p.Recommended, recommendedMsg: p.RecommendedMessage}
}

func (fs fieldSpec) apply(over *tldspec.Param, id int) fieldSpec {
	fs.applied += strconv.Itoa(id) + ","
	fs.f = fs.f.Merge(&over.Field)
	if fs.attr && !fs.f.Pos.IsValid() {
		// An attribute has no global field: its first declaration is
		// where its warnings (white space, a repeated name) point.
		fs.f.Pos = over.Pos
	}
	if over.Required.Set {
		fs.required, fs.requiredBy = over.Required, over.Required.Pos.String()
	}
	if over.Forbidden.Set {
		fs.forbidden = over.Forbidden
	}
	if over.Discouraged.Set {
		fs.discouraged, fs.discouragedMsg = over.Discouraged, over.DiscouragedMessage
	}
	if over.Recommended.Set {
		fs.recommended, fs.recommendedMsg = over.Recommended, over.RecommendedMessage
	}
	return fs
}

func (c *compiler) command(sc *tldspec.Command) *command {
	cmd := &command{
		name:     sc.Name,
		spec:     sc,
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
	for _, p := range params {
		cmd.params = append(cmd.params, paramInfo{name: p.Param, repeat: p.Repeat.V, secret: c.e.IsSecret(p.Param)})
		cmd.names = append(cmd.names, p.Param)
	}
	cmd.slotIx = newNameIndex(cmd.names)
	cmd.open = sc.Open.V
	cmd.tldFrom = sc.TLDFrom.V
	cmd.currentType = sc.CurrentType.V
	if sc.AttrsRequired.V {
		// attr-name and attr-value are the command's own required
		// parameters: the API's whole answer, as for any other.
		cmd.attrsRequired = &Violation{Field: "attr-name", Param: "attr-name", Code: CodeRequired, Severity: Error,
			Message: render(c.template(CodeRequired), vars{param: "attr-name", key: "attr-name", label: "attr-name", command: sc.Name}), Rule: sc.AttrsRequired.Pos}
	}
	if d := sc.Deprecated; d != nil {
		msg := c.template(CodeDeprecated)
		if d.Message.Set {
			m, _ := c.spec.Message(d.Message.V)
			msg = m.Text
		}
		cmd.deprecated = &Violation{Field: "command", Param: "command", Code: CodeDeprecated, Severity: d.Severity.Or(Error),
			Message: render(msg, vars{param: "command", key: "command", label: sc.Name, command: sc.Name}), Rule: d.Pos}
	}
	keys := make([]string, len(cmd.names))
	for i, p := range params {
		keys[i] = c.fieldOf(p).Key.Or(p.Param)
		if keys[i] == p.Param {
			keys[i] = "" // the slot index finds it already
		}
	}
	cmd.keyIx = newNameIndex(keys)
	slots := make([]string, len(cmd.params)) // attributes' names by slot, for attrIx
	if cmd.attrs {
		for _, name := range c.attrNames() {
			slots = append(slots, name)
			cmd.params = append(cmd.params, paramInfo{name: name, attr: true})
			cmd.attrNames = append(cmd.attrNames, name)
		}
		slices.Sort(cmd.attrNames)
	}
	cmd.attrIx = newNameIndex(slots)
	// An attribute's other names find its slot.
	cmd.aliasOf, cmd.aliasPos = map[string]string{}, map[string]tldspec.Pos{}
	if cmd.attrs {
		for _, a := range c.attrEntries() {
			for _, alias := range a.Aliases.V {
				if _, taken := cmd.aliasOf[alias]; !taken { // Load held aliases to naming one attribute
					cmd.aliasOf[alias], cmd.aliasPos[alias] = a.Param, a.Aliases.Pos
				}
			}
		}
	}

	if a := c.spec.Auth; a != nil {
		for _, n := range append([]tldspec.Opt[string]{a.User}, a.Secret...) {
			if slot, ok := cmd.slotIx.lookup(n.V); ok && n.Set {
				cmd.auth = append(cmd.auth, slot)
				cmd.authMsg = append(cmd.authMsg, render(c.template(CodeAuthIncomplete), vars{param: n.V, key: n.V, label: n.V, command: sc.Name}))
			}
		}
	}

	typed := sc.ContactType.Set || sc.CurrentType.Set
	if sc.ContactType.Set {
		cmd.typeSlot, _ = cmd.slotIx.lookup(sc.ContactType.V)
	}
	c.stacks(cmd, sc, params, typed)
	return cmd
}

// stacks gives every (type, TLD, role) of cmd the rule set of its stack,
// built when first asked for; stacks that differ only in overlays that
// change nothing for this command share one.
func (c *compiler) stacks(cmd *command, sc *tldspec.Command, params []*tldspec.Param, typed bool) {
	e := c.e
	tlds := append([]string{""}, e.tldNames...)
	roles := append([]string{""}, tldspec.Roles()...)
	cmd.byIndex = make([]uint32, (e.nTypes+1)*(e.nTLDs+1)*(tldspec.NumRoles+1))
	built := map[stackKey]uint32{}
	var buf [5]layer
	for ti := 0; ti <= e.nTypes; ti++ {
		var t *tldspec.ContactType
		if typed && ti > 0 {
			t = c.spec.Types[ti-1]
		}
		for li, tld := range tlds {
			for ri, role := range roles {
				stack := e.stack(&buf, sc, t, tld, role)
				id := c.stackKey(cmd, stack)
				n, ok := built[id]
				if !ok {
					n = uint32(len(cmd.sets))
					cmd.sets = append(cmd.sets, &lazySet{mu: &e.building, c: c, cmd: cmd, params: params, stack: slices.Clone(stack)})
					built[id] = n
				}
				cmd.byIndex[e.setIndex(ti, li, ri)] = n
			}
		}
	}
}

// stack lists, in buf, the overlays that apply to a request of command
// sc with contact type t (nil for none), TLD tld and role role ("" for
// none), in the order they apply: the type's, its role's, the TLD's, its
// role's, and the command's own for the TLD.
func (e *Engine) stack(buf *[5]layer, sc *tldspec.Command, t *tldspec.ContactType, tld, role string) []layer {
	stack := buf[:0]
	if t != nil {
		stack = append(stack, layer{o: &t.Overlay, kind: "type", owner: t.Name})
		if ro := roleOverlay(t.Roles, role); ro != nil {
			stack = append(stack, layer{o: ro, kind: "type", owner: t.Name, role: role})
		}
	}
	if g, ok := e.spec.TLD(tld); ok {
		stack = append(stack, layer{o: &g.Overlay, kind: "tld", owner: tld, tld: true})
		if ro := roleOverlay(g.Roles, role); ro != nil {
			stack = append(stack, layer{o: ro, kind: "tld", owner: tld, role: role})
		}
	}
	for _, own := range sc.TLDs {
		if own.Name == tld && tld != "" && len(stack) < len(buf) {
			stack = append(stack, layer{o: &own.Overlay, kind: "tld", owner: tld, command: sc.Name})
		}
	}
	return stack
}

// lazySet is a rule set built the first time it is asked for: in Compile,
// or with Options.Lazy on a request's first need. Building shares the
// compiler's caches, so sets are built one at a time (mu, the engine's);
// once built, a set is read without a lock.
type lazySet struct {
	once sync.Once
	mu   *sync.Mutex
	// What building needs, dropped once built.
	c      *compiler
	cmd    *command
	params []*tldspec.Param
	stack  []layer
	rs     *ruleSet
}

func (l *lazySet) get() *ruleSet {
	l.once.Do(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.rs = l.c.ruleSet(l.cmd, l.params, l.stack)
		l.c, l.cmd, l.params, l.stack = nil, nil, nil, nil
	})
	return l.rs
}

// set is the rule set for type ti, TLD li and role ri (each 0 when
// absent).
func (cmd *command) set(e *Engine, ti, li, ri int) *lazySet {
	return cmd.sets[cmd.byIndex[e.setIndex(ti, li, ri)]]
}

// setIndex is the place in byIndex of the rule set for type ti, TLD li
// and role ri (each 0 when absent).
func (e *Engine) setIndex(ti, li, ri int) int {
	return (ti*(e.nTLDs+1)+li)*(tldspec.NumRoles+1) + ri
}

func roleOverlay(ros []*tldspec.RoleOverlay, role string) *tldspec.Overlay {
	for _, ro := range ros {
		if ro.Role == role {
			return &ro.Overlay
		}
	}
	return nil
}

// stackKey identifies a stack, for command cmd, by the overlays in it
// that change something for cmd: those with conditions, with fields cmd
// takes, and — for a command that takes attributes — those with
// attributes and any TLD's (it decides which attributes are known). A
// stack has at most five layers.
type stackKey [5]int

func (c *compiler) stackKey(cmd *command, stack []layer) stackKey {
	var k stackKey
	n := 0
	for _, l := range stack {
		relevant := len(l.o.When) > 0 ||
			cmd.attrs && (len(l.o.Attrs) > 0 || l.tld) ||
			slices.ContainsFunc(l.o.Fields, func(f *tldspec.Param) bool { _, ok := cmd.slotIx.lookup(f.Param); return ok })
		if relevant {
			k[n] = c.overlayID(l.o)
			n++
		}
	}
	return k
}

// overlayID and entryID number overlays and overlay entries, from 1, in
// the order the compiler first meets them: keys for sharing what they
// build.
func (c *compiler) overlayID(o *tldspec.Overlay) int { return number(c.overlayIDs, o) }
func (c *compiler) entryID(p *tldspec.Param) int     { return number(c.entryIDs, p) }

func number[K comparable](ids map[K]int, k K) int {
	if id, ok := ids[k]; ok {
		return id
	}
	id := len(ids) + 1
	ids[k] = id
	return id
}

// fieldOf is a parameter's field: the global field of its name with the
// command's overrides.
func (c *compiler) fieldOf(p *tldspec.Param) *tldspec.Field {
	base, ok := c.spec.Field(p.Param)
	if !ok || !p.Inherit.Or(true) {
		base = &tldspec.Field{Param: p.Param, Pos: p.Pos}
	}
	return base.Merge(&p.Field)
}

// ruleSet builds the rules of one stack of overlays for cmd: its
// conditions flattened, the attributes its TLDs know, and each parameter
// the stack refines with its variants (the rest share the command's base
// rules).
func (c *compiler) ruleSet(cmd *command, params []*tldspec.Param, stack []layer) *ruleSet {
	rs := &ruleSet{}
	c.stackConditions(rs, cmd, stack)
	rs.known, rs.knownList = knownAttrs(stack)
	mentioned := mentionedBy(stack, rs.conds)
	base := c.baseSlots(cmd, params)
	for _, slot := range stackSlots(cmd, len(params), mentioned) {
		info := cmd.params[slot]
		if !mentioned[info.name] {
			if !info.attr {
				rs.fields = append(rs.fields, base[slot])
			}
			continue
		}
		fs := c.slotRules(cmd, rs, stack, params, slot)
		// An attribute no overlay of the stack declares has no rule here;
		// leaving it out spares every request the visit.
		if !info.attr || fs.declared {
			rs.fields = append(rs.fields, fs)
		}
	}
	return rs
}

// knownAttrs are the attributes a stack's TLDs declare, as a set and in
// order; nil when the stack has no TLD (then no attribute is judged
// unknown).
func knownAttrs(stack []layer) (map[string]bool, []string) {
	if !slices.ContainsFunc(stack, func(l layer) bool { return l.tld }) {
		return nil, nil
	}
	known, list := map[string]bool{}, []string(nil)
	for _, l := range stack {
		for _, name := range l.o.AttrNames() {
			if !known[name] {
				known[name] = true
				list = append(list, name)
			}
		}
	}
	return known, list
}

// mentionedBy names the parameters and attributes a stack's overlays or
// conditions refine. Most of a command's parameters are refined by no
// overlay of a given stack: those share the command's base rules, built
// once, and the stack costs only what it refines (a command has hundreds
// of stacks).
func mentionedBy(stack []layer, conds []condition) map[string]bool {
	mentioned := map[string]bool{}
	add := func(ps ...[]*tldspec.Param) {
		for _, list := range ps {
			for _, p := range list {
				mentioned[p.Param] = true
			}
		}
	}
	for _, l := range stack {
		add(l.o.Fields, l.o.Attrs)
	}
	for _, cond := range conds {
		add(cond.fields, cond.attrs)
	}
	return mentioned
}

// stackSlots are the command's parameters, then only the attributes the
// stack mentions, in slot order: every TLD adds attribute slots, and a
// visit of each in each of the TLDs' rule sets grew with their square.
func stackSlots(cmd *command, nParams int, mentioned map[string]bool) []int {
	slots := make([]int, nParams, nParams+len(mentioned))
	for slot := range nParams {
		slots[slot] = slot
	}
	for name := range mentioned {
		if slot, ok := cmd.attrIx.lookup(name); ok && slot >= nParams {
			slots = append(slots, slot)
		}
	}
	slices.Sort(slots[nParams:])
	return slots
}

// overlaysOf picks an overlay's entries for a slot: fields for a
// parameter, attrs for an attribute.
func overlaysOf(attr bool, fields, attrs []*tldspec.Param) []*tldspec.Param {
	if attr {
		return attrs
	}
	return fields
}

// slotRules is one refined slot of a stack: its field with the stack's
// overlays applied in order, and a variant for each combination of the
// conditions that refine it (conditions.go).
func (c *compiler) slotRules(cmd *command, rs *ruleSet, stack []layer, params []*tldspec.Param, slot int) fieldSlot {
	info := cmd.params[slot]
	var spec fieldSpec
	if info.attr {
		spec = fieldSpec{f: &tldspec.Field{Param: info.name}, attr: true}
	} else {
		p := params[slot]
		spec = paramSpecOf(c.fieldOf(p), p)
	}
	var fs fieldSlot
	for _, l := range stack {
		for _, over := range overlaysOf(info.attr, l.o.Fields, l.o.Attrs) {
			if over.Param == info.name {
				spec = spec.apply(over, c.entryID(over))
				fs.declared = true
			}
		}
	}
	c.variants(&fs, cmd, rs, slot, spec)
	return fs
}

// baseSlots are a command's parameters with no overlay applied, built on
// the first stack and shared by every stack that refines them not.
func (c *compiler) baseSlots(cmd *command, params []*tldspec.Param) []fieldSlot {
	if b, ok := c.bases[cmd]; ok {
		return b
	}
	b := make([]fieldSlot, len(params))
	for slot, p := range params {
		spec := paramSpecOf(c.fieldOf(p), p)
		b[slot] = fieldSlot{variants: []fieldRules{c.cachedRules(cmd, slot, spec)}}
	}
	if c.bases == nil {
		c.bases = map[*command][]fieldSlot{}
	}
	c.bases[cmd] = b
	return b
}

// cachedRules compiles a field's rules once per command for each distinct
// set of overlay entries: most fields are the same in most rule sets.
func (c *compiler) cachedRules(cmd *command, slot int, fs fieldSpec) fieldRules {
	key := cmd.name + "\x00" + strconv.Itoa(slot) + "\x00" + fs.applied
	if fr, ok := c.rulesCache[key]; ok {
		return fr
	}
	fr := c.fieldRules(cmd, slot, fs)
	c.rulesCache[key] = fr
	return fr
}

// hasCountryCheck reports whether a field holds a country code.
func hasCountryCheck(f *tldspec.Field) bool {
	return slices.ContainsFunc(f.Checks, func(c tldspec.Check) bool { return c.Name == "country" })
}

// countryAttr reports whether some overlay declares the attribute as a
// country code (.ASIA's locality). The set is gathered once: asked of
// every condition of every rule set, a walk of all attribute entries
// made compiling grow with the square of the TLDs.
func (c *compiler) countryAttr(name string) bool {
	if c.countryAttrs == nil {
		c.countryAttrs = map[string]bool{}
		for _, a := range c.attrEntries() {
			if hasCountryCheck(&a.Field) {
				c.countryAttrs[a.Param] = true
			}
		}
	}
	return c.countryAttrs[name]
}

// paramSpec is the command's parameter in a slot (auth parameters
// included), as ruleSet receives them.
func (c *compiler) paramSpec(cmd *command, slot int) *tldspec.Param {
	for _, p := range cmd.spec.Params {
		if p.Param == cmd.params[slot].name {
			return p
		}
	}
	return &tldspec.Param{Field: tldspec.Field{Param: cmd.params[slot].name}}
}

// attrEntries lists every overlay entry of an attribute, in order.
func (c *compiler) attrEntries() []*tldspec.Param { return c.spec.AttrEntries() }

// attrNames lists every attribute the rules declare, in order.
func (c *compiler) attrNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, a := range c.attrEntries() {
		if !seen[a.Param] {
			seen[a.Param] = true
			names = append(names, a.Param)
		}
	}
	return names
}
