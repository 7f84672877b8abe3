package tldspec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint/internal/suggest"
)

// MaxFileSize is the largest rule file read: rule files are small, and a
// larger one is more likely an accident or an attack than a rule set.
const MaxFileSize = 1 << 20

// Version is the rule-file format version this package reads.
const Version = 1

// File is one parsed rule file, before merging.
type File struct {
	Name     string
	Messages []*Message
	Auth     *Auth
	Fields   []*Field
	Commands []*Command
	Types    []*ContactType
	TLDs     []*TLD
	Lists    []*List
	// Severities set the severity of rules by code (an overlay's way to
	// lower a rule; see SeverityRule).
	Severities []*SeverityRule
}

// ParseFile parses one rule file. name is used in positions. It never
// panics: every problem, the YAML parser's included, is a diagnostic.
func ParseFile(name string, src []byte) (*File, Diagnostics) {
	p := &parser{file: name}
	f := &File{Name: name}
	if len(src) > MaxFileSize {
		p.diags.Errorf(Pos{File: name}, DiagTooLarge, "the file has %d bytes; rule files are limited to %d", len(src), MaxFileSize)
		return f, p.diags
	}
	root, ok := p.decode(src)
	if !ok {
		return f, p.diags
	}
	p.file1(root, f)
	return f, p.diags
}

type parser struct {
	file  string
	diags Diagnostics
	// Conditional overlays of the overlay being read: how deep, how many,
	// and whether the count was reported. The engine expands every
	// combination that touches a field, so the bounds are applied while
	// reading, before anything is expanded.
	whenDepth, whenCount int
	whenOver             bool
}

// Bounds on conditional overlays (when), per overlay: nesting depth and
// count. The embedded rules need depth 2 and at most 3.
const (
	MaxWhenDepth = 8
	MaxWhens     = 32
)

func (p *parser) pos(n *yaml.Node) Pos { return Pos{File: p.file, Line: n.Line, Col: n.Column} }

// decode parses src into its single document's root node.
func (p *parser) decode(src []byte) (root *yaml.Node, ok bool) {
	defer func() {
		// The YAML parser is third-party code reading untrusted input: a
		// panic in it is a diagnostic, not a crash.
		if r := recover(); r != nil {
			p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, DiagSyntax, "the YAML parser failed: %v", r)
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, DiagMissingKey, "the file is empty; it needs at least `version: %d`", Version)
			return nil, false
		}
		p.syntax(err)
		return nil, false
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		p.diags.Errorf(p.pos(&extra), DiagMultipleDocuments, "a rule file holds one YAML document; split the others into their own files")
		return nil, false
	case !errors.Is(err, io.EOF):
		p.syntax(err)
		return nil, false
	}
	if len(doc.Content) == 0 {
		p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, DiagMissingKey, "the file is empty; it needs at least `version: %d`", Version)
		return nil, false
	}
	return doc.Content[0], true
}

func (p *parser) syntax(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := Pos{File: p.file, Line: 1, Col: 1}
	if n := lineOf(msg); n > 0 {
		pos.Line, pos.Col = n, 0
	}
	p.diags.Errorf(pos, DiagSyntax, "%s", msg)
}

// lineOf reads N from the YAML parser's "line N: …" messages, or 0.
func lineOf(msg string) int {
	_, rest, ok := strings.Cut(msg, "line ")
	if !ok {
		return 0
	}
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(rest[:end])
	return n
}

// clean reports what no node may carry: anchors, aliases, explicit tags.
// Aliases could expand a small file into an enormous walk; tags would make
// a scalar something other than the string it reads as.
func (p *parser) clean(n *yaml.Node) bool {
	switch {
	case n.Kind == yaml.AliasNode:
		p.diags.Errorf(p.pos(n), DiagAlias, "aliases are not allowed (*%s): write the value out", n.Value)
	case n.Anchor != "":
		p.diags.Errorf(p.pos(n), DiagAlias, "anchors are not allowed (&%s)", n.Anchor)
	case n.Style&yaml.TaggedStyle != 0:
		p.diags.Errorf(p.pos(n), DiagYAMLTag, "explicit tags are not allowed (%s): every value is read as written", n.Tag)
	default:
		return true
	}
	return false
}

func (p *parser) wrongType(n *yaml.Node, what, want string) {
	got := map[yaml.Kind]string{yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "a scalar"}[n.Kind]
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		got = "nothing"
	}
	if got == "" {
		got = "something else"
	}
	p.diags.Errorf(p.pos(n), DiagWrongType, "%s: want %s, got %s", what, want, got)
}

// mapping calls fn for each key of a mapping node, in file order,
// reporting duplicate keys and merge keys.
func (p *parser) mapping(n *yaml.Node, what string, fn func(key string, k, v *yaml.Node)) {
	if !p.clean(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		p.wrongType(n, what, "a mapping")
		return
	}
	seen := make(map[string]Pos, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !p.clean(k) {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			p.wrongType(k, what+" key", "a name")
			continue
		}
		if k.Tag == "!!merge" {
			p.diags.Errorf(p.pos(k), DiagMergeKey, "merge keys (<<) are not allowed: write the keys out")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			p.diags.Errorf(p.pos(k), DiagDuplicate, "%s: %q is already given at %s", what, k.Value, prev)
			continue
		}
		seen[k.Value] = p.pos(k)
		fn(k.Value, k, v)
	}
}

// props is mapping for a mapping whose keys are property names from known.
func (p *parser) props(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) {
	p.mapping(n, what, func(key string, k, v *yaml.Node) {
		if !slices.Contains(known, key) {
			p.unknown(k, DiagUnknownKey, what, key, known)
			return
		}
		fn(key, k, v)
	})
}

func (p *parser) unknown(n *yaml.Node, code, what, name string, known []string) {
	msg := fmt.Sprintf("%s: unknown %q", what, name)
	msg += suggest.Hint(name, known)
	p.diags.Errorf(p.pos(n), code, "%s", msg)
}

// sequence calls fn for each item of a list node.
func (p *parser) sequence(n *yaml.Node, what string, fn func(item *yaml.Node)) {
	if !p.clean(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		p.wrongType(n, what, "a list")
		return
	}
	for _, item := range n.Content {
		if p.clean(item) {
			fn(item)
		}
	}
}

func (p *parser) str(n *yaml.Node, what string) (string, bool) {
	if !p.clean(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.wrongType(n, what, "a string")
		return "", false
	}
	return n.Value, true
}

func (p *parser) text(n *yaml.Node, what string) (string, bool) {
	s, ok := p.str(n, what)
	if ok && strings.TrimSpace(s) == "" {
		p.diags.Errorf(p.pos(n), DiagEmpty, "%s: must not be empty", what)
		return "", false
	}
	return s, ok
}

func (p *parser) count(n *yaml.Node, what string) (int, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		p.diags.Errorf(p.pos(n), DiagBadNumber, "%s: want a whole number of 0 or more, got %q", what, s)
		return 0, false
	}
	return v, true
}

func (p *parser) boolean(n *yaml.Node, what string) (bool, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return false, false
	}
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	p.diags.Errorf(p.pos(n), DiagBadBool, "%s: want true or false, got %q", what, s)
	return false, false
}

func (p *parser) enum(n *yaml.Node, what string, values []string) (string, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(values, s) {
		msg := fmt.Sprintf("%s: want one of %s, got %q", what, strings.Join(values, ", "), s)
		msg += suggest.Hint(s, values)
		p.diags.Errorf(p.pos(n), DiagBadChoice, "%s", msg)
		return "", false
	}
	return s, true
}

// strings reads a non-empty list of distinct strings.
func (p *parser) strings(n *yaml.Node, what string) ([]string, bool) {
	var out []string
	seen := map[string]Pos{}
	ok := true
	p.sequence(n, what, func(item *yaml.Node) {
		s, good := p.str(item, what+" item")
		if !good {
			ok = false
			return
		}
		if prev, dup := seen[s]; dup {
			p.diags.Errorf(p.pos(item), DiagDuplicate, "%s: %q is already listed at %s", what, s, prev)
			ok = false
			return
		}
		seen[s] = p.pos(item)
		out = append(out, s)
	})
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		p.diags.Errorf(p.pos(n), DiagEmpty, "%s: the list is empty", what)
		return nil, false
	}
	return out, ok && n.Kind == yaml.SequenceNode
}

// name checks a defined name: printable ASCII without spaces or the
// characters that would break a query string.
func (p *parser) name(n *yaml.Node, what, s string) bool {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r >= 0x7f || strings.ContainsRune("=&?#%\"'\\", r)
	}) {
		p.diags.Errorf(p.pos(n), DiagBadName, "%s: %q is not a usable name (printable ASCII, no spaces, none of = & ? # %% quotes or backslash)", what, s)
		return false
	}
	return true
}

// fileReader is the top section's destination: the file, and whether it
// named its version.
type fileReader struct {
	f         *File
	versioned bool
}

// fileProps are a rule file's top-level keys.
func fileProps() []prop[fileReader] {
	return []prop[fileReader]{
		{"version", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			r.versioned = true
			s, ok := p.str(v, "version")
			if ok && s != strconv.Itoa(Version) {
				p.diags.Errorf(p.pos(v), DiagBadVersion, "version %q is not supported; this build reads version %d", s, Version)
				return false
			}
			return ok
		}},
		{"messages", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "messages", func(code string, k, v *yaml.Node) {
				if m := p.message(code, k, v); m != nil {
					r.f.Messages = append(r.f.Messages, m)
				}
			})
			return true
		}},
		{"auth", func(p *parser, r *fileReader, _ string, k, v *yaml.Node) bool {
			r.f.Auth = &Auth{Pos: p.pos(k)}
			_, ok := readProps(p, v, "auth", authProps(), r.f.Auth)
			return ok
		}},
		{"fields", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "fields", func(param string, k, v *yaml.Node) {
				if p.name(k, "field", param) {
					fd := &Field{Param: param, Pos: p.pos(k)}
					p.field(v, "field "+param, fd)
					r.f.Fields = append(r.f.Fields, fd)
				}
			})
			return true
		}},
		{"commands", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "commands", func(name string, k, v *yaml.Node) {
				if p.name(k, "command", name) {
					c := &Command{Name: name, Pos: p.pos(k)}
					readProps(p, v, "command "+name, commandProps(), c)
					r.f.Commands = append(r.f.Commands, c)
				}
			})
			return true
		}},
		{"types", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "types", func(name string, k, v *yaml.Node) {
				if p.name(k, "contact type", name) {
					t := &ContactType{Name: name}
					overlay(p, k, v, "type "+name, &t.Overlay, typeProps(), t)
					r.f.Types = append(r.f.Types, t)
				}
			})
			return true
		}},
		{"tlds", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "tlds", func(name string, k, v *yaml.Node) {
				if !p.name(k, "tld", name) {
					return
				}
				if strings.HasPrefix(name, ".") || strings.ToLower(name) != name {
					p.diags.Errorf(p.pos(k), DiagBadName, "tld %q: write a TLD in lower case without its dot (es, com.br)", name)
					return
				}
				t := &TLD{Name: name}
				overlay(p, k, v, "tld "+name, &t.Overlay, tldProps(), t)
				r.f.TLDs = append(r.f.TLDs, t)
			})
			return true
		}},
		{"severities", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.severities(v, r.f)
			return true
		}},
		{"lists", func(p *parser, r *fileReader, _ string, _, v *yaml.Node) bool {
			p.mapping(v, "lists", func(name string, k, v *yaml.Node) {
				if p.name(k, "list", name) {
					r.f.Lists = append(r.f.Lists, p.list(name, k, v))
				}
			})
			return true
		}},
	}
}

func (p *parser) file1(root *yaml.Node, f *File) {
	r := &fileReader{f: f}
	readProps(p, root, "rule file", fileProps(), r)
	if root.Kind == yaml.MappingNode && !r.versioned {
		p.diags.Errorf(p.pos(root), DiagMissingKey, "rule file: `version: %d` is required", Version)
	}
}

// placeholders are the names a message text may use; the engine fills them
// in when it compiles the rules (a test of the engine's holds it to
// filling each).
var placeholders = [...]string{"command", "key", "label", "max", "min", "param"}

// Placeholders lists the {names} a message text may use.
func Placeholders() []string { return append([]string(nil), placeholders[:]...) }

// severityValues are what a severity may be written as.
var severityValues = []string{"error", "warning"}

// severity reads a severity into dst.
func (p *parser) severity(dst *Opt[Severity], what string, k, v *yaml.Node) bool {
	s, ok := p.enum(v, what, severityValues)
	if ok {
		sev, _ := ParseSeverity(s)
		*dst = set(sev, p.pos(k))
	}
	return ok
}

// nameProp reads a defined name (a message code, a list, a parameter)
// into dst.
func (p *parser) nameProp(dst *Opt[string], what string, k, v *yaml.Node) bool {
	s, ok := p.str(v, what)
	if ok && p.name(v, what, s) {
		*dst = set(s, p.pos(k))
		return true
	}
	return false
}

// nameList reads a list of defined names, each with its position.
func (p *parser) nameList(v *yaml.Node, what string) ([]Opt[string], bool) {
	var out []Opt[string]
	good := true
	p.sequence(v, what, func(item *yaml.Node) {
		var s Opt[string]
		if p.nameProp(&s, what, item, item) {
			out = append(out, s)
		} else {
			good = false
		}
	})
	return out, good
}

// textProp reads a non-empty text into dst.
func (p *parser) textProp(dst *Opt[string], what string, k, v *yaml.Node) bool {
	s, ok := p.text(v, what)
	if ok {
		*dst = set(s, p.pos(k))
	}
	return ok
}

// boolProp reads true or false into dst.
func (p *parser) boolProp(dst *Opt[bool], what string, k, v *yaml.Node) bool {
	b, ok := p.boolean(v, what)
	if ok {
		*dst = set(b, p.pos(k))
	}
	return ok
}

// messageProps are a catalogue entry's keys.
func messageProps() []prop[Message] {
	return []prop[Message]{
		{"text", func(p *parser, m *Message, what string, _, v *yaml.Node) bool {
			var ok bool
			if m.Text, ok = p.text(v, what+" text"); ok {
				ok = p.placeholders(v, m.Code, m.Text)
			}
			return ok
		}},
		{"source", func(p *parser, m *Message, what string, _, v *yaml.Node) bool {
			s, ok := p.enum(v, what+" source", []string{string(Seed), string(Observed), string(Ours)})
			m.Source = Provenance(s)
			return ok
		}},
		{"ref", func(p *parser, m *Message, what string, _, v *yaml.Node) bool {
			var ok bool
			m.Ref, ok = p.text(v, what+" ref")
			return ok
		}},
		{"severity", func(p *parser, m *Message, what string, k, v *yaml.Node) bool {
			return p.severity(&m.Severity, what+" severity", k, v)
		}},
	}
}

func (p *parser) message(code string, k, v *yaml.Node) *Message {
	if !p.name(k, "message", code) {
		return nil
	}
	m := &Message{Code: code, Pos: p.pos(k)}
	given, good := readProps(p, v, "message "+code, messageProps(), m)
	if v.Kind != yaml.MappingNode {
		return nil
	}
	if !given["text"] {
		p.diags.Errorf(p.pos(k), DiagMissingKey, "message %s: `text` is required", code)
		good = false
	}
	if !given["source"] {
		p.diags.Errorf(p.pos(k), DiagMissingKey, "message %s: `source` (seed, observed or ours) is required", code)
		good = false
	}
	if !good {
		return nil
	}
	return m
}

func (p *parser) placeholders(n *yaml.Node, code, text string) bool {
	names, balanced := placeholderNames(text)
	if !balanced {
		p.diags.Errorf(p.pos(n), DiagBadBraces, "message %s: unbalanced { or } in %q", code, text)
		return false
	}
	ok := true
	for _, name := range names {
		if !slices.Contains(placeholders[:], name) {
			p.unknown(n, DiagUnknownPlaceholder, "message "+code, "{"+name+"}", wrap(placeholders[:]))
			ok = false
		}
	}
	return ok
}

// placeholderNames lists the {name}s in text, and whether its braces pair up.
func placeholderNames(text string) (names []string, balanced bool) {
	for {
		open := strings.IndexAny(text, "{}")
		if open < 0 {
			return names, true
		}
		if text[open] == '}' {
			return names, false
		}
		end := strings.IndexAny(text[open+1:], "{}")
		if end < 0 || text[open+1+end] == '{' {
			return names, false
		}
		names = append(names, text[open+1:open+1+end])
		text = text[open+1+end+1:]
	}
}

func wrap(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return out
}

// authProps are the auth section's keys.
func authProps() []prop[Auth] {
	return []prop[Auth]{
		{"user", func(p *parser, a *Auth, _ string, k, v *yaml.Node) bool {
			return p.nameProp(&a.User, "auth user", k, v)
		}},
		{"secret", func(p *parser, a *Auth, _ string, _, v *yaml.Node) bool {
			var ok bool
			a.Secret, ok = p.nameList(v, "auth secret")
			return ok
		}},
	}
}

// fieldTypes are the value types a field may declare.
var fieldTypes = []string{"string", "integer", "boolean"}

// field reads a global field.
func (p *parser) field(v *yaml.Node, what string, fd *Field) {
	readProps(p, v, what, fieldProps(), fd)
	p.fieldDone(fd, what)
}

// fieldDone checks what a field's properties say together, once read.
func (p *parser) fieldDone(fd *Field, what string) {
	fd.stampBasis()
	if fd.MinLength.Set && fd.MaxLength.Set && fd.MinLength.V > fd.MaxLength.V {
		p.diags.Errorf(fd.MaxLength.Pos, DiagBadRange, "%s: max-length %d is below min-length %d", what, fd.MaxLength.V, fd.MinLength.V)
	}
}

// paramField is a Param's Field, for lifting fieldProps.
func paramField(pm *Param) *Field { return &pm.Field }

// presenceProps are a parameter's required, forbidden, discouraged and
// recommended, wherever a parameter is written.
func presenceProps() []prop[Param] {
	return []prop[Param]{
		{"required", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.boolProp(&pm.Required, what+" required", k, v)
		}},
		{"forbidden", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.boolProp(&pm.Forbidden, what+" forbidden", k, v)
		}},
		{"discouraged", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			if v.Kind != yaml.MappingNode {
				return p.boolProp(&pm.Discouraged, what+" discouraged", k, v)
			}
			// discouraged: {message: code}
			_, ok := readProps(p, v, what+" discouraged", discouragedProps(), pm)
			if ok && pm.DiscouragedMessage.Set {
				pm.Discouraged = set(true, p.pos(k))
			}
			return ok
		}},
		{"recommended", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			if v.Kind != yaml.MappingNode {
				return p.boolProp(&pm.Recommended, what+" recommended", k, v)
			}
			// recommended: {message: code}
			_, ok := readProps(p, v, what+" recommended", recommendedProps(), pm)
			if ok && pm.RecommendedMessage.Set {
				pm.Recommended = set(true, p.pos(k))
			}
			return ok
		}},
	}
}

// discouragedProps are the keys of discouraged written as a mapping.
func discouragedProps() []prop[Param] {
	return []prop[Param]{
		{"message", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.nameProp(&pm.DiscouragedMessage, what+" message", k, v)
		}},
	}
}

// recommendedProps are the keys of recommended written as a mapping.
func recommendedProps() []prop[Param] {
	return []prop[Param]{
		{"message", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.nameProp(&pm.RecommendedMessage, what+" message", k, v)
		}},
	}
}

// commandParamProps are a command parameter's properties: a field's, its
// presence, repeat and inherit.
func commandParamProps() []prop[Param] {
	return slices.Concat(liftProps(fieldProps(), paramField), presenceProps(), []prop[Param]{
		{"repeat", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.boolProp(&pm.Repeat, what+" repeat", k, v)
		}},
		{"inherit", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.boolProp(&pm.Inherit, what+" inherit", k, v)
		}},
	})
}

// overlayFieldProps are an overlay field's properties: a field's and its
// presence.
func overlayFieldProps() []prop[Param] {
	return slices.Concat(liftProps(fieldProps(), paramField), presenceProps())
}

// overlayAttrProps are an overlay attribute's: an overlay field's, and
// aliases, the other names clients send for the attribute.
func overlayAttrProps() []prop[Param] {
	return append(overlayFieldProps(), prop[Param]{"aliases", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
		names, ok := p.strings(v, what+" aliases")
		for _, n := range names {
			ok = ok && p.name(v, what+" aliases", n)
		}
		if ok {
			pm.Aliases = set(names, p.pos(k))
		}
		return ok
	}})
}

func (p *parser) basis(n *yaml.Node, what string) (Basis, bool) {
	s, ok := p.enum(n, what, Bases())
	return Basis(s), ok
}

// rangeReader is a range's destination while it is read.
type rangeReader struct {
	r        Range
	min, max bool
}

func rangeProps() []prop[rangeReader] {
	return []prop[rangeReader]{
		{"min", func(p *parser, r *rangeReader, what string, _, v *yaml.Node) bool {
			r.r.Min, r.min = p.count(v, what+" min")
			return r.min
		}},
		{"max", func(p *parser, r *rangeReader, what string, _, v *yaml.Node) bool {
			r.r.Max, r.max = p.count(v, what+" max")
			return r.max
		}},
	}
}

func (p *parser) rangeOf(n *yaml.Node, what string) (Range, bool) {
	var r rangeReader
	_, good := readProps(p, n, what, rangeProps(), &r)
	if n.Kind != yaml.MappingNode || !good {
		return r.r, false
	}
	if !r.min || !r.max {
		p.diags.Errorf(p.pos(n), DiagMissingKey, "%s: both min and max are required", what)
		return r.r, false
	}
	if r.r.Max < r.r.Min || r.r.Max == 0 {
		p.diags.Errorf(p.pos(n), DiagBadRange, "%s: max %d must be at least min %d and above 0", what, r.r.Max, r.r.Min)
		return r.r, false
	}
	return r.r, true
}

// checks reads a list whose items are a check name, or a one-key mapping
// from a check name to its options.
func (p *parser) checks(n *yaml.Node, what string) []Check {
	var out []Check
	seen := map[string]Pos{}
	p.sequence(n, what+" checks", func(item *yaml.Node) {
		nameNode, opts := item, (*yaml.Node)(nil)
		if item.Kind == yaml.MappingNode {
			if len(item.Content) != 2 {
				p.diags.Errorf(p.pos(item), DiagWrongType, "%s checks: an item is a check name, or one name with its options", what)
				return
			}
			nameNode, opts = item.Content[0], item.Content[1]
		}
		name, ok := p.str(nameNode, what+" check")
		if !ok {
			return
		}
		// Which options the check takes is the catalogue's to say: Load
		// holds the options read here to it (resolve).
		c := Check{Name: name, Pos: p.pos(nameNode)}
		if opts != nil {
			p.mapping(opts, what+" check "+name, func(key string, k, v *yaml.Node) {
				switch key {
				case "severity":
					p.severity(&c.Severity, "severity", k, v)
				case "message":
					p.nameProp(&c.Message, "message", k, v)
				case "basis":
					if b, ok := p.basis(v, what+" check "+name+" basis"); ok {
						c.Basis = set(b, p.pos(k))
					}
				default:
					a := Arg{Name: key, Pos: p.pos(k), valuePos: p.pos(v), list: v.Kind == yaml.SequenceNode}
					ok := false
					if a.list {
						a.Values, ok = p.strings(v, what+" check "+name+" "+key)
					} else if s, good := p.text(v, what+" check "+name+" "+key); good {
						a.Values, ok = []string{s}, true
					}
					if ok {
						c.Args = append(c.Args, a)
					}
				}
			})
		}
		if prev, dup := seen[c.Key()]; dup {
			p.diags.Errorf(c.Pos, DiagDuplicate, "%s: check %q with these options is already listed at %s", what, name, prev)
			return
		}
		seen[c.Key()] = c.Pos
		out = append(out, c)
	})
	return out
}

// methods are the HTTP methods a command may declare.
var methods = []string{"GET", "POST"}

// commandProps are a command's keys.
func commandProps() []prop[Command] {
	return []prop[Command]{
		{"method", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			s, ok := p.enum(v, what+" method", methods)
			if ok {
				c.Method = set(s, p.pos(k))
			}
			return ok
		}},
		{"doc", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			return p.textProp(&c.Doc, what+" doc", k, v)
		}},
		{"contact-type", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			return p.nameProp(&c.ContactType, what+" contact-type", k, v)
		}},
		{"current-type", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			return p.nameProp(&c.CurrentType, what+" current-type", k, v)
		}},
		{"attrs", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			// true, false, or required: at least one complete pair.
			s, ok := p.enum(v, what+" attrs", []string{"true", "false", "required"})
			if ok {
				c.Attrs = set(s != "false", p.pos(k))
				if s == "required" {
					c.AttrsRequired = set(true, p.pos(k))
				}
			}
			return ok
		}},
		{"tld-from", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			return p.nameProp(&c.TLDFrom, what+" tld-from", k, v)
		}},
		{"open", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			return p.boolProp(&c.Open, what+" open", k, v)
		}},
		{"deprecated", func(p *parser, c *Command, what string, k, v *yaml.Node) bool {
			c.Deprecated = &Deprecation{Pos: p.pos(k)}
			_, ok := readProps(p, v, what+" deprecated", deprecationProps(), c.Deprecated)
			return ok
		}},
		{"params", func(p *parser, c *Command, what string, _, v *yaml.Node) bool {
			c.Params = p.params(v, what)
			return true
		}},
		{"tlds", func(p *parser, c *Command, what string, _, v *yaml.Node) bool {
			p.mapping(v, what+" tlds", func(name string, k, v *yaml.Node) {
				if p.name(k, what+" tld", name) {
					t := &TLD{Name: name}
					overlay(p, k, v, what+" tld "+name, &t.Overlay, commandTLDProps(), t)
					c.TLDs = append(c.TLDs, t)
				}
			})
			return true
		}},
	}
}

// deprecationProps are the keys of a command's deprecated.
func deprecationProps() []prop[Deprecation] {
	return []prop[Deprecation]{
		{"message", func(p *parser, d *Deprecation, what string, k, v *yaml.Node) bool {
			return p.nameProp(&d.Message, what+" message", k, v)
		}},
		{"severity", func(p *parser, d *Deprecation, what string, k, v *yaml.Node) bool {
			return p.severity(&d.Severity, what+" severity", k, v)
		}},
	}
}

func (p *parser) params(n *yaml.Node, what string) []*Param {
	var out []*Param
	seen := map[string]Pos{}
	p.sequence(n, what+" params", func(item *yaml.Node) {
		nameNode, opts := item, (*yaml.Node)(nil)
		if item.Kind == yaml.MappingNode {
			if len(item.Content) != 2 {
				p.diags.Errorf(p.pos(item), DiagWrongType, "%s params: an item is a parameter name, or one name with its properties", what)
				return
			}
			nameNode, opts = item.Content[0], item.Content[1]
		}
		name, ok := p.str(nameNode, what+" param")
		if !ok || !p.name(nameNode, what+" param", name) {
			return
		}
		if prev, dup := seen[name]; dup {
			p.diags.Errorf(p.pos(nameNode), DiagDuplicate, "%s: parameter %q is already listed at %s", what, name, prev)
			return
		}
		seen[name] = p.pos(nameNode)
		pm := &Param{Field: Field{Param: name, Pos: p.pos(nameNode)}}
		if opts != nil {
			pw := what + " param " + name
			readProps(p, opts, pw, commandParamProps(), pm)
			p.fieldDone(&pm.Field, pw)
			pm.stampBasis()
		}
		out = append(out, pm)
	})
	return out
}

// overlayProps are what every overlay has: doc, fields, attrs and when.
func overlayProps() []prop[Overlay] {
	return []prop[Overlay]{
		{"doc", func(p *parser, o *Overlay, what string, k, v *yaml.Node) bool {
			return p.textProp(&o.Doc, what+" doc", k, v)
		}},
		{"fields", func(p *parser, o *Overlay, what string, _, v *yaml.Node) bool {
			o.Fields = p.overlayFields(v, what, overlayFieldProps())
			return true
		}},
		{"attrs", func(p *parser, o *Overlay, what string, _, v *yaml.Node) bool {
			o.Attrs = p.overlayFields(v, what+" attrs", overlayAttrProps())
			return true
		}},
		{"when", func(p *parser, o *Overlay, what string, k, v *yaml.Node) bool {
			p.when(o, what, k, v)
			return true
		}},
	}
}

// rolesProp reads the role overlays of a type or TLD into the list part
// gives.
func rolesProp[U any](part func(*U) *[]*RoleOverlay) prop[U] {
	return prop[U]{"roles", func(p *parser, dst *U, what string, _, v *yaml.Node) bool {
		good := true
		p.mapping(v, what+" roles", func(role string, k, v *yaml.Node) {
			if RoleIndex(role) <= 0 {
				p.unknown(k, DiagUnknownRole, what+" roles", role, roles[:])
				good = false
				return
			}
			r := &RoleOverlay{Role: role}
			overlay(p, k, v, what+" role "+role, &r.Overlay, roleProps(), r)
			*part(dst) = append(*part(dst), r)
		})
		return good
	}}
}

// roleProps are a role overlay's keys.
func roleProps() []prop[RoleOverlay] {
	return liftProps(overlayProps(), func(r *RoleOverlay) *Overlay { return &r.Overlay })
}

// typeProps are a contact type's keys: an overlay's and roles.
func typeProps() []prop[ContactType] {
	return append(liftProps(overlayProps(), func(t *ContactType) *Overlay { return &t.Overlay }),
		rolesProp(func(t *ContactType) *[]*RoleOverlay { return &t.Roles }))
}

// commandTLDProps are a command's TLD overlay's keys.
func commandTLDProps() []prop[TLD] {
	return liftProps(overlayProps(), func(t *TLD) *Overlay { return &t.Overlay })
}

// tldProps are a TLD's keys: an overlay's, roles, its product key and
// its rules on a whole contact set.
func tldProps() []prop[TLD] {
	return append(commandTLDProps(),
		rolesProp(func(t *TLD) *[]*RoleOverlay { return &t.Roles }),
		prop[TLD]{"product-key", func(p *parser, t *TLD, what string, k, v *yaml.Node) bool {
			return p.nameProp(&t.ProductKey, what+" product-key", k, v)
		}},
		prop[TLD]{"contact-set", func(p *parser, t *TLD, what string, _, v *yaml.Node) bool {
			t.Set = p.setRules(v, what+" contact-set")
			return true
		}},
	)
}

// overlay reads an overlay-holding value by table into dst, whose
// Overlay is o; each overlay counts its conditional overlays afresh.
func overlay[U any](p *parser, k, v *yaml.Node, what string, o *Overlay, table []prop[U], dst *U) {
	o.Pos = p.pos(k)
	count, over := p.whenCount, p.whenOver
	p.whenCount, p.whenOver = 0, false
	defer func() { p.whenCount, p.whenOver = count, over }()
	readProps(p, v, what, table, dst)
}

// when reads an overlay's conditional overlays, bounded while reading:
// the engine expands every combination that touches a field.
func (p *parser) when(o *Overlay, what string, k, v *yaml.Node) {
	if p.whenDepth >= MaxWhenDepth {
		p.diags.Errorf(p.pos(k), DiagTooComplex, "%s: conditions nest more than %d deep", what, MaxWhenDepth)
		return
	}
	p.whenDepth++
	defer func() { p.whenDepth-- }()
	p.sequence(v, what+" when", func(item *yaml.Node) {
		if p.whenCount >= MaxWhens {
			if !p.whenOver {
				p.diags.Errorf(p.pos(item), DiagTooComplex, "%s: more than %d conditional overlays in one overlay", what, MaxWhens)
				p.whenOver = true
			}
			return
		}
		p.whenCount++
		if c := p.conditional(item, what+" when"); c != nil {
			o.When = append(o.When, c)
		}
	})
}

// overlayFields reads an overlay's fields, or its attrs, by table.
func (p *parser) overlayFields(v *yaml.Node, what string, table []prop[Param]) []*Param {
	var out []*Param
	p.mapping(v, what+" fields", func(param string, k, v *yaml.Node) {
		if !p.name(k, what+" field", param) {
			return
		}
		pm := &Param{Field: Field{Param: param, Pos: p.pos(k)}}
		fw := what + " field " + param
		readProps(p, v, fw, table, pm)
		p.fieldDone(&pm.Field, fw)
		pm.stampBasis()
		out = append(out, pm)
	})
	return out
}

// conditionalReader is a conditional overlay's destination while read.
type conditionalReader struct {
	c      *Conditional
	goodIf bool
}

// conditionalProps are a conditional overlay's keys: if, and an
// overlay's.
func conditionalProps() []prop[conditionalReader] {
	return append(liftProps(overlayProps(), func(r *conditionalReader) *Overlay { return &r.c.Overlay }),
		prop[conditionalReader]{"if", func(p *parser, r *conditionalReader, what string, k, v *yaml.Node) bool {
			r.goodIf = p.condition(k, v, what+" if", &r.c.If)
			return r.goodIf
		}})
}

func (p *parser) conditional(n *yaml.Node, what string) *Conditional {
	r := &conditionalReader{c: &Conditional{}}
	r.c.Pos = p.pos(n)
	given, _ := readProps(p, n, what, conditionalProps(), r)
	if n.Kind != yaml.MappingNode {
		return nil
	}
	if !given["if"] {
		p.diags.Errorf(r.c.Pos, DiagMissingKey, "%s: `if` is required", what)
	}
	if !r.goodIf {
		return nil
	}
	return r.c
}

// conditionProps are a condition's keys.
func conditionProps() []prop[Condition] {
	text := func(dst func(*Condition) *string, key string) prop[Condition] {
		return prop[Condition]{key, func(p *parser, c *Condition, what string, _, v *yaml.Node) bool {
			var ok bool
			*dst(c), ok = p.text(v, what+" "+key)
			return ok
		}}
	}
	list := func(dst func(*Condition) *[]string, key string) prop[Condition] {
		return prop[Condition]{key, func(p *parser, c *Condition, what string, _, v *yaml.Node) bool {
			var ok bool
			*dst(c), ok = p.strings(v, what+" "+key)
			return ok
		}}
	}
	return []prop[Condition]{
		text(func(c *Condition) *string { return &c.Attr }, "attr"),
		text(func(c *Condition) *string { return &c.Param }, "param"),
		list(func(c *Condition) *[]string { return &c.Is }, "is"),
		list(func(c *Condition) *[]string { return &c.IsNot }, "is-not"),
		text(func(c *Condition) *string { return &c.In }, "in"),
		text(func(c *Condition) *string { return &c.NotIn }, "not-in"),
	}
}

func (p *parser) condition(k, v *yaml.Node, what string, c *Condition) bool {
	c.Pos = p.pos(k)
	_, good := readProps(p, v, what, conditionProps(), c)
	if v.Kind != yaml.MappingNode || !good {
		return false
	}
	if (c.Attr == "") == (c.Param == "") {
		p.diags.Errorf(c.Pos, DiagBadCond, "%s: name one attr or one param", what)
		return false
	}
	tests := 0
	for _, given := range []bool{c.Is != nil, c.IsNot != nil, c.In != "", c.NotIn != ""} {
		if given {
			tests++
		}
	}
	if tests != 1 {
		p.diags.Errorf(c.Pos, DiagBadCond, "%s: give one of is, is-not, in or not-in", what)
		return false
	}
	return true
}

// setRuleProps are the keys of a TLD's contact-set.
func setRuleProps() []prop[[]SetRule] {
	return []prop[[]SetRule]{
		{"one-has", func(p *parser, out *[]SetRule, what string, k, v *yaml.Node) bool {
			attrs, ok := p.strings(v, what+" one-has")
			if ok {
				*out = append(*out, SetRule{OneHas: attrs, Pos: p.pos(k)})
			}
			return ok
		}},
	}
}

// setRules reads a TLD's rules on a whole contact set.
func (p *parser) setRules(v *yaml.Node, what string) []SetRule {
	var out []SetRule
	readProps(p, v, what, setRuleProps(), &out)
	return out
}

// listReader is a list's destination while read: the list, the values
// seen, and how many items were written, valid or not.
type listReader struct {
	l     *List
	seen  map[string]Pos
	nodes int
}

// listProps are a list's keys.
func listProps() []prop[listReader] {
	return []prop[listReader]{
		{"doc", func(p *parser, r *listReader, what string, k, v *yaml.Node) bool {
			return p.textProp(&r.l.Doc, what+" doc", k, v)
		}},
		{"include", func(p *parser, r *listReader, what string, _, v *yaml.Node) bool {
			var ok bool
			r.l.Include, ok = p.nameList(v, what+" include")
			return ok
		}},
		{"items", func(p *parser, r *listReader, what string, _, v *yaml.Node) bool {
			p.sequence(v, what+" items", func(item *yaml.Node) { p.listItem(r, what, item) })
			return true
		}},
	}
}

// itemProps are a list item's keys, when it is more than its value.
func itemProps() []prop[ListItem] {
	text := func(dst func(*ListItem) *string, key string) prop[ListItem] {
		return prop[ListItem]{key, func(p *parser, it *ListItem, what string, _, v *yaml.Node) bool {
			var ok bool
			*dst(it), ok = p.text(v, what+" "+key)
			return ok
		}}
	}
	return []prop[ListItem]{
		text(func(it *ListItem) *string { return &it.Value }, "value"),
		text(func(it *ListItem) *string { return &it.Code }, "code"),
		text(func(it *ListItem) *string { return &it.Class }, "class"),
		{"aliases", func(p *parser, it *ListItem, what string, _, v *yaml.Node) bool {
			var ok bool
			it.Aliases, ok = p.strings(v, what+" aliases")
			return ok
		}},
	}
}

func (p *parser) list(name string, k, v *yaml.Node) *List {
	r := &listReader{l: &List{Name: name, Pos: p.pos(k)}, seen: map[string]Pos{}}
	what := "list " + name
	readProps(p, v, what, listProps(), r)
	if v.Kind == yaml.MappingNode && len(r.l.Items) == 0 && r.nodes == 0 && len(r.l.Include) == 0 {
		p.diags.Errorf(r.l.Pos, DiagEmpty, "%s: no items", what)
	}
	return r.l
}

// listItem reads one item: its value, or a mapping with its value.
func (p *parser) listItem(r *listReader, what string, item *yaml.Node) {
	r.nodes++
	it := ListItem{Pos: p.pos(item)}
	if item.Kind == yaml.ScalarNode {
		s, ok := p.text(item, what+" item")
		if !ok {
			return
		}
		it.Value = s
	} else {
		readProps(p, item, what+" item", itemProps(), &it)
		if item.Kind == yaml.MappingNode && it.Value == "" {
			p.diags.Errorf(it.Pos, DiagMissingKey, "%s item: `value` is required", what)
			return
		}
	}
	if prev, dup := r.seen[it.Value]; dup {
		p.diags.Errorf(it.Pos, DiagDuplicate, "%s: %q is already listed at %s", what, it.Value, prev)
		return
	}
	r.seen[it.Value] = it.Pos
	if it.Value != "" {
		r.l.Items = append(r.l.Items, it)
	}
}
