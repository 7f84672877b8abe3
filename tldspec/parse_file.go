package tldspec

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A rule file's top level: its sections, the message catalogue and the
// authentication parameters.

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
