package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	// The environment, but never the CI's own job summary.
	env := func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return ""
		}
		return os.Getenv(k)
	}
	code = runEnv(args, env, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update (review the diff before committing).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/contactlint -update to create it")
	assert.Equal(t, string(want), got)
}

func TestFormatsGolden(t *testing.T) {
	for _, input := range []string{"requests.jsonl", "requests.json", "sets.jsonl"} {
		for _, format := range outputFormats {
			t.Run(input+"/"+format, func(t *testing.T) {
				out, _, code := runCLI(t, "", "check", "--format", format, filepath.Join("testdata", input))
				assert.Equal(t, exitFailed, code, "both inputs hold a request that cannot be read")
				golden(t, strings.TrimSuffix(input, filepath.Ext(input))+"-"+filepath.Ext(input)[1:]+"."+format, out)
			})
		}
	}
	out, _, _ := runCLI(t, "", "check", "--format", "api", "--wire", "testdata/requests.jsonl")
	golden(t, "requests-jsonl.api-wire", out)
}

func TestExitCodes(t *testing.T) {
	valid := `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	invalid := strings.Replace(valid, `"62701"`, `"ABCDE"`, 1)
	_, stderr, code := runCLI(t, valid+"\n", "check", "-")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "1 checked, 1 passed, 0 failed")
	_, _, code = runCLI(t, valid+"\n"+invalid+"\n", "check", "-")
	assert.Equal(t, exitFailed, code)
	_, stderr, code = runCLI(t, valid+"\n{\n", "check", "--input", "jsonl", "-")
	assert.Equal(t, exitFailed, code, "an unreadable record is a finding, exit 1")
	assert.Contains(t, stderr, "1 checked, 1 passed, 0 failed, 1 could not be read")
}

// The seed example, byte for byte, as --format api prints it.
func TestSeedExampleAPI(t *testing.T) {
	req := `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"ABCDE","phone-cc":"999","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	out, _, code := runCLI(t, req, "check", "--format", "api", "-")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}"}`+"\n", out)
}

func TestUsageErrors(t *testing.T) {
	cases := [][]string{
		{},
		{"nope"},
		{"check"},
		{"check", "--format", "xml", "-"},
		{"check", "--input", "xml", "-"},
		{"check", "--bogus", "-"},
		{"check", "testdata/does-not-exist.jsonl"},
		{"check", "--rules", "testdata/does-not-exist", "-"},
	}
	for _, args := range cases {
		_, stderr, code := runCLI(t, "", args...)
		assert.Equal(t, exitTrouble, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	out, _, code := runCLI(t, "", "help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "contactlint check")
	// Help is on standard output, for every command: check -h | less.
	for _, args := range [][]string{{"check", "-h"}, {"fix", "--help"}, {"explain", "-help"}, {"schema", "-h"}, {"serve", "-h"}, {"healthz", "-h"}, {"rules", "lint", "-h"}, {"check", "x.jsonl", "-h"}} {
		out, stderr, code := runCLI(t, "", args...)
		assert.Equal(t, exitOK, code, "%v", args)
		assert.Contains(t, out, "Usage: contactlint "+args[0], "%v", args)
		assert.Contains(t, out, "Flags:", "%v", args)
		assert.Empty(t, stderr, "%v", args)
	}
	_, stderr, code := runCLI(t, "", "check", "-bogus")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-bogus", "a bad flag is an error on stderr")
	for _, v := range []string{"version", "--version", "-version"} {
		out, _, code = runCLI(t, "", v)
		assert.Equal(t, exitOK, code, v)
		assert.True(t, strings.HasPrefix(out, "contactlint "), v)
	}
}

// Flags may follow file names; a directory stands for its request files.
func TestArguments(t *testing.T) {
	out, _, code := runCLI(t, "", "check", "testdata/requests.jsonl", "--format", "api")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, out, `{"status":"ERROR","message":"Required parameter missing: customer-id"}`)

	dir := t.TempDir()
	req := `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(req+"\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), []byte(req), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a request"), 0o644))
	out, stderr, code := runCLI(t, "", "check", "--format", "jsonl", dir)
	assert.Equal(t, exitOK, code, stderr)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[0], `"file":"`+filepath.Join(dir, "a.json")+`"`)
	assert.Contains(t, lines[1], `"file":"`+filepath.Join(dir, "b.jsonl")+`"`)

	// A user's rule directory applies.
	rules := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(rules, "city.yaml"), []byte("version: 1\nfields:\n  city: {label: City, max-length: 5}\n"), 0o644))
	out, _, code = runCLI(t, req, "check", "--rules", rules, "--format", "api", "-")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, `{"status":"ERROR","message":"{city=City cannot be longer than 5 characters}"}`+"\n", out)
}

// Every input kind, read as its extension says, in jsonl and text.
func TestInputsGolden(t *testing.T) {
	for _, input := range []string{"requests.yaml", "requests.csv", "requests.qs", "details.json", "search.json"} {
		for _, format := range []string{"jsonl", "text"} {
			t.Run(input+"/"+format, func(t *testing.T) {
				out, stderr, code := runCLI(t, "", "check", "--format", format, filepath.Join("testdata", "inputs", input))
				assert.NotEqual(t, exitOK, code, stderr)
				golden(t, "input-"+input+"."+format, out)
			})
		}
	}
}

// Colour only when asked or on a terminal; a buffer is not one.
func TestColor(t *testing.T) {
	in := `{"name":"x"}` + "\n"
	out, _, _ := runCLI(t, in, "check", "-")
	assert.NotContains(t, out, "\x1b[")
	out, _, _ = runCLI(t, in, "check", "--color", "always", "-")
	assert.Contains(t, out, "\x1b[31m")
	_, _, code := runCLI(t, in, "check", "--color", "sometimes", "-")
	assert.Equal(t, exitTrouble, code)
}

// An untrusted export cannot rewrite the operator's terminal: control
// characters from its keys and values are escaped in text and github
// output.
func TestOutputEscapesControlCharacters(t *testing.T) {
	in := "{\"name\\u001b[2J\":\"x\",\"ci\\u0007ty\":\"y\",\"zz\\u202e\":\"z\"}\n"
	for _, format := range []string{"text", "github"} {
		out, _, _ := runCLI(t, in, "check", "-format", format, "-annotations", "100", "-")
		assert.NotContains(t, out, "\x1b", format)
		assert.NotContains(t, out, "\x07", format)
		assert.NotContains(t, out, "\u202e", format)
		assert.Contains(t, out, `name\x1b[2J`, format)
		assert.Contains(t, out, `ci\x07ty`, format)
		assert.Contains(t, out, `zz\u202e`, format)
	}
	assert.Equal(t, "plain text", printable("plain text"))
	assert.Equal(t, `a\x00b\x9bc`, printable("a\x00b\u009bc"))
}

// One test per exit code, for check and fix: nothing to check is never a
// pass.
func TestExitCodeTable(t *testing.T) {
	valid := `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	empty := t.TempDir()
	txt := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(txt, "notes.txt"), []byte(valid+"\n"), 0o644))
	emptyFile := filepath.Join(t.TempDir(), "empty.jsonl")
	require.NoError(t, os.WriteFile(emptyFile, nil, 0o644))
	for _, cmd := range []string{"check", "fix"} {
		for _, c := range []struct {
			name, stdin string
			args        []string
			code        int
			stderr      string
		}{
			{"all pass", valid + "\n", []string{"-"}, exitOK, ""},
			{"an error", strings.Replace(valid, "62701", "ABCDE", 1) + "\n", []string{"-"}, exitFailed, ""},
			{"only an unreadable record", "{\n", []string{"-"}, exitFailed, "0 checked, 0 passed, 0 failed, 1 could not be read"},
			{"a bad flag", "", []string{"-bogus", "-"}, exitTrouble, "-bogus"},
			{"a missing file", "", []string{"testdata/no-such-file.jsonl"}, exitTrouble, "no-such-file.jsonl"},
			{"empty standard input", "", []string{"-"}, exitTrouble, "no requests found in standard input"},
			{"an empty directory", "", []string{empty}, exitTrouble, "no requests found in " + empty + " (a directory is read for its .jsonl,"},
			{"a directory of .txt files", "", []string{txt}, exitTrouble, "no requests found in " + txt},
			{"an empty file", "", []string{emptyFile}, exitTrouble, "no requests found in " + emptyFile},
			{"-rules missing", valid + "\n", []string{"-rules", "testdata/no-such-dir", "-"}, exitTrouble, "-rules testdata/no-such-dir: no such directory"},
			{"-rules a file", valid + "\n", []string{"-rules", "testdata/requests.jsonl", "-"}, exitTrouble, "not a directory"},
		} {
			_, stderr, code := runCLI(t, c.stdin, append([]string{cmd}, c.args...)...)
			assert.Equal(t, c.code, code, "%s: %s\n%s", cmd, c.name, stderr)
			assert.Contains(t, stderr, c.stderr, "%s: %s", cmd, c.name)
		}
	}
}
