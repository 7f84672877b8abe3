package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const lintDir = "testdata/rules-lint/"

func TestRulesLintGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", "rules", "lint", "-format", format, lintDir+"broken", lintDir+"warned")
			assert.Equal(t, exitFailed, code)
			assert.Equal(t, "contactlint: 3 errors, 1 warning\n", stderr, "one round: what loading finds, warnings included")
			golden(t, "rules-lint."+format, out)
		})
	}
}

// Positions and codes, not wording.
func TestRulesLintDiagnostics(t *testing.T) {
	out, _, code := runCLI(t, "", "rules", "lint", "-format", "json", lintDir+"broken")
	assert.Equal(t, exitFailed, code)
	var diags []diagnosticJSON
	require.NoError(t, json.Unmarshal([]byte(out), &diags))
	type at struct {
		file      string
		line, col int
		severity  string
		code      string
	}
	var got []at
	for _, d := range diags {
		got = append(got, at{d.File, d.Line, d.Col, d.Severity, d.Code})
	}
	// One round: the type no contact-type value names is found with the
	// errors, when the rules are loaded.
	assert.Equal(t, []at{
		{lintDir + "broken/fields.yaml", 5, 23, "error", "unknown-key"},
		{lintDir + "broken/fields.yaml", 7, 14, "error", "bad-regex"},
		{lintDir + "broken/types.yaml", 3, 3, "warning", "unreachable-type"},
		{lintDir + "broken/types.yaml", 5, 25, "error", "bad-number"},
	}, got)
	assert.Contains(t, diags[0].Message, `did you mean "max-length"?`)
}

func TestRulesLintWarnings(t *testing.T) {
	out, stderr, code := runCLI(t, "", "rules", "lint", lintDir+"warned")
	assert.Equal(t, exitOK, code, "warnings alone do not fail")
	assert.Equal(t, lintDir+"warned/unreachable.yaml:5:3: warning: unreachable-type: type XxContact is not a value contacts/add's type accepts; its rules never apply\n", out)
	assert.Equal(t, "contactlint: 0 errors, 1 warning\n", stderr)
	_, _, code = runCLI(t, "", "rules", "lint", "-fail-level", "warning", lintDir+"warned")
	assert.Equal(t, exitFailed, code)

	out, _, code = runCLI(t, "", "rules", "lint", "-fail-level", "warning", lintDir+"clean")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	out, _, code = runCLI(t, "", "rules", "lint", "-format", "json", lintDir+"clean")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "[]\n", out)
}

func TestRulesUsage(t *testing.T) {
	for _, args := range [][]string{
		{"rules"},
		{"rules", "list"},
		{"rules", "lint"},
		{"rules", "lint", "-format", "xml", lintDir + "clean"},
		{"rules", "lint", "-fail-level", "info", lintDir + "clean"},
		{"rules", "lint", lintDir + "missing"},
		{"rules", "lint", lintDir + "clean/city.yaml"},
	} {
		_, stderr, code := runCLI(t, "", args...)
		assert.Equal(t, exitTrouble, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	out, _, code := runCLI(t, "", "rules", "lint", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "-fail-level", "help is on standard output")
}
