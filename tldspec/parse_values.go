package tldspec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint/internal/text/suggest"
)

// The readers of a rule file's scalar values (names, texts, counts,
// booleans, choices, ranges): each reports a value of the wrong kind as a
// diagnostic at its place and says whether it read one.

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
