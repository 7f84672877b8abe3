package engine

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalogue is the checks' declarations: sorted, each documented with
// a default severity, each option named in the doc and read by the
// compile function (a rule file using every option of every check is
// compiled, and the options read are heard).
func TestChecksDeclared(t *testing.T) {
	names := Catalog().Names()
	assert.True(t, sort.StringsAreSorted(names), "keep checks sorted")
	for _, c := range checks {
		assert.NotEmpty(t, c.Doc, c.Name)
		assert.NotZero(t, c.Severity, c.Name)
		assert.NotEmpty(t, c.Basis, c.Name)
		require.NotNil(t, c.compile, c.Name)
		for _, a := range c.Args {
			assert.Regexp(t, `(^|[^a-z-])`+regexp.QuoteMeta(a.Name)+`([^a-z-]|$)`, c.Doc, "%s: option %s is not in the doc", c.Name, a.Name)
		}
	}
	_, ok := lookupCheck("nope")
	assert.False(t, ok)

	every := map[string]string{
		"national-id":   "{national-id: {scheme: es-nif, warn: es-nie, if-length: ['9']}}",
		"param-in-list": "{param-in-list: {param: state, list: coded}}",
		"param-value":   "{param-value: {param: country, is: [US]}}",
		"past-date":     "{past-date: {format: YYYY-MM-DD}}",
		"phone-number":  "{phone-number: {cc: cc}}",
		"postal-code":   "{postal-code: {country: country, prefixes: prefixes, former: former}}",
		"postal-prefix": "{postal-prefix: {list: coded, by: state}}",
		"province":      "{province: {list: coded}}",
		"spelling":      "{spelling: {list: coded}}",
		"zip-prefix":    "{zip-prefix: {zip: zipcode, list: coded}}",
	}
	src := "version: 1\nlists:\n  coded: {items: [{value: Madrid, code: '28'}]}\n  prefixes: {items: [{value: LT, code: LT}]}\n  former: {items: [{value: KR, code: '\\d{3}-\\d{3}'}]}\nfields:\n"
	params := []string{"country", "cc", "state", "zipcode"}
	for _, c := range checks {
		use, ok := every[c.Name]
		if !ok {
			require.Empty(t, c.Args, "%s has options: give them in the test", c.Name)
			use = c.Name
		}
		src += "  f-" + c.Name + ":\n    checks: [" + use + "]\n"
		params = append(params, "f-"+c.Name)
	}
	src += "commands:\n  t/cmd:\n    params: [" + strings.Join(params, ", ") + "]\n"
	read := map[string][]string{}
	compileFiles(t, map[string]string{"every.yaml": src}, Options{traceArgs: func(check, option string) {
		if !slices.Contains(read[check], option) {
			read[check] = append(read[check], option)
		}
	}})
	for _, c := range checks {
		for _, a := range c.Args {
			assert.Contains(t, read[c.Name], a.Name, "%s: option %s is declared but never read", c.Name, a.Name)
		}
	}
}

// The national-id doc lists the schemes rule files may name.
func TestNationalIDDocListsSchemes(t *testing.T) {
	m := regexp.MustCompile(`one of the schemes \(([^)]*)\)`).FindStringSubmatch(nationalIDCheck.Doc)
	require.NotNil(t, m)
	assert.Equal(t, schemeNames(), strings.Split(m[1], ", "))
}

// What Catalog hands out is a copy: changing it changes no declaration.
func TestCatalogIsACopy(t *testing.T) {
	cat := Catalog()
	for i := range cat.Checks {
		for j := range cat.Checks[i].Args {
			cat.Checks[i].Args[j].Name = "changed"
		}
		cat.Checks[i].Name = "changed"
	}
	for _, c := range Catalog().Checks {
		assert.NotEqual(t, "changed", c.Name)
		for _, a := range c.Args {
			assert.NotEqual(t, "changed", a.Name)
		}
	}
}
