package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const areaRules = `version: 1
lists:
  prov:
    items:
      - {value: Madrid, code: "28"}
      - {value: Barcelona, code: "08"}
  nyc: {items: ["100", "11004"]}
fields:
  zipcode:
    checks:
      - postal-prefix: {list: prov, by: state}
  addr:
    checks:
      - param-value: {param: state, is: ["", NY, New York]}
      - zip-prefix: {zip: zip, list: nyc}
commands:
  t/zip:
    params: [zipcode, state]
  t/addr:
    params: [addr, state, zip]
`

func TestPostalPrefixRule(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": areaRules})
	run := func(zip, state string) []string {
		return summary(e.Check(Request{Command: "t/zip", Params: []Param{{"zipcode", zip}, {"state", state}}}))
	}
	assert.Empty(t, run("28013", "Madrid"))
	assert.Empty(t, run("08001", "barcelona"), "the state is matched as the province check matches it")
	assert.Empty(t, run("08001", ""), "without a state, any listed code")
	assert.Empty(t, run("08001", "Atlantis"), "a state that names no item does not narrow the codes")
	assert.Equal(t, []string{"zipcode postal-province warning"}, run("08001", "Madrid"),
		"a code of another province than the state: the spec does not tie them")
	assert.Equal(t, []string{"zipcode postal-prefix error"}, run("53000", ""))
	assert.Equal(t, []string{"zipcode postal-prefix error"}, run("53000", "Madrid"), "no province has 53")
	assert.Equal(t, []string{"zipcode postal-prefix error"}, run("2", ""))
}

func TestZipPrefixAndParamValueRules(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": areaRules})
	run := func(state, zip string) []string {
		return summary(e.Check(Request{Command: "t/addr", Params: []Param{{"addr", "1 Main St"}, {"state", state}, {"zip", zip}}}))
	}
	assert.Empty(t, run("NY", "10001"))
	assert.Empty(t, run("New York", "11004"))
	assert.Empty(t, run("NY", ""), "no ZIP: the ZIP's own rules report it")
	assert.Equal(t, []string{"addr zip-prefix error"}, run("NY", "11005"))
	assert.Empty(t, run("new york", "10001"), "in any case")
	assert.Empty(t, run("ny", "10001"))
	assert.Empty(t, run("", "10001"), "\"\" in is: the state may be left out")
	assert.Equal(t, []string{"addr param-value error"}, run("NJ", "10001"), "the first error stops the field")
	assert.Equal(t, []string{"addr param-value error"}, run("New Jersey", "10001"))
}
