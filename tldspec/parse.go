package tldspec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
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
}

// ParseFile parses one rule file. name is used in positions. It never
// panics: every problem, the YAML parser's included, is a diagnostic.
func ParseFile(name string, src []byte) (*File, Diagnostics) {
	p := &parser{file: name}
	f := &File{Name: name}
	if len(src) > MaxFileSize {
		p.diags.Errorf(Pos{File: name}, "too-large", "the file has %d bytes; rule files are limited to %d", len(src), MaxFileSize)
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
			p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, "syntax", "the YAML parser failed: %v", r)
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, "missing-key", "the file is empty; it needs at least `version: %d`", Version)
			return nil, false
		}
		p.syntax(err)
		return nil, false
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		p.diags.Errorf(p.pos(&extra), "multiple-documents", "a rule file holds one YAML document; split the others into their own files")
		return nil, false
	case !errors.Is(err, io.EOF):
		p.syntax(err)
		return nil, false
	}
	if len(doc.Content) == 0 {
		p.diags.Errorf(Pos{File: p.file, Line: 1, Col: 1}, "missing-key", "the file is empty; it needs at least `version: %d`", Version)
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
	p.diags.Errorf(pos, "syntax", "%s", msg)
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
		p.diags.Errorf(p.pos(n), "alias", "aliases are not allowed (*%s): write the value out", n.Value)
	case n.Anchor != "":
		p.diags.Errorf(p.pos(n), "alias", "anchors are not allowed (&%s)", n.Anchor)
	case n.Style&yaml.TaggedStyle != 0:
		p.diags.Errorf(p.pos(n), "yaml-tag", "explicit tags are not allowed (%s): every value is read as written", n.Tag)
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
	p.diags.Errorf(p.pos(n), "wrong-type", "%s: want %s, got %s", what, want, got)
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
			p.diags.Errorf(p.pos(k), "merge-key", "merge keys (<<) are not allowed: write the keys out")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			p.diags.Errorf(p.pos(k), "duplicate", "%s: %q is already given at %s", what, k.Value, prev)
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
			p.unknown(k, "unknown-key", what, key, known)
			return
		}
		fn(key, k, v)
	})
}

func (p *parser) unknown(n *yaml.Node, code, what, name string, known []string) {
	msg := fmt.Sprintf("%s: unknown %q", what, name)
	if s := suggest.Closest(name, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
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
		p.diags.Errorf(p.pos(n), "bad-value", "%s: must not be empty", what)
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
		p.diags.Errorf(p.pos(n), "bad-value", "%s: want a whole number of 0 or more, got %q", what, s)
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
	p.diags.Errorf(p.pos(n), "bad-value", "%s: want true or false, got %q", what, s)
	return false, false
}

func (p *parser) enum(n *yaml.Node, what string, values []string) (string, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(values, s) {
		msg := fmt.Sprintf("%s: want one of %s, got %q", what, strings.Join(values, ", "), s)
		if c := suggest.Closest(s, values); c != "" {
			msg += fmt.Sprintf("; did you mean %q?", c)
		}
		p.diags.Errorf(p.pos(n), "bad-value", "%s", msg)
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
			p.diags.Errorf(p.pos(item), "duplicate", "%s: %q is already listed at %s", what, s, prev)
			ok = false
			return
		}
		seen[s] = p.pos(item)
		out = append(out, s)
	})
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		p.diags.Errorf(p.pos(n), "bad-value", "%s: the list is empty", what)
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
		p.diags.Errorf(p.pos(n), "bad-name", "%s: %q is not a usable name (printable ASCII, no spaces, none of = & ? # %% quotes or backslash)", what, s)
		return false
	}
	return true
}

var topKeys = []string{"version", "messages", "auth", "fields", "commands", "types", "tlds", "lists"}

func (p *parser) file1(root *yaml.Node, f *File) {
	versioned := false
	p.props(root, "rule file", topKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			versioned = true
			if s, ok := p.str(v, "version"); ok && s != strconv.Itoa(Version) {
				p.diags.Errorf(p.pos(v), "bad-version", "version %q is not supported; this build reads version %d", s, Version)
			}
		case "messages":
			p.mapping(v, "messages", func(code string, k, v *yaml.Node) {
				if m := p.message(code, k, v); m != nil {
					f.Messages = append(f.Messages, m)
				}
			})
		case "auth":
			f.Auth = p.auth(k, v)
		case "fields":
			p.mapping(v, "fields", func(param string, k, v *yaml.Node) {
				if p.name(k, "field", param) {
					fd := &Field{Param: param, Pos: p.pos(k)}
					p.field(v, "field "+param, fd, nil)
					f.Fields = append(f.Fields, fd)
				}
			})
		case "commands":
			p.mapping(v, "commands", func(name string, k, v *yaml.Node) {
				if p.name(k, "command", name) {
					f.Commands = append(f.Commands, p.command(name, k, v))
				}
			})
		case "types":
			p.mapping(v, "types", func(name string, k, v *yaml.Node) {
				if p.name(k, "contact type", name) {
					t := &ContactType{Name: name}
					t.Roles = p.overlay(k, v, "type "+name, &t.Overlay, true)
					f.Types = append(f.Types, t)
				}
			})
		case "tlds":
			p.mapping(v, "tlds", func(name string, k, v *yaml.Node) {
				if p.name(k, "tld", name) {
					if strings.HasPrefix(name, ".") || strings.ToLower(name) != name {
						p.diags.Errorf(p.pos(k), "bad-name", "tld %q: write a TLD in lower case without its dot (es, com.br)", name)
						return
					}
					t := &TLD{Name: name}
					t.Roles = p.overlay(k, v, "tld "+name, &t.Overlay, true, func(key string, k, v *yaml.Node) bool {
						switch key {
						case "product-key":
							if s, ok := p.str(v, "tld "+name+" product-key"); ok && p.name(v, "tld "+name+" product-key", s) {
								t.ProductKey = set(s, p.pos(k))
							}
						case "contact-set":
							t.Set = p.setRules(v, "tld "+name+" contact-set")
						default:
							return false
						}
						return true
					})
					f.TLDs = append(f.TLDs, t)
				}
			})
		case "lists":
			p.mapping(v, "lists", func(name string, k, v *yaml.Node) {
				if p.name(k, "list", name) {
					f.Lists = append(f.Lists, p.list(name, k, v))
				}
			})
		}
	})
	if root.Kind == yaml.MappingNode && !versioned {
		p.diags.Errorf(p.pos(root), "missing-key", "rule file: `version: %d` is required", Version)
	}
}

// placeholders are the names a message text may use; the engine fills them
// in when it compiles the rules.
var placeholders = []string{"command", "key", "label", "max", "min", "param"}

var messageKeys = []string{"text", "source", "ref", "severity"}

func (p *parser) message(code string, k, v *yaml.Node) *Message {
	if !p.name(k, "message", code) {
		return nil
	}
	m := &Message{Code: code, Pos: p.pos(k)}
	given := map[string]bool{}
	good := true
	p.props(v, "message "+code, messageKeys, func(key string, k, v *yaml.Node) {
		given[key] = true
		ok := false
		switch key {
		case "text":
			if m.Text, ok = p.text(v, "message "+code+" text"); ok {
				ok = p.placeholders(v, code, m.Text)
			}
		case "source":
			var s string
			s, ok = p.enum(v, "message "+code+" source", []string{string(Seed), string(Observed), string(Ours)})
			m.Source = Provenance(s)
		case "ref":
			m.Ref, ok = p.text(v, "message "+code+" ref")
		case "severity":
			var s string
			if s, ok = p.enum(v, "message "+code+" severity", []string{"error", "warning"}); ok {
				sev, _ := ParseSeverity(s)
				m.Severity = set(sev, p.pos(k))
			}
		}
		good = good && ok
	})
	if v.Kind != yaml.MappingNode {
		return nil
	}
	if !given["text"] {
		p.diags.Errorf(p.pos(k), "missing-key", "message %s: `text` is required", code)
		good = false
	}
	if !given["source"] {
		p.diags.Errorf(p.pos(k), "missing-key", "message %s: `source` (seed, observed or ours) is required", code)
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
		p.diags.Errorf(p.pos(n), "bad-value", "message %s: unbalanced { or } in %q", code, text)
		return false
	}
	ok := true
	for _, name := range names {
		if !slices.Contains(placeholders, name) {
			p.unknown(n, "unknown-placeholder", "message "+code, "{"+name+"}", wrap(placeholders))
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

var authKeys = []string{"user", "secret"}

func (p *parser) auth(k, v *yaml.Node) *Auth {
	a := &Auth{Pos: p.pos(k)}
	p.props(v, "auth", authKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "user":
			if s, ok := p.str(v, "auth user"); ok && p.name(v, "auth user", s) {
				a.User = set(s, p.pos(k))
			}
		case "secret":
			p.sequence(v, "auth secret", func(item *yaml.Node) {
				if s, ok := p.str(item, "auth secret"); ok && p.name(item, "auth secret", s) {
					a.Secret = append(a.Secret, set(s, p.pos(item)))
				}
			})
		}
	})
	return a
}

// fieldReader reads one property of a field into fd.
type fieldReader func(p *parser, fd *Field, what string, at Pos, v *yaml.Node)

// fieldReaders are a field's properties: the one table of what a field may
// hold, from which the known keys (and "did you mean") are derived, so a
// key cannot be known without being read.
// An array, not a map: static data, no work at init.
var fieldReaders = [...]struct {
	key  string
	read fieldReader
}{
	{"key", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.str(v, what+" key"); ok && p.name(v, what+" key", s) {
			fd.Key = set(s, at)
		}
	}},
	{"label", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.text(v, what+" label"); ok {
			fd.Label = set(s, at)
		}
	}},
	{"doc", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.text(v, what+" doc"); ok {
			fd.Doc = set(s, at)
		}
	}},
	{"type", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.enum(v, what+" type", fieldTypes); ok {
			fd.Type = set(s, at)
		}
	}},
	{"min-length", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if n, ok := p.count(v, what+" min-length"); ok {
			fd.MinLength = set(n, at)
		}
	}},
	{"max-length", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if n, ok := p.count(v, what+" max-length"); ok {
			if n == 0 {
				p.diags.Errorf(p.pos(v), "bad-value", "%s max-length: must be at least 1", what)
				return
			}
			fd.MaxLength = set(n, at)
		}
	}},
	{"min-words", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if n, ok := p.count(v, what+" min-words"); ok {
			fd.MinWords = set(n, at)
		}
	}},
	{"digits", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if r, ok := p.rangeOf(v, what+" digits"); ok {
			fd.Digits = set(r, at)
		}
	}},
	{"one-of", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if vals, ok := p.strings(v, what+" one-of"); ok {
			fd.OneOf = set(vals, at)
		}
	}},
	{"in-list", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.str(v, what+" in-list"); ok && p.name(v, what+" in-list", s) {
			fd.InList = set(s, at)
		}
	}},
	{"pattern", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.text(v, what+" pattern"); ok {
			re, err := regexp.Compile(`^(?:` + s + `)$`)
			if err != nil {
				p.diags.Errorf(p.pos(v), "bad-regex", "%s pattern: %v", what, err)
				return
			}
			fd.Pattern = set(Pattern{Source: s, Re: re}, at)
		}
	}},
	{"tag", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.text(v, what+" tag"); ok {
			fd.Tag = set(s, at)
		}
	}},
	{"message", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if s, ok := p.str(v, what+" message"); ok && p.name(v, what+" message", s) {
			fd.Message = set(s, at)
		}
	}},
	{"checks", func(p *parser, fd *Field, what string, _ Pos, v *yaml.Node) {
		fd.Checks = p.checks(v, what)
	}},
	{"basis", func(p *parser, fd *Field, what string, at Pos, v *yaml.Node) {
		if b, ok := p.basis(v, what+" basis"); ok {
			fd.Basis = set(b, at)
		}
	}},
}

// fieldTypes are the value types a field may declare.
var fieldTypes = []string{"string", "integer", "boolean"}

// field reads field properties into fd; extra reads keys beyond a field's
// (a command parameter's required and repeat). The known keys are the
// two tables' keys: each has its reader.
func (p *parser) field(v *yaml.Node, what string, fd *Field, extra map[string]func(k, v *yaml.Node)) {
	known := make([]string, 0, len(fieldReaders)+len(extra))
	for _, r := range fieldReaders {
		known = append(known, r.key)
	}
	for key := range extra {
		known = append(known, key)
	}
	slices.Sort(known)
	p.props(v, what, known, func(key string, k, v *yaml.Node) {
		for _, r := range fieldReaders {
			if r.key == key {
				r.read(p, fd, what, p.pos(k), v)
				return
			}
		}
		extra[key](k, v) // known, so in extra
	})
	fd.stampBasis()
	if fd.MinLength.Set && fd.MaxLength.Set && fd.MinLength.V > fd.MaxLength.V {
		p.diags.Errorf(fd.MaxLength.Pos, "bad-value", "%s: max-length %d is below min-length %d", what, fd.MaxLength.V, fd.MinLength.V)
	}
}

func (p *parser) basis(n *yaml.Node, what string) (Basis, bool) {
	s, ok := p.enum(n, what, Bases())
	return Basis(s), ok
}

func (p *parser) rangeOf(n *yaml.Node, what string) (Range, bool) {
	var r Range
	var hasMin, hasMax, bad bool
	p.props(n, what, []string{"min", "max"}, func(key string, k, v *yaml.Node) {
		c, ok := p.count(v, what+" "+key)
		bad = bad || !ok
		if key == "min" {
			r.Min, hasMin = c, ok
		} else {
			r.Max, hasMax = c, ok
		}
	})
	if n.Kind != yaml.MappingNode || bad {
		return r, false
	}
	if !hasMin || !hasMax {
		p.diags.Errorf(p.pos(n), "missing-key", "%s: both min and max are required", what)
		return r, false
	}
	if r.Max < r.Min || r.Max == 0 {
		p.diags.Errorf(p.pos(n), "bad-value", "%s: max %d must be at least min %d and above 0", what, r.Max, r.Min)
		return r, false
	}
	return r, true
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
				p.diags.Errorf(p.pos(item), "wrong-type", "%s checks: an item is a check name, or one name with its options", what)
				return
			}
			nameNode, opts = item.Content[0], item.Content[1]
		}
		name, ok := p.str(nameNode, what+" check")
		if !ok {
			return
		}
		info, found := LookupCheck(name)
		if !found {
			p.unknown(nameNode, "unknown-check", what, name, checkNames())
			return
		}
		c := Check{Name: name, Pos: p.pos(nameNode)}
		known := []string{"severity", "message", "basis"}
		for _, a := range info.Args {
			known = append(known, a.Name)
		}
		if opts != nil {
			p.props(opts, what+" check "+name, known, func(key string, k, v *yaml.Node) {
				switch key {
				case "severity":
					if s, ok := p.enum(v, "severity", []string{"error", "warning"}); ok {
						sev, _ := ParseSeverity(s)
						c.Severity = set(sev, p.pos(k))
					}
				case "message":
					if s, ok := p.str(v, "message"); ok && p.name(v, "message", s) {
						c.Message = set(s, p.pos(k))
					}
				case "basis":
					if b, ok := p.basis(v, what+" check "+name+" basis"); ok {
						c.Basis = set(b, p.pos(k))
					}
				default:
					ai := info.arg(key)
					var vals []string
					ok := false
					if ai.Kind == ValuesArg && v.Kind == yaml.SequenceNode {
						vals, ok = p.strings(v, what+" check "+name+" "+key)
					} else if s, good := p.text(v, what+" check "+name+" "+key); good {
						vals, ok = []string{s}, true
					}
					if ok {
						c.Args = append(c.Args, Arg{Name: key, Values: vals, Pos: p.pos(k)})
					}
				}
			})
		}
		for _, a := range info.Args {
			if _, given := c.Arg(a.Name); a.Required && !given {
				p.diags.Errorf(c.Pos, "missing-key", "%s check %s: option %q is required", what, name, a.Name)
			}
		}
		if prev, dup := seen[c.Key()]; dup {
			p.diags.Errorf(c.Pos, "duplicate", "%s: check %q with these options is already listed at %s", what, name, prev)
			return
		}
		seen[c.Key()] = c.Pos
		out = append(out, c)
	})
	return out
}

var commandKeys = []string{"method", "doc", "contact-type", "current-type", "attrs", "tld-from", "open", "deprecated", "params", "tlds"}

// methods are the HTTP methods a command may declare.
var methods = []string{"GET", "POST"}

func (p *parser) command(name string, k, v *yaml.Node) *Command {
	c := &Command{Name: name, Pos: p.pos(k)}
	what := "command " + name
	p.props(v, what, commandKeys, func(key string, k, v *yaml.Node) {
		at := p.pos(k)
		switch key {
		case "method":
			if s, ok := p.enum(v, what+" method", methods); ok {
				c.Method = set(s, at)
			}
		case "doc":
			if s, ok := p.text(v, what+" doc"); ok {
				c.Doc = set(s, at)
			}
		case "contact-type":
			if s, ok := p.str(v, what+" contact-type"); ok && p.name(v, what+" contact-type", s) {
				c.ContactType = set(s, at)
			}
		case "current-type":
			if s, ok := p.str(v, what+" current-type"); ok && p.name(v, what+" current-type", s) {
				c.CurrentType = set(s, at)
			}
		case "attrs":
			// true, false, or required: at least one complete pair.
			if s, ok := p.enum(v, what+" attrs", []string{"true", "false", "required"}); ok {
				c.Attrs = set(s != "false", at)
				if s == "required" {
					c.AttrsRequired = set(true, at)
				}
			}
		case "tld-from":
			if s, ok := p.str(v, what+" tld-from"); ok && p.name(v, what+" tld-from", s) {
				c.TLDFrom = set(s, at)
			}
		case "open":
			if b, ok := p.boolean(v, what+" open"); ok {
				c.Open = set(b, at)
			}
		case "deprecated":
			d := &Deprecation{Pos: at}
			p.props(v, what+" deprecated", []string{"message", "severity"}, func(key string, k, v *yaml.Node) {
				switch key {
				case "message":
					if s, ok := p.str(v, what+" deprecated message"); ok && p.name(v, what+" deprecated message", s) {
						d.Message = set(s, p.pos(k))
					}
				case "severity":
					if s, ok := p.enum(v, what+" deprecated severity", []string{"error", "warning"}); ok {
						sev, _ := ParseSeverity(s)
						d.Severity = set(sev, p.pos(k))
					}
				}
			})
			c.Deprecated = d
		case "params":
			c.Params = p.params(v, what)
		case "tlds":
			p.mapping(v, what+" tlds", func(name string, k, v *yaml.Node) {
				if p.name(k, what+" tld", name) {
					t := &TLD{Name: name}
					p.overlay(k, v, what+" tld "+name, &t.Overlay, false)
					c.TLDs = append(c.TLDs, t)
				}
			})
		}
	})
	return c
}

func (p *parser) params(n *yaml.Node, what string) []*Param {
	var out []*Param
	seen := map[string]Pos{}
	p.sequence(n, what+" params", func(item *yaml.Node) {
		nameNode, opts := item, (*yaml.Node)(nil)
		if item.Kind == yaml.MappingNode {
			if len(item.Content) != 2 {
				p.diags.Errorf(p.pos(item), "wrong-type", "%s params: an item is a parameter name, or one name with its properties", what)
				return
			}
			nameNode, opts = item.Content[0], item.Content[1]
		}
		name, ok := p.str(nameNode, what+" param")
		if !ok || !p.name(nameNode, what+" param", name) {
			return
		}
		if prev, dup := seen[name]; dup {
			p.diags.Errorf(p.pos(nameNode), "duplicate", "%s: parameter %q is already listed at %s", what, name, prev)
			return
		}
		seen[name] = p.pos(nameNode)
		pm := &Param{Field: Field{Param: name, Pos: p.pos(nameNode)}}
		if opts != nil {
			pw := what + " param " + name
			extra := p.presenceKeys(pm, pw)
			extra["repeat"] = func(k, v *yaml.Node) {
				if b, ok := p.boolean(v, pw+" repeat"); ok {
					pm.Repeat = set(b, p.pos(k))
				}
			}
			extra["inherit"] = func(k, v *yaml.Node) {
				if b, ok := p.boolean(v, pw+" inherit"); ok {
					pm.Inherit = set(b, p.pos(k))
				}
			}
			p.field(opts, pw, &pm.Field, extra)
			pm.stampBasis()
		}
		out = append(out, pm)
	})
	return out
}

// presenceKeys read a parameter's `required` and `forbidden` properties.
func (p *parser) presenceKeys(pm *Param, what string) map[string]func(k, v *yaml.Node) {
	flag := func(dst *Opt[bool], key string) func(k, v *yaml.Node) {
		return func(k, v *yaml.Node) {
			if b, ok := p.boolean(v, what+" "+key); ok {
				*dst = set(b, p.pos(k))
			}
		}
	}
	discouraged := func(k, v *yaml.Node) {
		if v.Kind != yaml.MappingNode {
			flag(&pm.Discouraged, "discouraged")(k, v)
			return
		}
		// discouraged: {message: code}
		p.props(v, what+" discouraged", []string{"message"}, func(_ string, mk, mv *yaml.Node) {
			if s, ok := p.str(mv, what+" discouraged message"); ok && p.name(mv, what+" discouraged message", s) {
				pm.Discouraged = set(true, p.pos(k))
				pm.DiscouragedMessage = set(s, p.pos(mk))
			}
		})
	}
	return map[string]func(k, v *yaml.Node){
		"required":    flag(&pm.Required, "required"),
		"forbidden":   flag(&pm.Forbidden, "forbidden"),
		"discouraged": discouraged,
	}
}

var (
	overlayKeys     = []string{"doc", "fields", "attrs", "when"}
	overlayRoleKeys = []string{"doc", "fields", "attrs", "when", "roles"}
	tldKeys         = []string{"doc", "fields", "attrs", "when", "roles", "product-key", "contact-set"}
	conditionalKeys = []string{"if", "doc", "fields", "attrs", "when"}
	conditionKeys   = []string{"attr", "param", "is", "is-not", "in", "not-in"}
)

// overlay reads doc, fields, attrs, when and, where withRoles, roles; it
// returns the role overlays. extra handles keys beyond those (a TLD's).
func (p *parser) overlay(k, v *yaml.Node, what string, o *Overlay, withRoles bool, extra ...func(key string, k, v *yaml.Node) bool) []*RoleOverlay {
	o.Pos = p.pos(k)
	// Each overlay (a role's within a type's too) has its own count.
	count, over := p.whenCount, p.whenOver
	p.whenCount, p.whenOver = 0, false
	defer func() { p.whenCount, p.whenOver = count, over }()
	keys := overlayKeys
	if withRoles {
		keys = overlayRoleKeys
	}
	if len(extra) > 0 {
		keys = tldKeys
	}
	var roleOverlays []*RoleOverlay
	p.props(v, what, keys, func(key string, k, v *yaml.Node) {
		for _, x := range extra {
			if x(key, k, v) {
				return
			}
		}
		switch key {
		case "doc", "fields", "attrs", "when":
			p.overlayKey(o, what, key, k, v)
		case "roles":
			p.mapping(v, what+" roles", func(role string, k, v *yaml.Node) {
				if !slices.Contains(roles, role) {
					p.unknown(k, "bad-value", what+" roles", role, roles)
					return
				}
				r := &RoleOverlay{Role: role}
				p.overlay(k, v, what+" role "+role, &r.Overlay, false)
				roleOverlays = append(roleOverlays, r)
			})
		}
	})
	return roleOverlays
}

// overlayKey reads what every overlay has: doc, fields, attrs and when.
func (p *parser) overlayKey(o *Overlay, what, key string, k, v *yaml.Node) {
	switch key {
	case "attrs":
		o.Attrs = p.overlayFields(v, what+" attrs", true)
	case "doc":
		if s, ok := p.text(v, what+" doc"); ok {
			o.Doc = set(s, p.pos(k))
		}
	case "fields":
		o.Fields = p.overlayFields(v, what, false)
	case "when":
		if p.whenDepth >= MaxWhenDepth {
			p.diags.Errorf(p.pos(k), "too-complex", "%s: conditions nest more than %d deep", what, MaxWhenDepth)
			return
		}
		p.whenDepth++
		defer func() { p.whenDepth-- }()
		p.sequence(v, what+" when", func(item *yaml.Node) {
			if p.whenCount >= MaxWhens {
				if !p.whenOver {
					p.diags.Errorf(p.pos(item), "too-complex", "%s: more than %d conditional overlays in one overlay", what, MaxWhens)
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
}

// overlayFields reads an overlay's fields, or its attrs (which may also
// name aliases: other names clients send for the attribute).
func (p *parser) overlayFields(v *yaml.Node, what string, attrs bool) []*Param {
	var out []*Param
	p.mapping(v, what+" fields", func(param string, k, v *yaml.Node) {
		if !p.name(k, what+" field", param) {
			return
		}
		pm := &Param{Field: Field{Param: param, Pos: p.pos(k)}}
		fw := what + " field " + param
		extra := p.presenceKeys(pm, fw)
		if attrs {
			extra["aliases"] = func(k, v *yaml.Node) {
				names, ok := p.strings(v, fw+" aliases")
				for _, n := range names {
					ok = ok && p.name(v, fw+" aliases", n)
				}
				if ok {
					pm.Aliases = set(names, p.pos(k))
				}
			}
		}
		p.field(v, fw, &pm.Field, extra)
		pm.stampBasis()
		out = append(out, pm)
	})
	return out
}

func (p *parser) conditional(n *yaml.Node, what string) *Conditional {
	c := &Conditional{}
	c.Pos = p.pos(n)
	hasIf, goodIf := false, false
	p.props(n, what, conditionalKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "if":
			hasIf = true
			goodIf = p.condition(k, v, what+" if", &c.If)
		default:
			p.overlayKey(&c.Overlay, what, key, k, v)
		}
	})
	if n.Kind != yaml.MappingNode {
		return nil
	}
	if !hasIf {
		p.diags.Errorf(c.Pos, "missing-key", "%s: `if` is required", what)
	}
	if !goodIf {
		return nil
	}
	return c
}

func (p *parser) condition(k, v *yaml.Node, what string, c *Condition) bool {
	c.Pos = p.pos(k)
	good := true
	p.props(v, what, conditionKeys, func(key string, k, v *yaml.Node) {
		var ok bool
		switch key {
		case "attr":
			c.Attr, ok = p.text(v, what+" attr")
		case "param":
			c.Param, ok = p.text(v, what+" param")
		case "is":
			c.Is, ok = p.strings(v, what+" is")
		case "is-not":
			c.IsNot, ok = p.strings(v, what+" is-not")
		case "in":
			c.In, ok = p.text(v, what+" in")
		case "not-in":
			c.NotIn, ok = p.text(v, what+" not-in")
		}
		good = good && ok
	})
	if v.Kind != yaml.MappingNode || !good {
		return false
	}
	if (c.Attr == "") == (c.Param == "") {
		p.diags.Errorf(c.Pos, "bad-value", "%s: name one attr or one param", what)
		return false
	}
	tests := 0
	for _, given := range []bool{c.Is != nil, c.IsNot != nil, c.In != "", c.NotIn != ""} {
		if given {
			tests++
		}
	}
	if tests != 1 {
		p.diags.Errorf(c.Pos, "bad-value", "%s: give one of is, is-not, in or not-in", what)
		return false
	}
	return true
}

// setRules reads a TLD's rules on a whole contact set.
func (p *parser) setRules(v *yaml.Node, what string) []SetRule {
	var out []SetRule
	p.props(v, what, []string{"one-has"}, func(key string, k, v *yaml.Node) {
		if attrs, ok := p.strings(v, what+" "+key); ok {
			out = append(out, SetRule{OneHas: attrs, Pos: p.pos(k)})
		}
	})
	return out
}

var listKeys = []string{"doc", "items", "include"}
var itemKeys = []string{"value", "code", "class", "aliases"}

func (p *parser) list(name string, k, v *yaml.Node) *List {
	l := &List{Name: name, Pos: p.pos(k)}
	what := "list " + name
	seen := map[string]Pos{}
	nodes := 0 // items written, valid or not
	p.props(v, what, listKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "doc":
			if s, ok := p.text(v, what+" doc"); ok {
				l.Doc = set(s, p.pos(k))
			}
		case "include":
			p.sequence(v, what+" include", func(item *yaml.Node) {
				if s, ok := p.str(item, what+" include"); ok && p.name(item, what+" include", s) {
					l.Include = append(l.Include, set(s, p.pos(item)))
				}
			})
		case "items":
			p.sequence(v, what+" items", func(item *yaml.Node) {
				nodes++
				it := ListItem{Pos: p.pos(item)}
				if item.Kind == yaml.ScalarNode {
					s, ok := p.text(item, what+" item")
					if !ok {
						return
					}
					it.Value = s
				} else {
					p.props(item, what+" item", itemKeys, func(key string, k, v *yaml.Node) {
						switch key {
						case "value":
							it.Value, _ = p.text(v, what+" item value")
						case "code":
							it.Code, _ = p.text(v, what+" item code")
						case "class":
							it.Class, _ = p.text(v, what+" item class")
						case "aliases":
							it.Aliases, _ = p.strings(v, what+" item aliases")
						}
					})
					if item.Kind == yaml.MappingNode && it.Value == "" {
						p.diags.Errorf(it.Pos, "missing-key", "%s item: `value` is required", what)
						return
					}
				}
				if prev, dup := seen[it.Value]; dup {
					p.diags.Errorf(it.Pos, "duplicate", "%s: %q is already listed at %s", what, it.Value, prev)
					return
				}
				seen[it.Value] = it.Pos
				if it.Value != "" {
					l.Items = append(l.Items, it)
				}
			})
		}
	})
	if v.Kind == yaml.MappingNode && len(l.Items) == 0 && nodes == 0 && len(l.Include) == 0 {
		p.diags.Errorf(l.Pos, "bad-value", "%s: no items", what)
	}
	return l
}
