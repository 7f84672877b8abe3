package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const setRules = `version: 1
commands:
  t/add:
    attrs: true
    params: [name]
tlds:
  asia:
    attrs: {locality: {}, identnumber: {}}
    contact-set:
      one-has: [locality, identnumber]
  nl:
    attrs:
      legalForm: {required: true}
`

func TestCheckSet(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": setRules})
	withAsia := []Param{{"name", "A"}, {"attr-name1", "locality"}, {"attr-value1", "SG"}, {"attr-name2", "identnumber"}, {"attr-value2", "X1"}}
	plain := []Param{{"name", "B"}}

	// The details on any one contact satisfy the set.
	r := e.CheckSet(SetRequest{Command: "t/add", TLD: "asia", Contacts: []RoleRequest{{"registrant", plain}, {"admin", withAsia}, {"tech", plain}}})
	assert.True(t, r.OK())
	assert.Empty(t, r.Violations())

	r = e.CheckSet(SetRequest{Command: "t/add", TLD: "asia", Contacts: []RoleRequest{{"registrant", plain}, {"admin", plain}}})
	assert.False(t, r.OK())
	require.Len(t, r.Set, 2)
	assert.Equal(t, "locality", r.Set[0].Field)
	assert.Equal(t, "set", r.Set[0].Role)
	assert.Equal(t, 10, r.Set[0].Rule.Line)

	// Details needed on every contact are checked per contact, each
	// violation naming its role.
	r = e.CheckSet(SetRequest{Command: "t/add", TLD: "nl", Contacts: []RoleRequest{
		{"registrant", []Param{{"name", "A"}, {"attr-name1", "legalForm"}, {"attr-value1", "ANDERS"}}},
		{"tech", plain},
	}})
	assert.False(t, r.OK())
	v := r.Violations()
	require.Len(t, v, 1)
	assert.Equal(t, "tech", v[0].Role)
	assert.Equal(t, "legalForm", v[0].Field)
	assert.Equal(t, "attr-required", v[0].Code)
	assert.True(t, r.Contacts[0].OK())
}

func TestAttrGiven(t *testing.T) {
	ps := []Param{{"attr-name2", " kpp "}, {"attr-value2", "1"}, {"attr-name3", "code"}, {"attr-value3", " "}}
	assert.True(t, attrGiven(ps, "kpp"))
	assert.False(t, attrGiven(ps, "code"), "an empty value is not given")
	assert.False(t, attrGiven(ps, "org-r"))
}

// CheckSet reads pairs as Check does: what Check pairs, the set counts,
// and what Check does not pair (attr-name01 with attr-value1, a sign), the
// set does not either.
func TestSetReadsPairsAsCheck(t *testing.T) {
	for _, c := range []struct {
		params []Param
		paired bool
	}{
		{[]Param{{"attr-name1", "locality"}, {"attr-value1", "SG"}}, true},
		{[]Param{{"attr-name7", "locality"}, {"attr-value7", "SG"}}, true},
		{[]Param{{"attr-name01", "locality"}, {"attr-value1", "SG"}}, false},
		{[]Param{{"attr-name+1", "locality"}, {"attr-value1", "SG"}}, false},
		{[]Param{{"attr-name01", "locality"}, {"attr-value01", "SG"}}, false},
		{[]Param{{"attr-name1", "locality"}, {"attr-value1", ""}}, false},
		{[]Param{{"attr-name1", "locality"}, {"attr-value1", "SG"}, {"attr-value1", ""}}, true},
	} {
		st := newState(16)
		for _, p := range c.params {
			st.addAttr(p.Name, p.Value)
		}
		assert.Equal(t, c.paired, st.undeclaredAttr("locality") != "", "Check: %v", c.params)
		assert.Equal(t, c.paired, attrGiven(c.params, "locality"), "CheckSet: %v", c.params)
	}
}
