package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/input"
	"github.com/contactlint/contactlint/internal/mutants"
	"github.com/contactlint/contactlint/tldspec"
)

// TestSecretsNeverPrinted runs check in every output format, fix's change
// report, the GitHub job summary and -write-baseline over mutants of the
// case corpora that carry credentials (padded, repeated, given by halves):
// no output holds a secret's value, whole or in part.
func TestSecretsNeverPrinted(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	corpus, err := mutants.Corpus("../../testdata/cases", "../../testdata/clients")
	require.NoError(t, err)
	seeds := mutants.Valid(e, corpus, tldspec.Roles())
	var lines []string
	for _, m := range mutants.Generate(seeds, 3000, 7) {
		if strings.Contains(strings.Join(m.Ops, " "), "credentials") {
			lines = append(lines, string(input.EncodeRequest(input.Decoded{Req: m.Req, Envelope: true})))
		}
	}
	// The reproducer: a padded api-key on a valid contact.
	lines = append(lines, `{"name":"Test User","company":"Example Inc","email":"t@example.com","address-line-1":"1 Main St","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"1","type":"Contact","auth-userid":"1","api-key":"`+mutants.SecretMark+` "}`)
	require.Greater(t, len(lines), 200)
	dir := t.TempDir()
	in := filepath.Join(dir, "requests.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644))

	summary := filepath.Join(dir, "summary.md")
	env := func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return summary
		}
		return os.Getenv(k)
	}
	noSecret := func(what, out string) {
		t.Helper()
		assert.NotContains(t, out, mutants.SecretMark, "%s prints a secret", what)
	}
	for _, format := range outputFormats {
		var out, errb strings.Builder
		code := runEnv([]string{"check", "-format", format, in}, env, strings.NewReader(""), &out, &errb)
		assert.NotEqual(t, exitTrouble, code, errb.String())
		noSecret("check -format "+format, out.String()+errb.String())
	}
	if b, err := os.ReadFile(summary); assert.NoError(t, err, "the github format writes the job summary") {
		noSecret("the GitHub job summary", string(b))
	}
	_, report, _ := runCLI(t, "", "fix", in)
	noSecret("fix's change report", report)
	assert.Contains(t, report, "api-key: changed, value not shown (secret) (whitespace)")
	bl := filepath.Join(dir, "baseline.json")
	runCLI(t, "", "check", "-write-baseline", bl, in)
	b, err := os.ReadFile(bl)
	require.NoError(t, err)
	noSecret("the baseline", string(b))
}

// TestBaselineKeyWithoutCredentials: a request's baseline key leaves its
// authentication parameters out, so that a rotated key is the same
// request.
func TestBaselineKeyWithoutCredentials(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	req := func(auth ...engine.Param) input.Decoded {
		params := append([]engine.Param{{Name: "name", Value: "Ada"}, {Name: "zipcode", Value: "X"}}, auth...)
		return input.Decoded{Req: engine.Request{Params: params}}
	}
	plain := requestKey(req(), e.AuthParams())
	assert.Equal(t, plain, requestKey(req(engine.Param{Name: "auth-userid", Value: "1"}, engine.Param{Name: "api-key", Value: "old"}), e.AuthParams()))
	assert.Equal(t, plain, requestKey(req(engine.Param{Name: "auth-password", Value: "new"}), e.AuthParams()))
	assert.NotEqual(t, plain, requestKey(req(engine.Param{Name: "city", Value: "London"}), e.AuthParams()))
}
