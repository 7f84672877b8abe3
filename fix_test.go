package contactlint_test

import (
	"bytes"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

type fixCases struct {
	Base  map[string]string `yaml:"base"`
	Cases []struct {
		Name string `yaml:"name"`
		// Command, when set, is the request's command, and the base is
		// not used.
		Command string            `yaml:"command"`
		Params  map[string]string `yaml:"params"`
		Want    map[string]string `yaml:"want"`
		Codes   []string          `yaml:"codes"`
		// Dropped is what a change says it left out (an extension).
		Dropped string `yaml:"dropped"`
	} `yaml:"cases"`
}

// Engine.Fix over testdata/fix.yaml; and check offers, on the violations
// of the unfixed request, exactly the values fix gives.
func TestFix(t *testing.T) {
	src, err := os.ReadFile("testdata/fix.yaml")
	require.NoError(t, err)
	var cf fixCases
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(&cf))
	e, err := contactlint.Default()
	require.NoError(t, err)
	order := []string{"name", "company", "email", "address-line-1", "city", "country", "zipcode", "phone-cc", "phone", "customer-id", "type"}
	for _, c := range cf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var req contactlint.Request
			req.Command = "contacts/add"
			base := cf.Base
			if c.Command != "" {
				req.Command, base = c.Command, nil
			}
			for _, k := range order {
				v, ok := c.Params[k]
				if !ok {
					v = base[k]
				}
				if v != "" {
					req.Params = append(req.Params, contactlint.Param{Name: k, Value: v})
				}
			}
			// Parameters beyond the contact's, after it, by name.
			for _, k := range slices.Sorted(maps.Keys(c.Params)) {
				if !slices.Contains(order, k) {
					req.Params = append(req.Params, contactlint.Param{Name: k, Value: c.Params[k]})
				}
			}
			fixed, changes, res := e.Fix(req)
			got := map[string]string{}
			for _, p := range fixed.Params {
				got[p.Name] = p.Value
			}
			for k, want := range c.Want {
				assert.Equal(t, want, got[k], k)
			}
			if _, ok := c.Params["phone-cc"]; ok && c.Params["phone-cc"] == "" {
				if _, want := c.Want["phone-cc"]; !want {
					assert.NotContains(t, got, "phone-cc", "not added when not sure")
				} else {
					assert.Equal(t, "phone-cc", fixed.Params[7].Name, "the code goes in front of the number")
				}
			}
			if c.Codes != nil {
				var codes []string
				for _, ch := range changes {
					codes = append(codes, ch.Code)
				}
				assert.Equal(t, c.Codes, append([]string{}, codes...))
			}
			var dropped string
			for _, ch := range changes {
				dropped += ch.Dropped
				if e.IsSecret(ch.Param) {
					assert.True(t, ch.Secret, "a change of %s says it is secret", ch.Param)
					assert.Empty(t, ch.From+ch.To, "a change of %s carries no value", ch.Param)
				}
			}
			assert.Equal(t, c.Dropped, dropped, "what the fix left out")
			assert.Equal(t, e.Check(fixed).Violations, res.Violations, "the result is the fixed request's")
			// Nothing is left to fix.
			again, more, _ := e.Fix(fixed)
			assert.Empty(t, more)
			assert.Equal(t, fixed.Params, again.Params)

			// check offers what fix does.
			offered := e.OfferFixes(req, e.Check(req))
			for _, ch := range changes {
				if ch.Secret {
					continue // a secret's fix is never shown
				}
				found := false
				for _, v := range offered.Violations {
					found = found || v.Param == ch.Param && v.Fix != ""
				}
				if !found {
					// A change need not have its own violation (phone-cc
					// kept): then the number's violation carries the fix.
					assert.Equal(t, engine.CodePhoneSplit, ch.Code, "%s: no violation offers %q", ch.Param, ch.To)
				}
			}
		})
	}
}

// ReadRequests reads what check reads: sniffed formats, contact sets,
// unreadable records with their lines, and an unknown format refused.
func TestReadRequests(t *testing.T) {
	type got struct {
		line int
		cmd  string
		set  bool
		err  bool
	}
	read := func(format, in string) ([]got, error) {
		var out []got
		err := contactlint.ReadRequests(strings.NewReader(in), format, nil, func(line int, req contactlint.Request, set *contactlint.SetRequest, err error) {
			out = append(out, got{line, req.Command, set != nil, err != nil})
		})
		return out, err
	}
	out, err := read("", "name,city\nAda,London\n\"broken,x\n")
	require.NoError(t, err)
	assert.Equal(t, []got{{2, "", false, false}, {3, "", false, true}}, out, "CSV, sniffed")
	out, err = read("yaml", "- {command: contacts/add, tld: asia, contacts: {registrant: {name: Ada}}}\n- {name: Grace}\n")
	require.NoError(t, err)
	assert.Equal(t, []got{{1, "contacts/add", true, false}, {2, "", false, false}}, out)
	_, err = read("xml", "")
	assert.ErrorContains(t, err, "unknown input format")
}

// ReadRequests hands a query line whose parameters cannot all be decoded
// with what it could read and an *UndecodedError naming the rest: a
// caller that fixes and writes it back is told it would lose them.
func TestReadRequestsNamesUndecodable(t *testing.T) {
	var got []contactlint.Request
	var errs []error
	err := contactlint.ReadRequests(strings.NewReader("city=Rome&note=50%off\ncity=Oslo\n"), "query", nil, func(_ int, req contactlint.Request, _ *contactlint.SetRequest, err error) {
		got, errs = append(got, req), append(errs, err)
	})
	require.NoError(t, err)
	require.Len(t, got, 2)
	var ue *contactlint.UndecodedError
	require.ErrorAs(t, errs[0], &ue)
	assert.Equal(t, []string{"note"}, ue.Params)
	assert.Equal(t, []contactlint.Param{{Name: "city", Value: "Rome"}}, got[0].Params)
	assert.NoError(t, errs[1])
}
