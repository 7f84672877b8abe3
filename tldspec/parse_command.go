package tldspec

import (
	"go.yaml.in/yaml/v3"
)

// Commands: an API call's keys and its parameters in the spec's order.

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
