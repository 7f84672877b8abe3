package engine

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The schema's shape, on a small rule set: what is required, each rule's
// keywords, an empty optional value allowed, a forbidden parameter, and a
// condition as if/then per variant.
func TestSchema(t *testing.T) {
	e := compileFiles(t, map[string]string{"f.yaml": `version: 1
fields:
  name: {label: Name, max-length: 10, min-words: 2}
  kind: {label: Kind, one-of: [A, B]}
  code: {label: Code, digits: {min: 2, max: 4}}
  note: {label: Note, pattern: '[a-z]+'}
commands:
  t/add:
    contact-type: kind
    params:
      - name: {required: true}
      - kind: {required: true}
      - code: {}
      - note: {}
types:
  A:
    when:
      - if: {param: code, is: ["12"]}
        fields:
          note: {forbidden: true}
  B: {}
`})
	raw, err := e.Schema(Query{Command: "t/add", Type: "A"})
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(raw, &s))
	assert.Equal(t, SchemaDialect, s["$schema"])
	assert.Equal(t, []any{"name", "kind"}, s["required"])
	props := s["properties"].(map[string]any)
	name := props["name"].(map[string]any)
	assert.EqualValues(t, 10, name["maxLength"])
	assert.Contains(t, name["description"], "looser here than contactlint: maxLength counts code points, the API UTF-16 units",
		"where the schema says a rule only roughly, its description says so")
	assert.Equal(t, `^[\t\n\x0B\f\r ]*[^\t\n\x0B\f\r ]+(?:[\t\n\x0B\f\r ]+[^\t\n\x0B\f\r ]+){1,}[\t\n\x0B\f\r ]*$`, name["pattern"],
		"words split as Java's \\s splits them, not ECMA's")
	assert.Equal(t, []any{"A", "B"}, props["kind"].(map[string]any)["enum"])
	assert.Equal(t, "A", props["kind"].(map[string]any)["const"], "the schema is for type A")
	code := props["code"].(map[string]any)["anyOf"].([]any)
	assert.Equal(t, map[string]any{"pattern": `^[\x00-\x20]*$`}, code[0], "an empty (or blank) optional value is a missing one")
	assert.Equal(t, "^[0-9]{2,4}$", code[1].(map[string]any)["pattern"])

	// note depends on code: one if/then per variant.
	allOf := s["allOf"].([]any)
	require.Len(t, allOf, 2)
	var forbidden int
	for _, x := range allOf {
		then := x.(map[string]any)["then"].(map[string]any)
		note := then["properties"].(map[string]any)["note"].(map[string]any)
		if note["pattern"] == `^[\x00-\x20]*$` {
			forbidden++
		}
	}
	assert.Equal(t, 1, forbidden)

	_, err = e.Schema(Query{Command: "t/addd"})
	assert.ErrorContains(t, err, `did you mean "t/add"?`)
}

// The embedded rules give a schema for every command, type, TLD and role.
func TestSchemaEmbedded(t *testing.T) {
	e := embeddedEngine(t, Options{})
	for _, cmd := range e.names {
		_, err := e.Schema(Query{Command: cmd})
		require.NoError(t, err, cmd)
	}
	for _, typ := range e.spec.Types {
		for _, tld := range append([]string{""}, e.tldNames...) {
			raw, err := e.Schema(Query{Type: typ.Name, TLD: tld, Role: "registrant"})
			require.NoError(t, err, "%s %s", typ.Name, tld)
			require.True(t, json.Valid(raw))
		}
	}
}

// A detail's pairs: the schema ties together the pairs 0 to 10, by every
// name the detail has, and lets a pair numbered above relax it (the
// conformance module validates against real requests).
func TestSchemaAttrPairs(t *testing.T) {
	e := compileFiles(t, map[string]string{"a.yaml": `version: 1
commands:
  t/add:
    attrs: true
    params: [name]
tlds:
  xx:
    attrs:
      sp: {required: true, aliases: [old]}
`})
	raw, err := e.Schema(Query{Command: "t/add", TLD: "xx"})
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(raw, &s))
	defs := s["$defs"].(map[string]any)
	given := defs["given-sp"].(map[string]any)["anyOf"].([]any)
	require.Len(t, given, 11)
	first := given[0].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"enum": []any{"sp", "old"}}, first["attr-name0"], "a pair may name it by its older name")
	assert.Contains(t, given[10].(map[string]any)["properties"], "attr-value10")
	beyond := defs["none-beyond-sp"].(map[string]any)["patternProperties"].(map[string]any)
	assert.Contains(t, beyond, beyondPairName)
	assert.Contains(t, string(raw), `"$ref": "#/$defs/none-beyond-sp"`)
}
