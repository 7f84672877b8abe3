package input

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/internal/suggest"
)

// Columns maps a CSV header's names to API parameters: a rename
// (zipcode=postcode: the postcode column is the zipcode parameter), a
// join (name=firstname+lastname: the cells joined by a space), or a
// panel's export preset by name. A panel's export is also recognised by
// its header alone (Presets). Names compare without case.
type Columns struct {
	rules  []columnRule
	preset *Preset // named, or nil to recognise one by the header
	none   bool    // "-columns none": the header as it is, no preset
}

type columnRule struct {
	param string
	from  []string // one column: a rename; more: a join
	// optional: a preset's column an export may leave out (its rule is
	// then skipped); an operator's rule names columns that must be there.
	optional bool
}

// ParseColumns reads -columns values: "param=column", "param=a+b", a
// preset's name (whmcs, blesta, fossbilling), or none (no preset, not
// even recognised).
func ParseColumns(specs []string) (*Columns, error) {
	c := &Columns{}
	for _, s := range specs {
		for spec := range strings.SplitSeq(s, ",") {
			spec = strings.TrimSpace(spec)
			if spec == "" {
				continue
			}
			param, from, ok := strings.Cut(spec, "=")
			if !ok {
				if strings.EqualFold(spec, "none") {
					c.none = true
					continue
				}
				p := presetNamed(spec)
				if p == nil {
					return nil, fmt.Errorf("-columns %q: not param=column, param=a+b or a preset (%s)%s", spec, strings.Join(presetNames(), ", "), suggest.Hint(spec, presetNames()))
				}
				c.preset = p
				continue
			}
			param = strings.TrimSpace(param)
			cols := strings.Split(from, "+")
			for i := range cols {
				cols[i] = strings.TrimSpace(cols[i])
				if cols[i] == "" {
					return nil, fmt.Errorf("-columns %q: an empty column name", spec)
				}
			}
			if param == "" {
				return nil, fmt.Errorf("-columns %q: no parameter before =", spec)
			}
			c.rules = append(c.rules, columnRule{param: param, from: cols})
		}
	}
	return c, nil
}

// headerMap is what each column of a header fills: a parameter (params[i],
// "" for none), and the joins.
type headerMap struct {
	params []string
	joins  []join
	preset string // the preset applied, if any
}

type join struct {
	param string
	cols  []int
}

// mapHeader maps a header's names: a preset's rules first (the named one,
// or the one the header is recognised as), then the explicit rules over
// them. Without either, each column is the parameter it names.
func (c *Columns) mapHeader(names []string) (headerMap, error) {
	m := headerMap{params: slices.Clone(names)}
	var rules []columnRule
	preset := (*Preset)(nil)
	switch {
	case c != nil && c.preset != nil:
		preset = c.preset
	case c == nil || !c.none:
		preset = recognise(names)
	}
	if preset != nil {
		m.preset = preset.Name
		// A panel's columns the preset does not map are the panel's own
		// (ids, dates, statuses): not parameters.
		for i := range m.params {
			m.params[i] = ""
		}
		rules = append(rules, preset.Rules...)
	}
	if c != nil {
		rules = append(rules, c.rules...)
	}
	col := func(name string) int {
		return slices.IndexFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
	}
	for _, r := range rules {
		// A rule over what an earlier one (a preset's) set for the same
		// parameter replaces it.
		for i := range m.params {
			if m.params[i] == r.param {
				m.params[i] = ""
			}
		}
		m.joins = slices.DeleteFunc(m.joins, func(j join) bool { return j.param == r.param })
		var at []int
		for _, f := range r.from {
			i := col(f)
			if i < 0 {
				if r.optional {
					at = nil // not in this export
					break
				}
				return m, fmt.Errorf("-columns %s=%s: the header has no column %q%s", r.param, strings.Join(r.from, "+"), f, suggest.Hint(f, names))
			}
			at = append(at, i)
		}
		switch len(at) {
		case 0:
		case 1:
			m.params[at[0]] = r.param
		default:
			m.joins = append(m.joins, join{r.param, at})
			for _, i := range at {
				m.params[i] = "" // the parts are the join's, not parameters
			}
		}
	}
	return m, nil
}
