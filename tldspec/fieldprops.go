package tldspec

import (
	"regexp"
	"sync"

	"go.yaml.in/yaml/v3"
)

// A field property is declared once, here: its key in a rule file, how
// its value is read, where it lives in a Field, whether it is a rule
// (stamped with its entry's basis; compiled into rules by the engine),
// and an example value. Reading a field, merging an overlay's field over
// another and stamping an entry's basis all come from this table, so a
// property cannot be read and then forgotten by one of them
// (TestFieldProps holds every property of Field to it).
type fieldProp struct {
	prop[Field]
	merge func(dst, src *Field)
	// stamp gives the property the entry's basis; nil for a property
	// that is no rule (a key, a label, a doc).
	stamp func(f *Field, b Basis)
	// example is a value the property takes, for tests and docs.
	example string
}

// optProp declares a property held in an Opt of Field.
func optProp[V any](key string, rule bool, example string, at func(*Field) *Opt[V], read func(p *parser, fd *Field, what string, k, v *yaml.Node) bool) fieldProp {
	fp := fieldProp{prop: prop[Field]{key, read}, example: example}
	fp.merge = func(dst, src *Field) { mergeOpt(at(dst), *at(src)) }
	if rule {
		fp.stamp = func(f *Field, b Basis) { stamp(at(f), b) }
	}
	return fp
}

// fieldTable is the table, built on first use and never changed after.
var fieldTable = sync.OnceValue(func() []fieldProp {
	return []fieldProp{
		optProp("key", false, "zip", func(f *Field) *Opt[string] { return &f.Key }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.nameProp(&fd.Key, what+" key", k, v)
		}),
		optProp("label", false, "Postal Code", func(f *Field) *Opt[string] { return &f.Label }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.textProp(&fd.Label, what+" label", k, v)
		}),
		optProp("doc", false, "The postal code.", func(f *Field) *Opt[string] { return &f.Doc }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.textProp(&fd.Doc, what+" doc", k, v)
		}),
		optProp("type", true, "integer", func(f *Field) *Opt[string] { return &f.Type }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			s, ok := p.enum(v, what+" type", fieldTypes)
			if ok {
				fd.Type = set(s, p.pos(k))
			}
			return ok
		}),
		optProp("min-length", true, "2", func(f *Field) *Opt[int] { return &f.MinLength }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			n, ok := p.count(v, what+" min-length")
			if ok {
				fd.MinLength = set(n, p.pos(k))
			}
			return ok
		}),
		optProp("max-length", true, "64", func(f *Field) *Opt[int] { return &f.MaxLength }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			n, ok := p.count(v, what+" max-length")
			if ok && n == 0 {
				p.diags.Errorf(p.pos(v), DiagBadRange, "%s max-length: must be at least 1", what)
				return false
			}
			if ok {
				fd.MaxLength = set(n, p.pos(k))
			}
			return ok
		}),
		optProp("min-words", true, "2", func(f *Field) *Opt[int] { return &f.MinWords }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			n, ok := p.count(v, what+" min-words")
			if ok {
				fd.MinWords = set(n, p.pos(k))
			}
			return ok
		}),
		optProp("digits", true, "{min: 4, max: 12}", func(f *Field) *Opt[Range] { return &f.Digits }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			r, ok := p.rangeOf(v, what+" digits")
			if ok {
				fd.Digits = set(r, p.pos(k))
			}
			return ok
		}),
		optProp("one-of", true, "[ORG, PRS]", func(f *Field) *Opt[[]string] { return &f.OneOf }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			vals, ok := p.strings(v, what+" one-of")
			if ok {
				fd.OneOf = set(vals, p.pos(k))
			}
			return ok
		}),
		optProp("in-list", true, "es-provinces", func(f *Field) *Opt[string] { return &f.InList }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.nameProp(&fd.InList, what+" in-list", k, v)
		}),
		optProp("pattern", true, "'[A-Z]{2}[0-9]{4}'", func(f *Field) *Opt[Pattern] { return &f.Pattern }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			s, ok := p.text(v, what+" pattern")
			if !ok {
				return false
			}
			re, err := regexp.Compile(`^(?:` + s + `)$`)
			if err != nil {
				p.diags.Errorf(p.pos(v), DiagBadRegex, "%s pattern: %v", what, err)
				return false
			}
			fd.Pattern = set(Pattern{Source: s, Re: re}, p.pos(k))
			return true
		}),
		optProp("tag", true, "alphanum", func(f *Field) *Opt[string] { return &f.Tag }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.textProp(&fd.Tag, what+" tag", k, v)
		}),
		optProp("message", false, "invalid", func(f *Field) *Opt[string] { return &f.Message }, func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
			return p.nameProp(&fd.Message, what+" message", k, v)
		}),
		{
			prop: prop[Field]{"checks", func(p *parser, fd *Field, what string, _, v *yaml.Node) bool {
				fd.Checks = p.checks(v, what)
				return true
			}},
			merge:   mergeChecks,
			stamp:   stampChecks,
			example: "[email]",
		},
		{
			// basis says why the entry's rules hold; it is stamped on
			// them, not merged: an overlay's basis is its own rules'.
			prop: prop[Field]{"basis", func(p *parser, fd *Field, what string, k, v *yaml.Node) bool {
				b, ok := p.basis(v, what+" basis")
				if ok {
					fd.Basis = set(b, p.pos(k))
				}
				return ok
			}},
			example: "observed",
		},
	}
})

// fieldProps are the readers of a field's properties, wherever a field is
// written (a global field, a command's parameter, an overlay's field or
// attribute).
func fieldProps() []prop[Field] {
	table := fieldTable()
	out := make([]prop[Field], len(table))
	for i, fp := range table {
		out[i] = fp.prop
	}
	return out
}

// Merge returns f with the properties over sets replaced. A check in over
// replaces f's check with the same Key; other checks are added after f's.
func (f *Field) Merge(over *Field) *Field {
	m := *f
	if over == nil {
		return &m
	}
	for _, fp := range fieldTable() {
		if fp.merge != nil {
			fp.merge(&m, over)
		}
	}
	return &m
}

// mergeChecks lays over's checks over dst's: one with the same Key
// replaces it, the others come after.
func mergeChecks(dst, over *Field) {
	checks := append([]Check(nil), dst.Checks...)
	for _, c := range over.Checks {
		replaced := false
		for i := range checks {
			if checks[i].Key() == c.Key() {
				checks[i], replaced = c, true
			}
		}
		if !replaced {
			checks = append(checks, c)
		}
	}
	dst.Checks = checks
}

// stampBasis gives the entry's basis to every rule property it sets and
// to its checks that give none of their own.
func (f *Field) stampBasis() {
	if !f.Basis.Set {
		return
	}
	for _, fp := range fieldTable() {
		if fp.stamp != nil {
			fp.stamp(f, f.Basis.V)
		}
	}
}

func stampChecks(f *Field, b Basis) {
	for i := range f.Checks {
		if c := &f.Checks[i]; !c.Basis.Set {
			c.Basis = Opt[Basis]{V: b, Pos: f.Basis.Pos, Set: true}
		}
	}
}

// stampBasis also stamps the parameter's presence.
func (p *Param) stampBasis() {
	p.Field.stampBasis()
	if p.Basis.Set {
		stamp(&p.Required, p.Basis.V)
		stamp(&p.Forbidden, p.Basis.V)
		stamp(&p.Discouraged, p.Basis.V)
		stamp(&p.Recommended, p.Basis.V)
	}
}
