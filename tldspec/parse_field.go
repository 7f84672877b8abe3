package tldspec

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// Fields and parameters: a field's properties are declared in
// fieldprops.go; here, what a parameter adds (presence) and where each
// kind of field is written.

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
		presenceWithMessage("discouraged", func(pm *Param) *Opt[bool] { return &pm.Discouraged }, discouragedMessage),
		presenceWithMessage("recommended", func(pm *Param) *Opt[bool] { return &pm.Recommended }, recommendedMessage),
	}
}

func discouragedMessage(pm *Param) *Opt[string] { return &pm.DiscouragedMessage }
func recommendedMessage(pm *Param) *Opt[string] { return &pm.RecommendedMessage }

// presenceWithMessage is a presence written true, or as a mapping with its
// message (recommended: {message: code}), which sets it.
func presenceWithMessage(name string, flag func(*Param) *Opt[bool], msg func(*Param) *Opt[string]) prop[Param] {
	return prop[Param]{name, func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
		if v.Kind != yaml.MappingNode {
			return p.boolProp(flag(pm), what+" "+name, k, v)
		}
		_, ok := readProps(p, v, what+" "+name, presenceMessageProps(msg), pm)
		if ok && msg(pm).Set {
			*flag(pm) = set(true, p.pos(k))
		}
		return ok
	}}
}

// presenceMessageProps are the keys of a presence written as a mapping.
func presenceMessageProps(msg func(*Param) *Opt[string]) []prop[Param] {
	return []prop[Param]{
		{"message", func(p *parser, pm *Param, what string, k, v *yaml.Node) bool {
			return p.nameProp(msg(pm), what+" message", k, v)
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
