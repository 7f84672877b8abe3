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

	"github.com/contactlint/contactlint/internal/text/suggest"
)

// MaxFileSize is the largest rule file read: rule files are small, and a
// larger one is more likely an accident or an attack than a rule set.
const MaxFileSize = 1 << 20

// Version is the rule-file format version this package reads.
const Version = 1

// File is one parsed rule file, before merging.
type File struct {
	Name string
	Sections
}

// Sections are what a rule file declares, section by section; a Spec holds
// the same sections merged.
type Sections struct {
	Messages []*Message
	Auth     *Auth
	Fields   []*Field
	Commands []*Command
	Types    []*ContactType
	TLDs     []*TLD
	Lists    []*List
	// Severities set the severity of rules by code (an overlay's way to
	// lower a rule; see SeverityRule); in a Spec, a later source's entry
	// replaces an earlier's.
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
