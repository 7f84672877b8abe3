package engine

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

func compileErr(t *testing.T, src string) tldspec.Diagnostics {
	t.Helper()
	spec, err := tldspec.Load(Catalog(), tldspec.Source{Name: "t", FS: fstest.MapFS{
		"catalogue.yaml": {Data: []byte(testCatalogue)},
		"rules.yaml":     {Data: []byte(src)},
	}})
	require.NoError(t, err)
	_, err = Compile(spec, Options{})
	require.Error(t, err)
	return err.(tldspec.Diagnostics)
}

// loadErr loads src beside the test catalogue and returns the diagnostics
// that stop it: problems Load finds, before anything is compiled.
func loadErr(t *testing.T, src string) tldspec.Diagnostics {
	t.Helper()
	_, err := tldspec.Load(Catalog(), tldspec.Source{Name: "t", FS: fstest.MapFS{
		"catalogue.yaml": {Data: []byte(testCatalogue)},
		"rules.yaml":     {Data: []byte(src)},
	}})
	require.Error(t, err)
	return err.(tldspec.Diagnostics)
}

func TestCompileDiagnostics(t *testing.T) {
	d := loadErr(t, `version: 1
fields:
  zipcode:
    checks:
      - postal-code: {country: nation}
commands:
  t/add:
    params: [zipcode, country]
`)
	require.Len(t, d, 1)
	assert.Equal(t, "unknown-param", d[0].Code)
	assert.Equal(t, tldspec.Pos{File: "t/rules.yaml", Line: 5, Col: 23}, d[0].Pos)

	// A check's default parameter must exist too.
	d = loadErr(t, "version: 1\nfields:\n  phone:\n    checks: [phone-number]\ncommands:\n  t/add:\n    params: [phone]\n")
	require.Len(t, d, 1)
	assert.Equal(t, "unknown-param", d[0].Code)
	assert.Equal(t, 4, d[0].Pos.Line)

	// An overlay can make min-length exceed max-length.
	d = compileErr(t, `version: 1
fields:
  name: {min-length: 10}
commands:
  t/add:
    contact-type: type
    params: [name, type]
types:
  Short:
    fields:
      name: {max-length: 5}
`)
	require.Len(t, d, 1)
	assert.Equal(t, "bad-range", d[0].Code)
	assert.Equal(t, 11, d[0].Pos.Line)

	_, err := Compile(nil, Options{})
	assert.Error(t, err)
}

func TestUnreachableTypeWarns(t *testing.T) {
	e := compileFiles(t, map[string]string{"rules.yaml": `version: 1
commands:
  t/add:
    contact-type: type
    params:
      - type: {one-of: [A]}
types:
  A: {}
  B: {}
`})
	w := e.Warnings()
	require.Len(t, w, 1)
	assert.Equal(t, "unreachable-type", w[0].Code)
	assert.Equal(t, tldspec.Warning, w[0].Severity)
	assert.Equal(t, 9, w[0].Pos.Line)
}

// A contact type overrides its fields: limits, checks and whether a
// parameter is required.
func TestContactTypeOverlay(t *testing.T) {
	e := compileFiles(t, map[string]string{"rules.yaml": `version: 1
fields:
  name: {max-length: 255}
  company: {max-length: 255}
commands:
  t/add:
    contact-type: type
    params:
      - name
      - company: {required: true}
      - type
types:
  Eu:
    fields:
      name: {max-length: 5}
  Es:
    fields:
      company: {required: false}
`})
	run := func(params ...Param) []string { return summary(e.Check(Request{Command: "t/add", Params: params})) }
	assert.Empty(t, run(Param{"name", "Lovelace"}, Param{"company", "X"}))
	assert.Equal(t, []string{"name too-long error"}, run(Param{"name", "Lovelace"}, Param{"company", "X"}, Param{"type", "Eu"}))
	assert.Equal(t, []string{"company required error"}, run(Param{"type", "Eu"}))
	assert.Empty(t, run(Param{"type", "Es"}))
	assert.Equal(t, []string{"company required error"}, run(Param{"type", "Other"}), "an unknown type gets the base rules")
}

// The catalogue files a code under a severity; a rule giving it the other
// does not compile, once per place.
func TestSeverityMismatch(t *testing.T) {
	d := compileErr(t, `version: 1
messages:
  phone-number: {text: "{label} is not valid", source: ours, severity: warning}
fields:
  phone:
    checks:
      - phone-number: {cc: cc, severity: error}
commands:
  t/add:
    contact-type: type
    params: [phone, cc, type]
types:
  A: {}
  B: {}
`)
	require.Len(t, d, 1)
	assert.Equal(t, "severity-mismatch", d[0].Code)
	assert.Equal(t, tldspec.Pos{File: "t/rules.yaml", Line: 7, Col: 9}, d[0].Pos)
}

// An alias may not be an attribute itself.
func TestAliasClash(t *testing.T) {
	d := loadErr(t, `version: 1
commands:
  t/add:
    attrs: true
    params: [name]
tlds:
  xx:
    attrs:
      a: {aliases: [b]}
      b: {}
`)
	require.Len(t, d, 1)
	assert.Equal(t, "duplicate", d[0].Code)
	assert.Equal(t, 9, d[0].Pos.Line)
}

// A check's parameter option is held, when the rules are loaded, to every
// command its field applies to — and only those.
func TestCheckParamsHeldPerCommand(t *testing.T) {
	// A TLD's field applies to every command that takes the parameter.
	d := loadErr(t, `version: 1
commands:
  t/add:
    params: [zipcode, country]
  t/other:
    params: [zipcode]
tlds:
  xx:
    fields:
      zipcode:
        checks: [postal-code]
`)
	require.Len(t, d, 1)
	assert.Equal(t, "unknown-param", d[0].Code)
	assert.Contains(t, d[0].Message, "t/other")

	// An attribute's, to the commands that take attributes.
	d = loadErr(t, `version: 1
lists:
  nyc: {items: ["100"]}
commands:
  t/add:
    attrs: true
    params: [name]
  t/plain:
    params: [name]
tlds:
  xx:
    attrs:
      a:
        checks: [{zip-prefix: {list: nyc}}]
`)
	require.Len(t, d, 1)
	assert.Contains(t, d[0].Message, `"zipcode"`)
	assert.Contains(t, d[0].Message, "t/add")

	// A type's, only to the commands that select a contact type.
	e := compileFiles(t, map[string]string{"r.yaml": `version: 1
fields:
  type: {one-of: [Es]}
commands:
  t/add:
    contact-type: type
    params: [type, zipcode, country]
  t/plain:
    params: [zipcode]
types:
  Es:
    fields:
      zipcode:
        checks: [postal-code]
`})
	require.NotNil(t, e)
}
