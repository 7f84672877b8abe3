package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExplainGolden(t *testing.T) {
	for name, args := range map[string][]string{
		"explain-contact.text":           {"explain"},
		"explain-es-admin.text":          {"explain", "--type", "EsContact", "--role", "admin"},
		"explain-br-registrant.text":     {"explain", "--type", "BrContact", "--tld", "br", "--role", "registrant"},
		"explain-co.text":                {"explain", "--type", "CoContact"},
		"explain-es-tld-registrant.text": {"explain", "--type", "EsContact", "--tld", "es", "--role", "registrant"},
		"explain-ru.text":                {"explain", "--tld", "ru"},
		"explain-search.text":            {"explain", "--command", "contacts/search"},
		"explain-modify-nyc.text":        {"explain", "--command", "contacts/modify", "--tld", "nyc"},
	} {
		out, stderr, code := runCLI(t, "", args...)
		require.Equal(t, exitOK, code, stderr)
		golden(t, name, out)
	}
}

func TestExplainJSON(t *testing.T) {
	out, _, code := runCLI(t, "", "explain", "--type", "NycContact", "--format", "json")
	require.Equal(t, exitOK, code)
	var x struct {
		Command string `json:"command"`
		Type    string `json:"type"`
		Params  []struct {
			Param, Presence string
			Rules           []struct{ Code, Rule string }
		} `json:"params"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &x))
	assert.Equal(t, "contacts/add", x.Command)
	assert.Equal(t, "NycContact", x.Type)
	var codes []string
	for _, p := range x.Params {
		if p.Param == "address-line-1" {
			for _, r := range p.Rules {
				codes = append(codes, r.Code+"@"+r.Rule)
			}
		}
	}
	assert.Equal(t, []string{
		"required@rules/commands.yaml:16:26",
		"too-long@rules/fields.yaml:39:5",
		"param-value@rules/contact-types.yaml:130:13",
		"param-in-list@rules/contact-types.yaml:131:13",
		"zip-prefix@rules/contact-types.yaml:132:13",
	}, codes)
}

func TestExplainErrors(t *testing.T) {
	for _, args := range [][]string{
		{"explain", "--type", "EsContract"},
		{"explain", "--command", "contacts/ad"},
		{"explain", "--tld", "zz"},
		{"explain", "--role", "owner"},
		{"explain", "--format", "xml"},
		{"explain", "extra"},
		{"explain", "--rules", "testdata/does-not-exist"},
	} {
		_, stderr, code := runCLI(t, "", args...)
		assert.Equal(t, exitTrouble, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	_, stderr, _ := runCLI(t, "", "explain", "--type", "EsContract")
	assert.Contains(t, stderr, `did you mean "EsContact"?`)
}
