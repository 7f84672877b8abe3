package tldspec

import (
	"go.yaml.in/yaml/v3"
)

// Overlays: contact types, TLDs, roles and conditional overlays (when),
// and a TLD's contact-set rules.

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
