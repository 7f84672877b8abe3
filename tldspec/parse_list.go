package tldspec

import (
	"go.yaml.in/yaml/v3"
)

// Lists: data that checks and in-list refer to (provinces, legal forms).

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
