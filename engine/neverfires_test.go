package engine

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A rule after an error rule that takes a few values, all of which pass
// it, never fires, and says why; one that some of them fail, or that
// reads other parameters, may.
func TestNeverFires(t *testing.T) {
	e := compileFiles(t, map[string]string{"n.yaml": `version: 1
fields:
  country: {checks: [country]}
  v: {one-of: [GB, IM], checks: [country, {param-value: {param: country, is: [GB]}}]}
  w: {one-of: [XK], checks: [country]}
  form: {one-of: ["1"], pattern: '[0-9]+', digits: {min: 2, max: 3}}
commands:
  t/cmd:
    params: [v, w, form, country]
`})
	x, err := e.Explain(Query{Command: "t/cmd"})
	assert.NoError(t, err)
	dead := map[string][]string{}
	for _, p := range x.Params {
		for _, r := range p.Rules {
			if r.NeverFires != "" {
				dead[p.Param] = append(dead[p.Param], r.Code)
			}
		}
	}
	assert.Equal(t, []string{"country-reserved", "country"}, dead["v"], "GB and IM, in any case, are assigned codes; the lower-case warning and param-value may fire")
	assert.Equal(t, []string{"country"}, dead["w"], "XK, reserved, makes the reserved warning fire, and xk the case warning")
	assert.Equal(t, []string{"pattern"}, dead["form"], "digits runs before one-of; the pattern after it passes 1")
	for _, p := range x.Params {
		if p.Param == "v" {
			i := slices.IndexFunc(p.Rules, func(r RuleInfo) bool { return r.Code == CodeCountry })
			assert.Contains(t, p.Rules[i].NeverFires, "one of GB, IM (one-of, error)")
		}
	}
	assert.Contains(t, x.Text(), "(never fires: every value one of GB, IM (one-of, error) takes passes it)")
}

// The embedded rules' rules that never fire, by command, parameter, code
// and position: a rule file change that adds or removes one shows here.
func TestNeverFiresEmbedded(t *testing.T) {
	e := embeddedEngine(t, Options{})
	var dead []string
	for _, name := range e.names {
		cmd := e.commands[name]
		for _, ls := range cmd.sets {
			rs := ls.get()
			for i := range rs.fields {
				for _, v := range rs.fields[i].variants {
					for _, r := range v.rules {
						if k := name + " " + v.param + " " + r.code + " " + r.pos.String(); r.neverFires != "" && !slices.Contains(dead, k) {
							dead = append(dead, k)
						}
					}
				}
			}
		}
	}
	slices.Sort(dead)
	assert.Equal(t, []string{
		"contacts/add country country rules/fields.yaml:55:14",
		"contacts/add country country-reserved rules/fields.yaml:55:14",
		"contacts/add countryOfCitizenship country rules/tld-eu.yaml:19:18",
		"contacts/add countryOfCitizenship country-reserved rules/tld-eu.yaml:19:18",
		"contacts/add es_form_juridica in-list rules/tld-es.yaml:12:61",
		"contacts/add type in-list rules/commands.yaml:23:32",
		"contacts/default type in-list rules/commands.yaml:135:46",
		"contacts/modify country country rules/fields.yaml:55:14",
		"contacts/modify country country-reserved rules/fields.yaml:55:14",
		"contacts/search type in-list rules/commands.yaml:152:16",
		"contacts/set-details countryOfCitizenship country rules/tld-eu.yaml:19:18",
		"contacts/set-details countryOfCitizenship country-reserved rules/tld-eu.yaml:19:18",
		"contacts/set-details es_form_juridica in-list rules/tld-es.yaml:12:61",
	}, dead)
}
