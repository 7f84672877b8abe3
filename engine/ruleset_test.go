package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const overlayRules = `version: 1
fields:
  company: {max-length: 50}
  name: {max-length: 30}
  country: {checks: [country]}
commands:
  t/add:
    contact-type: type
    attrs: true
    params:
      - name
      - company: {required: true}
      - country
      - type
types:
  Es:
    fields:
      company: {required: false}
    roles:
      admin:
        fields:
          company: {forbidden: true}
    when:
      - if: {attr: form, is: ["1"]}
        fields:
          company: {forbidden: true}
      - if: {attr: form, is-not: ["1"]}
        fields:
          company: {required: true}
        when:
          - if: {param: country, is: [ES]}
            fields:
              name: {max-length: 5}
tlds:
  xx:
    attrs:
      form: {}
    fields:
      name: {max-length: 10}
    roles:
      tech:
        fields:
          name: {forbidden: true}
`

func TestOverlayStacks(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": overlayRules})
	run := func(tld, role string, params ...string) []string {
		req := Request{Command: "t/add", TLDs: SplitTLDs(tld), Role: role}
		for _, kv := range params {
			name, val, _ := strings.Cut(kv, "=")
			req.Params = append(req.Params, Param{name, val})
		}
		return summary(e.Check(req))
	}
	long := "name=aaaaaaaaaaaaaaaaaaaa" // 20 characters
	assert.Empty(t, run("", "", long, "company=X", "type=Es"))
	assert.Empty(t, run("", "", long, "type=Es"), "Es makes company optional")
	assert.Equal(t, []string{"company required error"}, run("", "", long, "type=Other"))
	assert.Equal(t, []string{"company forbidden error"}, run("", "admin", long, "company=X", "type=Es"))
	assert.Empty(t, run("", "registrant", long, "company=X", "type=Es"))

	// Conditions on an attribute, and a nested one on a parameter. (No
	// TLD names the attribute's rules, hence attrs-unchecked.)
	unchecked := "tld attrs-unchecked warning"
	assert.Equal(t, []string{"company forbidden error", unchecked}, run("", "", long, "company=X", "type=Es", "attr-name1=form", "attr-value1=1"))
	assert.Equal(t, []string{"company param-required error", unchecked}, run("", "", long, "type=Es", "attr-name1=form", "attr-value1=612"),
		"required by a condition: a map entry, not the API's whole answer")
	assert.Equal(t, []string{unchecked}, run("", "", long, "company=X", "type=Es", "attr-name1=form", "attr-value1=612"))
	assert.Equal(t, []string{"name too-long error", unchecked}, run("", "", long, "company=X", "country=ES", "type=Es", "attr-name1=form", "attr-value1=612"),
		"the nested condition needs both")
	assert.Equal(t, []string{"name too-long error", "country country-case warning", unchecked}, run("", "", long, "company=X", "country=es", "type=Es", "attr-name1=form", "attr-value1=612"),
		"a country code is compared upper-cased")
	assert.Empty(t, run("", "", long, "company=X", "country=ES", "type=Es"), "the nested condition alone does not hold")

	// A TLD overlay and its role overlay stack on the type's.
	assert.Equal(t, []string{"name too-long error"}, run("xx", "", long, "company=X", "type=Es"))
	assert.Equal(t, []string{"name too-long error"}, run(".XX", "", long, "company=X", "type=Es"), "TLDs are read without dot and case")
	assert.Equal(t, []string{"name forbidden error"}, run("xx", "tech", long, "company=X", "type=Es"))
	assert.Empty(t, run("yy", "", long, "company=X", "type=Es"), "a TLD without rules adds none")
	assert.Equal(t, []string{"role unknown-role warning"}, run("", "owner", long, "company=X", "type=Es"))
}

// Stacks that change nothing share a rule set: 2 types × 2 TLDs × 5 roles
// here compile to far fewer sets.
func TestStacksShareRuleSets(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": overlayRules})
	cmd := e.commands["t/add"]
	distinct := map[*ruleSet]bool{}
	for _, i := range cmd.byIndex {
		ls := cmd.sets[i]
		require.NotNil(t, ls.get())
		distinct[ls.get()] = true
	}
	require.Len(t, cmd.byIndex, 2*2*5)
	// none; Es; Es+admin; xx; xx+tech; Es+xx; Es+admin+xx; Es+xx+tech
	assert.Len(t, distinct, 8)
	assert.Len(t, cmd.sets, 8, "one lazy set per distinct set")
}

func TestExplain(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": overlayRules})
	x, err := e.Explain(Query{Command: "t/add", Type: "Es", Role: "admin"})
	require.NoError(t, err)
	byParam := map[string]ParamRules{}
	for _, p := range x.Params {
		byParam[p.Param] = p
	}
	assert.Equal(t, "forbidden", byParam["company"].Presence)
	assert.Equal(t, 22, byParam["company"].Rule.Line)
	assert.Equal(t, "optional", byParam["name"].Presence)
	require.Len(t, byParam["name"].Rules, 1)
	assert.Equal(t, "at most 30 characters", byParam["name"].Rules[0].Detail)
	require.Len(t, x.Conditions, 3)
	assert.Contains(t, x.Conditions[0].When, "when attribute form is 1")
	assert.Contains(t, x.Conditions[2].When, "when country is ES")
	assert.Contains(t, x.Text(), "company: forbidden (error, spec) [t/r.yaml:22:21]")

	for _, q := range []Query{{Command: "t/ad"}, {Command: "t/add", Type: "Ez"}, {Command: "t/add", TLD: "zz"}, {Command: "t/add", Role: "owner"}} {
		_, err := e.Explain(q)
		assert.Error(t, err, "%+v", q)
	}
	_, err = e.Explain(Query{Command: "t/add", Type: "Ess"})
	assert.ErrorContains(t, err, `did you mean "Es"?`)
}

// Conditions on lists, and "" for a value not given.
func TestConditionKinds(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": `version: 1
lists:
  eea: {items: [FR, "NO"]}
commands:
  t/add:
    attrs: true
    params: [country, company, note]
tlds:
  eu:
    attrs:
      citizenship: {}
    when:
      - if: {param: country, not-in: eea}
        when:
          - if: {param: company, is: ["", NA]}
            attrs:
              citizenship: {required: true}
      - if: {param: country, in: eea}
        fields:
          note: {forbidden: true}
`})
	run := func(params ...string) []string {
		req := Request{Command: "t/add", TLDs: []string{"eu"}}
		for _, kv := range params {
			name, val, _ := strings.Cut(kv, "=")
			req.Params = append(req.Params, Param{name, val})
		}
		return summary(e.Check(req))
	}
	assert.Empty(t, run("country=FR"))
	assert.Equal(t, []string{"note forbidden error"}, run("country=NO", "note=x"))
	assert.Equal(t, []string{"citizenship attr-required error"}, run("country=US"), "no company")
	assert.Equal(t, []string{"citizenship attr-required error"}, run("country=US", "company=NA"))
	assert.Empty(t, run("country=US", "company=Acme"))
	assert.Empty(t, run("country=US", "attr-name1=citizenship", "attr-value1=FR"))
	assert.Empty(t, run(), "no country: not-in does not hold")

	x, err := e.Explain(Query{Command: "t/add", TLD: "eu"})
	require.NoError(t, err)
	require.Len(t, x.Conditions, 3)
	assert.Contains(t, x.Conditions[1].When, "company is not given or NA")
}

func TestAttrViolationParams(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": "version: 1\ncommands:\n  t/add:\n    attrs: true\n    params: [name]\ntlds:\n  zz:\n    attrs:\n      kpp: {required: true, digits: {min: 9, max: 9}}\n"})
	r := e.Check(Request{Command: "t/add", TLDs: []string{"zz"}, Params: []Param{{"attr-name3", "kpp"}, {"attr-value3", "123"}}})
	require.Len(t, r.Violations, 1)
	assert.Equal(t, "kpp", r.Violations[0].Field)
	assert.Equal(t, "attr-value3", r.Violations[0].Param)
	r = e.Check(Request{Command: "t/add", TLDs: []string{"zz"}})
	require.Len(t, r.Violations, 1)
	assert.Equal(t, "attr-required", r.Violations[0].Code)
	assert.Equal(t, "kpp", r.Violations[0].Param)
	assert.False(t, r.OK(), "an attribute's absence is an error")
	assert.NotContains(t, string(r.APIResponse()), "Required parameter missing", "an attribute is not a parameter")
	r = e.Check(Request{Command: "t/add", TLDs: []string{"zz"}, Params: []Param{{"attr-name1", "kpq"}, {"attr-value1", "1"}, {"attr-name2", "kpp"}, {"attr-value2", "123456789"}}})
	assert.Equal(t, []string{"kpq unknown-attr warning"}, summary(r))
	assert.Contains(t, r.Violations[0].Message, "did you mean kpp?")
	assert.Equal(t, "attr-name1", r.Violations[0].Param)
}

// A stack that shares its rule set with another (a type that only
// documents) still explains itself: the notes are the query's own stack's.
func TestExplainNotesOfSharedSet(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": `version: 1
fields:
  type: {one-of: [Plain, Doc]}
commands:
  t/add:
    contact-type: type
    params: [type]
types:
  Doc: {doc: only documented}
`})
	cmd := e.commands["t/add"]
	require.Same(t, cmd.set(e, 0, 0, 0).get(), cmd.set(e, 1, 0, 0).get(), "the type changes no rule")
	x, err := e.Explain(Query{Command: "t/add", Type: "Doc"})
	require.NoError(t, err)
	require.Len(t, x.Notes, 1)
	assert.Equal(t, "type Doc", x.Notes[0].Source)
	x, err = e.Explain(Query{Command: "t/add"})
	require.NoError(t, err)
	assert.Empty(t, x.Notes)
}
