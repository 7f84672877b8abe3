package input

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/text/suggest"
)

// Columns maps a CSV header's names to API parameters: a rename
// (zipcode=postcode: the postcode column is the zipcode parameter), a
// join (name=firstname+lastname: the cells joined by a space), a value
// every row lacks (customer-id="12345"), or a panel's export preset by
// name. A panel's export is also recognised by its header alone
// (presets). Column names compare without case.
type Columns struct {
	rules  []columnRule
	preset *Preset // named, or nil to recognise one by the header
	none   bool    // "-columns none": the header as it is, no preset
}

// columnRule fills one parameter.
type columnRule struct {
	param string
	// alts are the columns it is read from, the first set the header has
	// all of: one column is a rename, several a join. An operator's rule
	// has one set, which must be there; a preset's may have several (a
	// panel's labels, its raw names), or none present (the rule is then
	// skipped: the export left that column out).
	alts     [][]string
	optional bool
	// value, when set, is the parameter's value in every row.
	value    string
	constant bool
	// ccParam, when set, is where the calling code of a number written
	// "+CC.NNNN" (how WHMCS and EPP store phones) goes; the rest is the
	// parameter's.
	ccParam string
}

// ParseColumns reads -columns values: "param=column", "param=a+b",
// `param="value"`, a preset's name (whmcs, blesta, fossbilling), or none
// (no preset, not even recognised by the header).
func ParseColumns(specs []string) (*Columns, error) {
	c := &Columns{}
	for _, spec := range specs {
		spec = strings.TrimSpace(spec)
		param, from, ok := strings.Cut(spec, "=")
		param = strings.TrimSpace(param)
		switch {
		case spec == "":
			continue
		case !ok && strings.EqualFold(spec, "none"):
			c.none = true
			continue
		case !ok:
			p := presetNamed(spec)
			if p == nil {
				return nil, fmt.Errorf("-columns %q: not param=column, param=a+b, param=\"value\", none or a preset (%s)%s", spec, strings.Join(presetNames(), ", "), suggest.Hint(spec, presetNames()))
			}
			c.preset = p
			continue
		case param == "":
			return nil, fmt.Errorf("-columns %q: no parameter before =", spec)
		}
		from = strings.TrimSpace(from)
		if len(from) >= 2 && from[0] == '"' && from[len(from)-1] == '"' {
			c.rules = append(c.rules, columnRule{param: param, value: from[1 : len(from)-1], constant: true})
			continue
		}
		cols := strings.Split(from, "+")
		for i := range cols {
			if cols[i] = strings.TrimSpace(cols[i]); cols[i] == "" {
				return nil, fmt.Errorf("-columns %q: an empty column name", spec)
			}
		}
		c.rules = append(c.rules, columnRule{param: param, alts: [][]string{cols}})
	}
	return c, nil
}

// headerMap is what each column of a header fills: a parameter (params[i],
// "" for none), the joins, the constants and the phone splits.
type headerMap struct {
	params    []string
	joins     []join
	constants []engine.Param
	splits    map[int]string // column → the calling code's parameter
	preset    *Preset
}

type join struct {
	param string
	cols  []int
}

// mapHeader maps a header's names: a preset's rules first (the named one,
// or the one the header is recognised as), then the explicit rules over
// them. Without either, each column is the parameter it names.
func (c *Columns) mapHeader(names []string) (headerMap, error) {
	m := headerMap{params: slices.Clone(names), splits: map[int]string{}}
	var rules []columnRule
	switch {
	case c != nil && c.preset != nil:
		m.preset = c.preset
	case c == nil || !c.none:
		m.preset = recognise(names)
	}
	if m.preset != nil {
		// A panel's columns the preset does not map are the panel's own
		// (ids, dates, statuses): not parameters.
		clear(m.params)
		rules = append(rules, m.preset.Rules...)
	}
	if c != nil {
		rules = append(rules, c.rules...)
	}
	for _, r := range rules {
		if err := m.apply(r, names); err != nil {
			return m, err
		}
	}
	return m, nil
}

// apply maps one rule: what an earlier rule (a preset's) set for the same
// parameter, it replaces.
func (m *headerMap) apply(r columnRule, names []string) error {
	for i := range m.params {
		if m.params[i] == r.param {
			m.params[i] = ""
			delete(m.splits, i)
		}
	}
	m.joins = slices.DeleteFunc(m.joins, func(j join) bool { return j.param == r.param })
	m.constants = slices.DeleteFunc(m.constants, func(p engine.Param) bool { return p.Name == r.param })
	if r.constant {
		m.constants = append(m.constants, engine.Param{Name: r.param, Value: r.value})
		return nil
	}
	col := func(name string) int {
		return slices.IndexFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
	}
	var at []int
	for _, alt := range r.alts {
		at = at[:0]
		for _, f := range alt {
			if i := col(f); i >= 0 {
				at = append(at, i)
			}
		}
		if len(at) == len(alt) {
			break
		}
		if !r.optional {
			missing := alt[slices.IndexFunc(alt, func(f string) bool { return col(f) < 0 })]
			return fmt.Errorf("-columns %s=%s: the header has no column %q%s", r.param, strings.Join(alt, "+"), missing, suggest.Hint(missing, names))
		}
		at = nil
	}
	switch len(at) {
	case 0: // a preset's column this export left out
	case 1:
		m.params[at[0]] = r.param
		if r.ccParam != "" {
			m.splits[at[0]] = r.ccParam
		}
	default:
		m.joins = append(m.joins, join{r.param, slices.Clone(at)})
		for _, i := range at {
			m.params[i] = "" // the parts are the join's, not parameters
		}
	}
	return nil
}

// splitEPP splits a number written with its calling code, +CC.NNNN (how
// WHMCS stores phones, as EPP does).
func splitEPP(v string) (cc, number string, ok bool) {
	code, rest, found := strings.Cut(strings.TrimSpace(v), ".")
	code, plus := strings.CutPrefix(code, "+")
	if !found || !plus || len(code) < 1 || len(code) > 3 || strings.Trim(code, "0123456789") != "" || rest == "" {
		return "", "", false
	}
	return code, rest, true
}

// request is a row's request: each named column's cell a parameter
// (command, tld, role and method fill the envelope), joined columns
// joined by a space, then the constants. An empty cell is not given; ""
// is given empty.
func (m headerMap) request(cells []csvCell) engine.Request {
	var req engine.Request
	for i, c := range cells {
		name, v := m.params[i], c.value
		if name == "" || v == "" && !c.quoted {
			continue
		}
		if m.preset != nil && m.preset.UnescapeFormula {
			v = unescapeFormula(v)
		}
		if cc, ok := m.splits[i]; ok {
			if code, number, ok := splitEPP(v); ok {
				req.Params = append(req.Params, engine.Param{Name: cc, Value: code})
				v = number
			}
		}
		if !setEnvelopeField(&req, name, v) {
			req.Params = append(req.Params, engine.Param{Name: name, Value: v})
		}
	}
	for _, j := range m.joins {
		var parts []string
		for _, col := range j.cols {
			if v := strings.TrimSpace(cells[col].value); v != "" {
				parts = append(parts, v)
			}
		}
		if len(parts) > 0 {
			req.Params = append(req.Params, engine.Param{Name: j.param, Value: strings.Join(parts, " ")})
		}
	}
	for _, p := range m.constants {
		if !setEnvelopeField(&req, p.Name, p.Value) {
			req.Params = append(req.Params, p)
		}
	}
	return req
}

// unescapeFormula undoes what a spreadsheet-safe export does to a cell
// that would start a formula: a quote before =, +, - or @.
func unescapeFormula(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.IndexByte("=+-@", v[1]) >= 0 {
		return v[1:]
	}
	return v
}
