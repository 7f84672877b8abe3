package tldspec

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/internal/text/suggest"
)

// Source is a set of rule files. Name is put before each file's path in
// positions: "rules" for the embedded files gives rules/contacts.yaml:12:5.
type Source struct {
	Name string
	FS   fs.FS
}

// requiredMessages are the catalogue codes the engine cannot do without:
// a missing parameter, and the fallback for any failed rule whose code has
// no message of its own.
var requiredMessages = [...]string{"required", "invalid"}

// Load reads every *.yaml file of each source and merges them into a Spec,
// holding each named check to its declaration in checks (the engine's,
// engine.Catalog).
//
// Later sources override earlier ones: a file at the same path replaces
// the earlier file, and a definition (message, field, command, type) with
// the same name replaces the earlier definition. Within one source a name
// defined twice is a diagnostic. The error, when not nil, is Diagnostics
// sorted by position; warnings land in Spec.Warnings.
func Load(checks Catalog, sources ...Source) (*Spec, error) {
	var diags Diagnostics
	files := readSources(sources, &diags)
	if len(files) == 0 && len(diags) == 0 {
		names := make([]string, len(sources))
		for i, s := range sources {
			names[i] = s.Name
		}
		diags.Errorf(Pos{File: strings.Join(names, ", ")}, DiagNoRules, "no *.yaml rule files found")
	}
	m := newMerger(&diags)
	for _, f := range files {
		pf, d := ParseFile(f.name, f.src)
		diags = append(diags, d...)
		m.add(f.source, pf)
	}
	spec := m.spec
	resolve(spec, checks, &diags)
	resolveSeverities(spec, &diags)
	diags = diags.Sorted()
	if diags.HasErrors() {
		return nil, diags
	}
	spec.Warnings = diags
	return spec, nil
}

type sourceFile struct {
	source int
	rel    string
	name   string
	src    []byte
}

// readSources lists the rule files, a later source's file replacing an
// earlier one at the same path, in (source, path) order.
func readSources(sources []Source, diags *Diagnostics) []sourceFile {
	byRel := map[string]int{}
	var files []sourceFile
	for si, s := range sources {
		if s.FS == nil {
			diags.Errorf(Pos{File: s.Name}, DiagRead, "rule source %q has no file system", s.Name)
			continue
		}
		err := fs.WalkDir(s.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				diags.Errorf(Pos{File: path.Join(s.Name, p)}, DiagRead, "%v", err)
				return nil
			}
			if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			name := path.Join(s.Name, p)
			// Only regular files (or links to them): opening a FIFO named
			// *.yaml would wait forever.
			if st, err := fs.Stat(s.FS, p); err != nil || !st.Mode().IsRegular() {
				diags.Warnf(Pos{File: name}, DiagSkipped, "not a regular file: not read")
				return nil
			}
			src, err := readLimited(s.FS, p)
			if err != nil {
				code := "read"
				if errors.Is(err, errTooLarge) {
					code = "too-large"
				}
				diags.Errorf(Pos{File: name}, code, "%v", err)
				return nil
			}
			f := sourceFile{source: si, rel: p, name: name, src: src}
			if i, ok := byRel[p]; ok {
				files[i] = f
				return nil
			}
			byRel[p] = len(files)
			files = append(files, f)
			return nil
		})
		if err != nil {
			diags.Errorf(Pos{File: s.Name}, DiagRead, "%v", err)
		}
	}
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].source != files[j].source {
			return files[i].source < files[j].source
		}
		return files[i].rel < files[j].rel
	})
	return files
}

var errTooLarge = errors.New("rule file is larger than 1 MiB")

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, errTooLarge
	}
	return src, nil
}

// merger adds files' definitions to a Spec, tracking which source defined
// each name so that a later source overrides and the same source clashes.
type merger struct {
	spec  *Spec
	diags *Diagnostics
	from  map[string]origin // kind+name -> where defined
}

type origin struct {
	source int
	pos    Pos
}

func newMerger(diags *Diagnostics) *merger {
	return &merger{
		spec: &Spec{
			messages: map[string]*Message{},
			fields:   map[string]*Field{},
			commands: map[string]*Command{},
			types:    map[string]*ContactType{},
			tlds:     map[string]*TLD{},
			lists:    map[string]*List{},
			sevs:     map[string]*SeverityRule{},
		},
		diags: diags,
		from:  map[string]origin{},
	}
}

// claim records a definition and says whether it is new (true, false),
// overrides one of an earlier source (false, true), or clashes (false, false).
func (m *merger) claim(kind, name string, source int, pos Pos) (isNew, override bool) {
	key := kind + "\x00" + name
	prev, ok := m.from[key]
	switch {
	case !ok:
		m.from[key] = origin{source, pos}
		return true, false
	case prev.source < source:
		m.from[key] = origin{source, pos}
		return false, true
	}
	m.diags.Errorf(pos, DiagDuplicate, "%s %q is already defined at %s", kind, name, prev.pos)
	return false, false
}

func (m *merger) add(source int, f *File) {
	s := m.spec
	s.Files = append(s.Files, f.Name)
	for _, msg := range f.Messages {
		define(m, "message", msg.Code, source, msg.Pos, msg, &s.Messages, s.messages)
	}
	if f.Auth != nil {
		if isNew, over := m.claim("auth", "", source, f.Auth.Pos); isNew || over {
			s.Auth = f.Auth
		}
	}
	for _, fd := range f.Fields {
		define(m, "field", fd.Param, source, fd.Pos, fd, &s.Fields, s.fields)
	}
	for _, c := range f.Commands {
		define(m, "command", c.Name, source, c.Pos, c, &s.Commands, s.commands)
	}
	for _, t := range f.Types {
		define(m, "type", t.Name, source, t.Pos, t, &s.Types, s.types)
	}
	for _, t := range f.TLDs {
		define(m, "tld", t.Name, source, t.Pos, t, &s.TLDs, s.tlds)
	}
	for _, l := range f.Lists {
		define(m, "list", l.Name, source, l.Pos, l, &s.Lists, s.lists)
	}
	for _, sr := range f.Severities {
		define(m, "severities", sr.Code, source, sr.Pos, sr, &s.Severities, s.sevs)
	}
}

// define adds v to list and index under name, or replaces the definition
// of an earlier source in place, keeping its order.
func define[T comparable](m *merger, kind, name string, source int, pos Pos, v T, list *[]T, index map[string]T) {
	isNew, over := m.claim(kind, name, source, pos)
	switch {
	case isNew:
		*list = append(*list, v)
	case over:
		replace(*list, index[name], v)
	default:
		return
	}
	index[name] = v
}

func replace[T comparable](list []T, old, new T) {
	for i := range list {
		if list[i] == old {
			list[i] = new
		}
	}
}

// resolve checks the references between definitions.
func resolve(s *Spec, checks Catalog, diags *Diagnostics) {
	r := &resolver{s: s, checks: checks, diags: diags}
	for _, m := range s.Messages {
		r.codes = append(r.codes, m.Code)
	}
	for _, l := range s.Lists {
		r.lists = append(r.lists, l.Name)
	}
	r.includes()
	where := strings.Join(s.Files, ", ")
	for _, code := range requiredMessages {
		if _, ok := s.messages[code]; !ok && len(s.Files) > 0 {
			diags.Errorf(Pos{File: where}, DiagMissingMessage, "the message catalogue must define %q", code)
		}
	}
	for _, f := range s.Fields {
		r.field(f)
	}
	// Params a contact type may refine are those of the commands that
	// select a contact type; a TLD may refine any command's params.
	typed, all := map[string]bool{}, map[string]bool{}
	var typedNames, allNames []string
	for _, c := range s.Commands {
		found := false
		for _, p := range c.Params {
			r.field(&p.Field)
			r.message(p.DiscouragedMessage)
			r.message(p.RecommendedMessage)
			found = found || p.Param == c.ContactType.V
			if !all[p.Param] {
				all[p.Param] = true
				allNames = append(allNames, p.Param)
			}
			if (c.ContactType.Set || c.CurrentType.Set) && !typed[p.Param] {
				typed[p.Param] = true
				typedNames = append(typedNames, p.Param)
			}
		}
		if c.ContactType.Set && !found {
			diags.Errorf(c.ContactType.Pos, DiagUnknownParam, "command %s: contact-type names %q, which is not one of its params", c.Name, c.ContactType.V)
		}
		if c.TLDFrom.Set && !slices.ContainsFunc(c.Params, func(p *Param) bool { return p.Param == c.TLDFrom.V }) {
			diags.Errorf(c.TLDFrom.Pos, DiagUnknownParam, "command %s: tld-from names %q, which is not one of its params", c.Name, c.TLDFrom.V)
		}
		if d := c.Deprecated; d != nil {
			r.message(d.Message)
		}
	}
	for _, c := range s.Commands {
		own := map[string]bool{}
		var ownNames []string
		for _, p := range c.Params {
			own[p.Param] = true
			ownNames = append(ownNames, p.Param)
		}
		for _, t := range c.TLDs {
			r.overlay(&t.Overlay, "command "+c.Name+" tld "+t.Name, own, ownNames, all, allNames)
		}
	}
	for _, t := range s.Types {
		r.overlay(&t.Overlay, "type "+t.Name, typed, typedNames, all, allNames)
		for _, ro := range t.Roles {
			r.overlay(&ro.Overlay, "type "+t.Name+" role "+ro.Role, typed, typedNames, all, allNames)
		}
	}
	keys := map[string]Pos{}
	for _, t := range s.TLDs {
		r.overlay(&t.Overlay, "tld "+t.Name, all, allNames, all, allNames)
		for _, ro := range t.Roles {
			r.overlay(&ro.Overlay, "tld "+t.Name+" role "+ro.Role, all, allNames, all, allNames)
		}
		if pk := t.ProductKey; pk.Set {
			if prev, dup := keys[pk.V]; dup {
				diags.Errorf(pk.Pos, DiagDuplicate, "product key %q is already given at %s", pk.V, prev)
			}
			keys[pk.V] = pk.Pos
		}
		declared := t.AttrNames()
		for _, rule := range t.Set {
			for _, a := range rule.OneHas {
				if !slices.Contains(declared, a) {
					r.ref(set(a, rule.Pos), DiagUnknownAttr, "attr", declared, false)
				}
			}
		}
	}
	r.checkParams()
	r.aliases()
	r.reachableTypes()
}

// aliases holds attributes' other names to naming one attribute each,
// and none that is an attribute itself.
func (r *resolver) aliases() {
	entries := r.s.AttrEntries()
	attrs := map[string]bool{}
	for _, a := range entries {
		attrs[a.Param] = true
	}
	of := map[string]string{}
	for _, a := range entries {
		for _, alias := range a.Aliases.V {
			switch prev, ok := of[alias]; {
			case attrs[alias]:
				r.diags.Errorf(a.Aliases.Pos, DiagDuplicate, "%s: alias %q is itself an attribute", a.Param, alias)
			case ok && prev != a.Param:
				r.diags.Errorf(a.Aliases.Pos, DiagDuplicate, "%s: alias %q already names %s", a.Param, alias, prev)
			default:
				of[alias] = a.Param
			}
		}
	}
}

// reachableTypes warns of a contact type that no value of a command's
// contact-type parameter names: its rules never apply there.
func (r *resolver) reachableTypes() {
	for _, c := range r.s.Commands {
		if !c.ContactType.Set {
			continue
		}
		var f *Field
		for _, p := range c.Params {
			if p.Param == c.ContactType.V {
				f = &p.Field
				if g, ok := r.s.fields[p.Param]; ok && p.Inherit.Or(true) {
					f = g.Merge(&p.Field)
				}
			}
		}
		var listed []string
		switch {
		case f == nil:
			continue // reported: not one of its params
		case f.OneOf.Set:
			listed = f.OneOf.V
		case f.InList.Set:
			if l, ok := r.s.lists[f.InList.V]; ok {
				for _, it := range l.Items {
					listed = append(listed, it.Value)
				}
			}
		}
		for _, t := range r.s.Types {
			if listed != nil && !slices.Contains(listed, t.Name) {
				r.diags.Warnf(t.Pos, DiagUnreachableType, "type %s is not a value %s's %s accepts; its rules never apply", t.Name, c.Name, c.ContactType.V)
			}
		}
	}
}

// checkParams holds each check's parameter options to the commands its
// field applies to: such a check reads another parameter of the request
// (postal-code its country), which the command must take. A field
// applies to a command that takes its parameter: a global field and the
// command's own, a type's overlays for a command that selects a contact
// type, every TLD's, the command's own for a TLD; an attribute's, to a
// command that takes attributes.
func (r *resolver) checkParams() {
	for _, c := range r.s.Commands {
		takes := map[string]bool{}
		for _, p := range c.Params {
			takes[p.Param] = true
		}
		if a := r.s.Auth; a != nil {
			takes[a.User.V] = true
			for _, s := range a.Secret {
				takes[s.V] = true
			}
		}
		hold := func(f *Field) {
			for i := range f.Checks {
				chk := &f.Checks[i]
				if chk.info == nil {
					continue // unknown, reported
				}
				for _, ai := range chk.info.Args {
					if ai.Kind != ParamArg {
						continue
					}
					if name, pos := chk.ArgValue(ai.Name); name != "" && !takes[name] {
						r.diags.Errorf(pos, DiagUnknownParam, "check %s on %s needs the parameter %q (its %s), which command %s does not take", chk.Name, f.Param, name, ai.Name, c.Name)
					}
				}
			}
		}
		for _, p := range c.Params {
			if g, ok := r.s.fields[p.Param]; ok && p.Inherit.Or(true) {
				hold(g)
			}
			hold(&p.Field)
		}
		visit := func(o *Overlay) {
			for _, f := range o.Fields {
				if takes[f.Param] {
					hold(&f.Field)
				}
			}
			if c.Attrs.V {
				for _, a := range o.Attrs {
					hold(&a.Field)
				}
			}
		}
		r.s.eachOverlay(c.ContactType.Set || c.CurrentType.Set, visit)
		for _, t := range c.TLDs {
			eachConditional(&t.Overlay, visit)
		}
	}
}

// eachOverlay calls fn with every overlay of the TLDs and, when types, of
// the contact types: their roles' and their conditional overlays too.
func (s *Spec) eachOverlay(types bool, fn func(*Overlay)) {
	if types {
		for _, t := range s.Types {
			eachConditional(&t.Overlay, fn)
			for _, ro := range t.Roles {
				eachConditional(&ro.Overlay, fn)
			}
		}
	}
	for _, t := range s.TLDs {
		eachConditional(&t.Overlay, fn)
		for _, ro := range t.Roles {
			eachConditional(&ro.Overlay, fn)
		}
	}
}

// eachConditional calls fn with o and each conditional overlay in it.
func eachConditional(o *Overlay, fn func(*Overlay)) {
	fn(o)
	for _, w := range o.When {
		eachConditional(&w.Overlay, fn)
	}
}

// AttrEntries lists every attribute entry of the contact types' and the
// TLDs' overlays, in order: the attributes a command that takes them
// knows.
func (s *Spec) AttrEntries() []*Param {
	var out []*Param
	s.eachOverlay(true, func(o *Overlay) { out = append(out, o.Attrs...) })
	return out
}

// AttrNames lists the attributes an overlay declares, its conditional
// overlays included, in order of first appearance.
func (o *Overlay) AttrNames() []string {
	var names []string
	eachConditional(o, func(o *Overlay) {
		for _, a := range o.Attrs {
			if !slices.Contains(names, a.Param) {
				names = append(names, a.Param)
			}
		}
	})
	return names
}

// AttrNames lists the attributes a TLD declares, in all its roles too.
func (t *TLD) AttrNames() []string {
	names := t.Overlay.AttrNames()
	for _, ro := range t.Roles {
		for _, n := range ro.AttrNames() {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names
}

type resolver struct {
	s            *Spec
	checks       Catalog
	diags        *Diagnostics
	codes, lists []string
}

// includes adds to each list the items of the lists it includes (theirs
// resolved first), skipping values it already holds.
func (r *resolver) includes() {
	done := map[string]bool{}
	var visit func(l *List, stack []string)
	visit = func(l *List, stack []string) {
		if done[l.Name] {
			return
		}
		if slices.Contains(stack, l.Name) {
			r.diags.Errorf(l.Pos, DiagIncludeLoop, "list %s includes itself (through %s)", l.Name, strings.Join(stack, " -> "))
			return
		}
		for _, inc := range l.Include {
			sub, ok := r.s.lists[inc.V]
			if !ok {
				r.ref(inc, DiagUnknownList, "list", r.lists, false)
				continue
			}
			visit(sub, append(stack, l.Name))
			for _, it := range sub.Items {
				if !slices.ContainsFunc(l.Items, func(have ListItem) bool { return have.Value == it.Value }) {
					l.Items = append(l.Items, it)
				}
			}
		}
		done[l.Name] = true
	}
	for _, l := range r.s.Lists {
		visit(l, nil)
	}
}

func (r *resolver) ref(ref Opt[string], code, kind string, known []string, exists bool) {
	if !ref.Set || exists {
		return
	}
	msg := fmt.Sprintf("no %s %q", kind, ref.V)
	msg += suggest.Hint(ref.V, known)
	r.diags.Errorf(ref.Pos, code, "%s", msg)
}

func (r *resolver) message(ref Opt[string]) {
	_, ok := r.s.messages[ref.V]
	r.ref(ref, DiagUnknownMessage, "message", r.codes, ok)
}

func (r *resolver) field(f *Field) {
	r.message(f.Message)
	if f.InList.Set {
		_, ok := r.s.lists[f.InList.V]
		r.ref(f.InList, DiagUnknownList, "list", r.lists, ok)
	}
	if f.Tag.Set && r.checks.Tag != nil {
		if err := r.checks.Tag(f.Tag.V); err != nil {
			r.diags.Errorf(f.Tag.Pos, DiagBadTag, "%s tag %q: %v", f.Param, f.Tag.V, err)
		}
	}
	for i := range f.Checks {
		r.check(f, &f.Checks[i])
	}
}

// check holds a named check to its declaration: a check the catalogue
// has, options it declares (a list only where it takes several values),
// each value one it takes, its required options given, and the lists it
// names defined and fit for it.
func (r *resolver) check(f *Field, c *Check) {
	r.message(c.Message)
	what := f.Param + " check " + c.Name
	info, ok := r.checks.Lookup(c.Name)
	if !ok {
		msg := fmt.Sprintf("%s: unknown check %q", f.Param, c.Name)
		msg += suggest.Hint(c.Name, r.checks.Names())
		r.diags.Errorf(c.Pos, DiagUnknownCheck, "%s", msg)
		return
	}
	c.info = info
	for _, a := range c.Args {
		ai, ok := info.arg(a.Name)
		switch {
		case !ok:
			msg := fmt.Sprintf("%s: unknown option %q", what, a.Name)
			msg += suggest.Hint(a.Name, info.argNames())
			r.diags.Errorf(a.Pos, DiagUnknownKey, "%s", msg)
			continue
		case a.list && ai.Kind != ValuesArg:
			r.diags.Errorf(a.valuePos, DiagWrongType, "%s %s: want a string, got a list", what, a.Name)
			continue
		}
		for _, v := range a.Values {
			if ai.Valid == nil {
				break
			}
			if err := ai.Valid(v); err != nil {
				r.diags.Errorf(a.valuePos, DiagBadOption, "%s %s: %v", what, a.Name, err)
			}
		}
		if ai.Kind == ListArg {
			l, ok := r.s.lists[a.Value()]
			r.ref(set(a.Value(), a.Pos), DiagUnknownList, "list", r.lists, ok)
			if ok && ai.ValidList != nil {
				if at, err := ai.ValidList(l); err != nil {
					r.diags.Errorf(at, DiagBadList, "list %s: %v", l.Name, err)
				}
			}
		}
	}
	for _, a := range info.Args {
		if _, given := c.Arg(a.Name); a.Required && !given {
			r.diags.Errorf(c.Pos, DiagMissingKey, "%s: option %q is required", what, a.Name)
		}
	}
}

// overlay checks an overlay's fields name params it may refine, and its
// conditions params that exist; then its conditional overlays.
func (r *resolver) overlay(o *Overlay, what string, may map[string]bool, mayNames []string, all map[string]bool, allNames []string) {
	for _, f := range o.Fields {
		r.field(&f.Field)
		r.message(f.DiscouragedMessage)
		r.message(f.RecommendedMessage)
		if !may[f.Param] {
			msg := fmt.Sprintf("%s: %q is not a parameter it can refine", what, f.Param)
			msg += suggest.Hint(f.Param, mayNames)
			r.diags.Errorf(f.Pos, DiagUnknownField, "%s", msg)
		}
	}
	for _, a := range o.Attrs {
		r.field(&a.Field)
		r.message(a.DiscouragedMessage)
		r.message(a.RecommendedMessage)
	}
	for _, c := range o.When {
		if c.If.Param != "" && !all[c.If.Param] {
			r.ref(set(c.If.Param, c.If.Pos), DiagUnknownParam, "param", allNames, false)
		}
		for _, name := range []string{c.If.In, c.If.NotIn} {
			if name != "" {
				_, ok := r.s.lists[name]
				r.ref(set(name, c.If.Pos), DiagUnknownList, "list", r.lists, ok)
			}
		}
		r.overlay(&c.Overlay, what+" when", may, mayNames, all, allNames)
	}
}
