package contactlint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/tldspec"
)

type caseFile struct {
	// Client and Repo name the open-source client whose requests a file of
	// testdata/clients holds.
	Client string                       `yaml:"client"`
	Repo   string                       `yaml:"repo"`
	Bases  map[string]map[string]string `yaml:"bases"`
	Cases  []testCase                   `yaml:"cases"`
}

type testCase struct {
	Name    string            `yaml:"name"`
	Command string            `yaml:"command"`
	TLD     string            `yaml:"tld"`
	Role    string            `yaml:"role"`
	Method  string            `yaml:"method"`
	Current map[string]string `yaml:"current"`
	// Params are appended after the base's, in order: repeated parameters.
	Params   [][2]string       `yaml:"params"`
	Base     string            `yaml:"base"`
	Set      map[string]string `yaml:"set"`
	Unset    []string          `yaml:"unset"`
	Want     []string          `yaml:"want"`
	Response string            `yaml:"response"`
	Wire     string            `yaml:"wire"`
	Fields   map[string]string `yaml:"fields"`
	Fixes    map[string]string `yaml:"fixes"`
	// For a real client's request (testdata/clients): where in its code
	// the shape comes from, the evidence for the verdict (live-test: its
	// tests sent it to the live test API; observed: the live API's answer
	// was seen; production: what it sends; mock: a unit test's fake), and
	// the verdict (pass: no error; refuse: an error).
	Source   string `yaml:"source"`
	Evidence string `yaml:"evidence"`
	Verdict  string `yaml:"verdict"`
}

var repeatRe = regexp.MustCompile(`^\$repeat\((.*),(\d+)\)$`)

func expand(v string) string {
	if m := repeatRe.FindStringSubmatch(v); m != nil {
		n, _ := strconv.Atoi(m[2])
		return strings.Repeat(m[1], n)
	}
	return v
}

func (c testCase) request(bases map[string]map[string]string) contactlint.Request {
	params := map[string]string{}
	for k, v := range bases[c.Base] {
		params[k] = v
	}
	for k, v := range c.Set {
		params[k] = expand(v)
	}
	for _, k := range c.Unset {
		delete(params, k)
	}
	req := contactlint.FromMap(c.Command, params)
	req.TLDs, req.Role, req.Method = engine.SplitTLDs(c.TLD), c.Role, c.Method
	for _, p := range c.Params {
		req.Params = append(req.Params, contactlint.Param{Name: p[0], Value: p[1]})
	}
	if c.Current != nil {
		req.Current = contactlint.FromMap("", c.Current).Params
	}
	return req
}

// TestCases runs every case file in testdata/cases over the embedded rules.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/cases/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	e, err := contactlint.Default()
	require.NoError(t, err)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		var cf caseFile
		require.NoError(t, yaml.Unmarshal(src, &cf), p)
		for _, c := range cf.Cases {
			t.Run(filepath.Base(p)+"/"+c.Name, func(t *testing.T) {
				if c.Base != "" {
					require.Contains(t, cf.Bases, c.Base)
				}
				res := e.Check(c.request(cf.Bases))
				got := violationsOf(t, e, res)
				for _, v := range res.Violations {
					if v.Code != engine.CodeUnknownCommand && v.Code != engine.CodeUnknownRole && v.Code != engine.CodeUnknownTLD {
						assert.True(t, v.Rule.IsValid(), "%s has no rule position", v.Code)
					}
				}
				want := c.Want
				if want == nil {
					want = []string{}
				}
				assert.Equal(t, want, got)
				if c.Response != "" {
					assert.Equal(t, c.Response, string(res.APIResponse()))
				}
				if c.Wire != "" {
					assert.Equal(t, c.Wire, string(res.APIResponseStyle(engine.Wire)))
				}
				for k, msg := range c.Fields {
					assert.Equal(t, msg, res.Fields()[k], "fields[%s]", k)
				}
				for code, fix := range c.Fixes {
					found := false
					for _, v := range res.Violations {
						if v.Code == code {
							assert.Equal(t, fix, v.Fix, "fix of %s", code)
							found = true
						}
					}
					assert.True(t, found, "no %s violation to carry fix %q", code, fix)
				}
				assert.Equal(t, res.OK(), res.APIResponse() == nil)
			})
		}
	}
}

// The embedded rules load and compile without a diagnostic.
func TestEmbeddedRules(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	assert.Empty(t, e.Warnings())
	again, _ := contactlint.Default()
	assert.Same(t, e, again, "the default engine is compiled once")
}

// The seed example, byte for byte, from the facade.
func TestSeedExample(t *testing.T) {
	v := map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield", "country": "US",
		"zipcode": "ABCDE", "phone-cc": "999", "phone": "2175550123",
		"customer-id": "12345", "type": "Contact",
	}
	res := contactlint.Check(contactlint.FromMap("contacts/add", v))
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}"}`, string(res.APIResponse()))
	assert.Equal(t, map[string]string{"telnocc": "TelephoneNo Country Code is invalid", "zip": "Postal Code is invalid"}, res.Fields())
}

// A user's rule files add to and override the embedded ones.
func TestUserRules(t *testing.T) {
	user := fstest.MapFS{"mine.yaml": {Data: []byte(`version: 1
messages:
  zip-invalid: {text: "ZIP code is not valid", source: ours}
fields:
  city: {label: City, max-length: 10}
`)}}
	e, err := contactlint.New(contactlint.WithRules("mine", user))
	require.NoError(t, err)
	res := e.Check(contactlint.FromMap("", map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield Heights", "country": "US",
		"zipcode": "ABCDE", "phone-cc": "1", "phone": "2175550123", "customer-id": "1", "type": "Contact",
	}))
	assert.Equal(t, map[string]string{"zip": "ZIP code is not valid", "city": "City cannot be longer than 10 characters"}, res.Fields())
	for _, v := range res.Violations {
		if v.Field == "city" {
			assert.Equal(t, "mine/mine.yaml:5:23", v.Rule.String())
		}
	}

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("version: 1\nfields:\n  city: {maxlength: 5}\n"), 0o644))
	_, err = contactlint.New(contactlint.WithRulesDir(dir))
	require.Error(t, err)
	d, ok := err.(tldspec.Diagnostics)
	require.True(t, ok)
	assert.Equal(t, "unknown-key", d[0].Code)
	assert.Equal(t, filepath.Join(dir, "bad.yaml")+":3:10", d[0].Pos.String())
}

func TestContactRequest(t *testing.T) {
	c := contactlint.Contact{Name: "Ada", Country: "GB", Attrs: []contactlint.Attr{{"purpose", "P3"}}}
	req := c.Request()
	assert.Equal(t, "contacts/add", req.Command)
	assert.Equal(t, []contactlint.Param{
		{Name: "name", Value: "Ada"}, {Name: "country", Value: "GB"},
		{Name: "attr-name1", Value: "purpose"}, {Name: "attr-value1", Value: "P3"},
	}, req.Params)
}

// A nil option is ignored, not a panic.
func TestNilOption(t *testing.T) {
	e, err := contactlint.New(nil, contactlint.WithoutPhoneValidity(), nil)
	require.NoError(t, err)
	assert.True(t, e.Check(contactlint.FromMap("contacts/delete", map[string]string{"contact-id": "1"})).OK())
}

// violationsOf lists a result's violations as "field code severity", each
// with a message and held to the catalogues.
func violationsOf(t *testing.T, e *contactlint.Engine, res contactlint.Result) []string {
	t.Helper()
	got := []string{}
	for _, v := range res.Violations {
		got = append(got, fmt.Sprintf("%s %s %s", v.Field, v.Code, v.Severity))
		assert.NotEmpty(t, v.Message)
		assertCatalogued(t, e, v)
	}
	return got
}

// assertCatalogued holds a violation to the catalogues: its code is one of
// engine.Codes(), and the message catalogue files it under its severity.
func assertCatalogued(t *testing.T, e *contactlint.Engine, v contactlint.Violation) {
	t.Helper()
	_, known := engine.LookupCode(v.Code)
	assert.True(t, known, "code %s is not in engine.Codes()", v.Code)
	if m, ok := embeddedSpec(t).Message(v.Code); ok && m.Severity.Set {
		assert.Equal(t, m.Severity.V, v.Severity, "the catalogue files %s under %s", v.Code, m.Severity.V)
	}
}

// WithEagerCompile and WithRules compile every rule set in New (a problem
// only building shows is then reported by New); the embedded rules alone
// are built on first use; the answers are the same.
func TestEagerCompileAnswersAlike(t *testing.T) {
	lazy, err := contactlint.New()
	require.NoError(t, err)
	eager, err := contactlint.New(contactlint.WithEagerCompile())
	require.NoError(t, err)
	req := contactlint.FromMap("contacts/add", map[string]string{"name": "Ada", "zipcode": "ABCDE", "country": "US", "type": "EsContact"}, contactlint.ForTLD("es"), contactlint.AsRole("registrant"))
	assert.Equal(t, lazy.Check(req), eager.Check(req))
}
