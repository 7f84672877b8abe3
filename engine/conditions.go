package engine

import (
	"slices"
	"strings"

	"github.com/contactlint/contactlint/tldspec"
)

// Conditional overlays (an .ES contact whose es_form_juridica is 1 must
// not pass a company) are flattened at compile time into a rule set's
// conditions; each field they refine gets one variant of its rules for
// every combination of them, and Check evaluates the conditions once per
// request and picks the variant.

// fieldSlot is one parameter's rules in a set: variants[m] applies when
// the conditions conds[j] with bit j of m set hold.
type fieldSlot struct {
	conds    []uint8
	variants []fieldRules
	declared bool // an attribute some overlay of the stack declares
}

// condition is a flattened conditional overlay: all of its tests (its own
// and its enclosing conditionals') must hold.
type condition struct {
	tests         []condTest
	fields, attrs []*tldspec.Param
	name          string
	pos           tldspec.Pos
}

type condTest struct {
	attr      string
	slot      int  // the parameter's or attribute's slot; -1 if the command lacks it
	upper     bool // a country code: compared upper-cased (ru is RU)
	is, isNot []string
	in, notIn *listIndex
}

// maxCondsPerField bounds the variants of one field (2^n).
const maxCondsPerField = 6

func (t *condTest) holds(st *state) bool {
	// An attribute's slot holds what bind read: the value of the
	// lowest-numbered pair that names it with a value.
	var v string
	switch {
	case t.slot >= 0 && st.count[t.slot] > 0:
		v = st.val[t.slot]
	case t.slot < 0 && t.attr != "":
		v = st.undeclaredAttr(t.attr)
	}
	if t.upper {
		v = upperASCII(v)
	}
	switch {
	case t.is != nil:
		return slices.Contains(t.is, v) // "" in is: not given
	case v == "":
		return false
	case t.isNot != nil:
		return !slices.Contains(t.isNot, v)
	case t.in != nil:
		_, ok := t.in.exact[v]
		return ok
	}
	_, ok := t.notIn.exact[v]
	return !ok
}

// mask evaluates the set's conditions.
func (rs *ruleSet) mask(st *state) uint64 {
	var m uint64
	for i := range rs.conds {
		c := &rs.conds[i]
		all := true
		for j := range c.tests {
			if !c.tests[j].holds(st) {
				all = false
				break
			}
		}
		if all {
			m |= 1 << i
		}
	}
	return m
}

// rules picks the field's variant for the conditions that hold.
func (fs *fieldSlot) rules(mask uint64) *fieldRules {
	local := 0
	for j, ci := range fs.conds {
		if mask&(1<<ci) != 0 {
			local |= 1 << j
		}
	}
	return &fs.variants[local]
}

// stackConditions flattens the conditional overlays of every layer of a
// stack, in order, into rs.conds; a mask holds at most 64 of them.
func (c *compiler) stackConditions(rs *ruleSet, cmd *command, stack []layer) {
	for _, l := range stack {
		for _, w := range l.o.When {
			c.flatten(rs, cmd, w, nil, l.name())
		}
	}
	if len(rs.conds) > 64 {
		c.diags.Errorf(rs.conds[64].pos, tldspec.DiagTooComplex, "more than 64 conditional overlays apply together")
		rs.conds = rs.conds[:64]
	}
}

// variants gives fs one compiled variant of spec for each combination of
// the set's conditions that refine the slot.
func (c *compiler) variants(fs *fieldSlot, cmd *command, rs *ruleSet, slot int, spec fieldSpec) {
	info := cmd.params[slot]
	refines := func(cond *condition) []*tldspec.Param {
		return overlaysOf(info.attr, cond.fields, cond.attrs)
	}
	for i := range rs.conds {
		cond := &rs.conds[i]
		if !slices.ContainsFunc(refines(cond), func(f *tldspec.Param) bool { return f.Param == info.name }) {
			continue
		}
		if len(fs.conds) == maxCondsPerField {
			c.diags.Errorf(cond.pos, tldspec.DiagTooComplex, "more than %d conditions refine %s together", maxCondsPerField, info.name)
			break
		}
		fs.conds = append(fs.conds, uint8(i))
		fs.declared = true
	}
	fs.variants = make([]fieldRules, 1<<len(fs.conds))
	for m := range fs.variants {
		v := spec
		for j, ci := range fs.conds {
			if m&(1<<j) == 0 {
				continue
			}
			for _, over := range refines(&rs.conds[ci]) {
				if over.Param == info.name {
					v = v.apply(over, c.entryID(over))
				}
			}
		}
		fs.variants[m] = c.cachedRules(cmd, slot, v)
	}
}

// flatten turns a conditional overlay (and those nested in it) into
// conditions whose tests include their parents'.
func (c *compiler) flatten(rs *ruleSet, cmd *command, w *tldspec.Conditional, parent []condTest, where string) {
	t := condTest{attr: w.If.Attr, slot: -1, is: w.If.Is, isNot: w.If.IsNot}
	subject := "attribute " + w.If.Attr
	if w.If.Param != "" {
		subject = w.If.Param
		if slot, ok := cmd.slotIx.lookup(w.If.Param); ok {
			t.slot = slot
			t.upper = hasCountryCheck(c.fieldOf(c.paramSpec(cmd, slot)))
		}
	} else {
		t.upper = c.countryAttr(w.If.Attr)
		if slot, ok := cmd.attrIx.lookup(w.If.Attr); ok {
			t.slot = slot
		}
	}
	name := where + ": when " + subject
	switch {
	case t.is != nil:
		var shown []string
		for _, v := range t.is {
			if v == "" {
				v = "not given"
			}
			shown = append(shown, v)
		}
		name += " is " + strings.Join(shown, " or ")
	case t.isNot != nil:
		name += " is given and not " + strings.Join(t.isNot, " or ")
	case w.If.In != "":
		t.in = c.listIndex(w.If.In)
		name += " is in list " + w.If.In
	default:
		t.notIn = c.listIndex(w.If.NotIn)
		name += " is given and not in list " + w.If.NotIn
	}
	tests := append(slices.Clip(parent), t)
	rs.conds = append(rs.conds, condition{tests: tests, fields: w.Fields, attrs: w.Attrs, name: name, pos: w.Pos})
	for _, inner := range w.When {
		c.flatten(rs, cmd, inner, tests, name)
	}
}
