package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles writes name → content under dir, making directories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

// The configuration file is found from the working directory upward; its
// keys are flag names, a command's section before the top, the command
// line over both, paths relative to the file.
func TestConfigFile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		".contactlint.yaml":  "skip: [postal-code]\nrules: [myrules]\ncheck:\n  format: jsonl\n  min-severity: error\nfix:\n  format: query\n",
		"myrules/city.yaml":  "version: 1\nfields:\n  city: {label: City, max-length: 5}\n",
		"sub/deeper/x.jsonl": strings.Replace(validReq, `"62701"`, `"ABCDE"`, 1) + "\n",
	})
	t.Chdir(filepath.Join(root, "sub", "deeper"))
	out, stderr, code := runCLI(t, "", "check", "x.jsonl")
	assert.Equal(t, exitFailed, code, stderr)
	assert.True(t, strings.HasPrefix(out, `{"index":0`), "format from the check section: %s", out)
	assert.NotContains(t, out, `"postal-code"`, "skip from the top")
	assert.Contains(t, out, `"field":"city","param":"city","code":"too-long"`, "rules from the top, relative to the file")

	out, _, _ = runCLI(t, "", "check", "-format", "text", "x.jsonl")
	assert.Contains(t, out, "x.jsonl:1: city:", "the command line wins")
	out, _, _ = runCLI(t, "", "check", "-no-config", "-format", "text", "x.jsonl")
	assert.Contains(t, out, "zip: Postal Code is invalid", "-no-config reads none")
	assert.NotContains(t, out, "city:")
	out, _, _ = runCLI(t, "", "fix", "x.jsonl")
	assert.True(t, strings.HasPrefix(out, "name=Test+User&"), "fix's own section: a query string, %s", out)

	other := filepath.Join(root, "other.yaml")
	writeFiles(t, root, map[string]string{"other.yaml": "format: csv\n"})
	out, _, _ = runCLI(t, "", "check", "-config", other, "x.jsonl")
	assert.True(t, strings.HasPrefix(out, "file,line,"), "-config names the file: %s", out)

	writeFiles(t, root, map[string]string{"bad.yaml": "skip: [postal-code]\nformt: json\n"})
	_, stderr, code = runCLI(t, "", "check", "-config", filepath.Join(root, "bad.yaml"), "x.jsonl")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `bad.yaml:2: "formt" is not a setting; did you mean "format"?`)
	assert.NotContains(t, stderr, "checked", "no summary after a usage error")
	// -w only from the command line: a configuration up the tree must not
	// turn fix into a rewrite.
	writeFiles(t, root, map[string]string{"w.yaml": "fix:\n  w: true\n"})
	_, stderr, code = runCLI(t, "", "fix", "-config", filepath.Join(root, "w.yaml"), "x.jsonl")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `w.yaml:2: "w" is not a setting: only the command line may give -w`)
	got, _ := os.ReadFile(filepath.Join(root, "sub", "deeper", "x.jsonl"))
	assert.Contains(t, string(got), `"ABCDE"`, "the file is as it was")
	writeFiles(t, root, map[string]string{"serve.yaml": "addr: 127.0.0.1:9\n"})
	_, stderr, code = runCLI(t, "", "check", "-config", filepath.Join(root, "serve.yaml"), "x.jsonl")
	assert.Equal(t, exitFailed, code, "another command's setting is not this one's business: %s", stderr)

	// A top-level format another command has not is refused naming the
	// file's line, not as if the command line had said it.
	writeFiles(t, root, map[string]string{"sarif.yaml": "format: sarif\n"})
	out, stderr, code = runCLI(t, "", "check", "-config", filepath.Join(root, "sarif.yaml"), "x.jsonl")
	assert.Equal(t, exitFailed, code, stderr)
	assert.Contains(t, out, `"$schema"`, "check has sarif")
	_, stderr, code = runCLI(t, "", "fix", "-config", filepath.Join(root, "sarif.yaml"), "x.jsonl")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `sarif.yaml:1: format: "sarif" is not a format of contactlint fix (jsonl, query); a format for one command goes under its name (fix:)`)
}

// .contactlint.yml is found as .contactlint.yaml is; a directory with
// both is refused rather than one silently ignored.
func TestConfigFileYML(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		".contactlint.yml": "format: jsonl\n",
		"x.jsonl":          validReq + "\n",
	})
	t.Chdir(root)
	out, stderr, code := runCLI(t, "", "check", "x.jsonl")
	assert.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(out, `{"index":0`), ".yml read: %s", out)
	writeFiles(t, root, map[string]string{".contactlint.yaml": "format: text\n"})
	_, stderr, code = runCLI(t, "", "check", "x.jsonl")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, ".contactlint.yml: keep one")
}

// A flag that takes one value refuses a second; repeatable flags say so
// in -h and take every value.
func TestFlagGivenTwice(t *testing.T) {
	_, stderr, code := runCLI(t, "", "check", "-format", "json", "-format", "text", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-format is given twice; it takes one value")
	a, b := t.TempDir(), t.TempDir()
	writeFiles(t, a, map[string]string{"city.yaml": "version: 1\nfields:\n  city: {label: City, max-length: 5}\n"})
	writeFiles(t, b, map[string]string{"name.yaml": "version: 1\nfields:\n  name: {label: Name, max-length: 3}\n"})
	out, _, _ := runCLI(t, validReq+"\n", "check", "-no-config", "-rules", a, "-rules", b, "-")
	assert.Contains(t, out, "city:", "the first -rules is kept")
	assert.Contains(t, out, "name:", "and the second")
	help, _, _ := runCLI(t, "", "check", "-h")
	assert.Contains(t, help, "repeatable")
}

// A directory walk skips .git, node_modules, vendor and hidden
// directories unless named, and what -exclude matches.
func TestWalkSkips(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl":                    validReq + "\n",
		"old/b.jsonl":                validReq + "\n",
		"c.draft.jsonl":              validReq + "\n",
		".git/d.jsonl":               validReq + "\n",
		"node_modules/pkg/e.jsonl":   validReq + "\n",
		"vendor/f.jsonl":             validReq + "\n",
		".cache/g.jsonl":             validReq + "\n",
		"sub/.hidden/h.jsonl":        validReq + "\n",
		"sub/kept/i.jsonl":           validReq + "\n",
		"sub/kept/j.draft.jsonl":     validReq + "\n",
		"sub/kept/node_modules.json": validReq + "\n", // a file of that name is a file
	})
	_, stderr, _ := runCLI(t, "", "check", "-no-config", dir)
	assert.Contains(t, stderr, "6 checked", "a, old/b, c.draft, sub/kept/i, j.draft and the file named node_modules")
	_, stderr, _ = runCLI(t, "", "check", "-no-config", "-exclude", "*.draft.jsonl", "-exclude", filepath.ToSlash(filepath.Join(dir, "old")), dir)
	assert.Contains(t, stderr, "3 checked")
	_, stderr, _ = runCLI(t, "", "check", "-no-config", filepath.Join(dir, ".git"))
	assert.Contains(t, stderr, "1 checked", "a directory named is read")
	_, stderr, code := runCLI(t, "", "check", "-no-config", "-exclude", "[", dir)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-exclude")
}

// Colour follows NO_COLOR, FORCE_COLOR and TERM=dumb in auto mode; the
// flag's always and never win.
func TestColorConventions(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	var buf bytes.Buffer
	for _, c := range []struct {
		mode string
		env  func(string) string
		want bool
	}{
		{"auto", env(), false}, // not a terminal
		{"auto", env("FORCE_COLOR", "1"), true},
		{"auto", env("FORCE_COLOR", "0"), false},
		{"auto", env("FORCE_COLOR", "1", "NO_COLOR", "1"), false},
		{"auto", env("TERM", "dumb"), false},
		{"always", env("NO_COLOR", "1"), true},
		{"never", env("FORCE_COLOR", "1"), false},
	} {
		got, err := colorFor(c.mode, c.env, &buf)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%s %v", c.mode, c.env)
	}
}

// Mistakes are answered with what was meant: the nearest flag or
// command, the way to check a request typed on the command line; no
// summary after a usage error; --version after any command; every
// command's -h complete.
func TestUsageConventions(t *testing.T) {
	_, stderr, code := runCLI(t, "", "check", "-formt", "json", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Equal(t, "contactlint check: -formt is not a flag of contactlint check (did you mean -format?); contactlint check -h lists them\n", stderr)
	_, stderr, code = runCLI(t, "", "chek", "x.jsonl")
	assert.Equal(t, exitTrouble, code)
	assert.Equal(t, "contactlint: unknown command \"chek\" (did you mean \"check\"?); contactlint help lists the commands\n", stderr)
	_, stderr, code = runCLI(t, "", "check", "-no-config", "name=Ada&city=London")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "pass it on standard input: echo 'name=Ada&city=London' | contactlint check -input query -")
	assert.NotContains(t, stderr, "checked", "no summary when nothing was read")
	_, stderr, code = runCLI(t, "", "check", "-no-config", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Equal(t, "contactlint check: no requests found in standard input\n", stderr, "no summary when no request was found")
	out, _, code := runCLI(t, "", "help", "fix")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "Usage: contactlint fix "), "help CMD is CMD -h: %s", out)
	for _, cmd := range [][]string{{"check"}, {"fix", "x.jsonl"}, {"explain"}, {"schema"}, {"rules", "lint"}, {"serve"}} {
		out, _, code := runCLI(t, "", append(cmd, "--version")...)
		assert.Equal(t, exitOK, code, "%v", cmd)
		assert.True(t, strings.HasPrefix(out, "contactlint "), "%v: %s", cmd, out)
	}
	out, _, code = runCLI(t, "", "rules", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "-fail-level", "rules -h lists its flags")
}

// A WHMCS client report checks as contacts: its columns mapped, its
// panel columns (ID, Status, …) left out, what every row lacks given
// with -columns; fix -w changes its cells, and leaves a phone it read
// from +CC.NNNN as it was.
func TestCheckPanelExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "clients.csv")
	body := "ID,First Name,Last Name,Company Name,Email,Address 1,Address 2,City,State,Postcode,Country,Phone Number,Status\n" +
		"7,Ada,Lovelace,Benz & Cie,ada@example.com,12 Square,,London,,sw1y 4lb,GB,+44.2079460000,Active\n" +
		"8,Bob,Smith,,bob@example.com,1 Main St,,Springfield,IL,62701,US,+1.217 555 0123,Active\n"
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	args := []string{"-no-config", "-columns", `customer-id="12345"`, "-columns", `type="Contact"`}
	out, stderr, code := runCLI(t, "", append(append([]string{"check", "-format", "text"}, args...), path)...)
	assert.Equal(t, exitFailed, code, stderr)
	assert.NotContains(t, out, "unknown-param")
	assert.NotContains(t, out, "Required parameter missing: customer-id", "given with -columns")
	assert.NotContains(t, out, "Required parameter missing: type")
	assert.Contains(t, out, "clients.csv:2: zip: warning: Postal Code should be written in upper case")
	assert.Contains(t, out, "clients.csv:3: company: Required parameter missing: company") // the API needs one
	_, stderr, _ = runCLI(t, "", append(append([]string{"fix", "-w"}, args...), path)...)
	got, _ := os.ReadFile(path)
	assert.Equal(t, strings.Replace(body, "sw1y 4lb", "SW1Y 4LB", 1), string(got))
	assert.Contains(t, stderr, "clients.csv:3: not fixed: phone has no column of its own")
}

// A format violation says what would pass, with an example, in every
// report format — and never in the API's own answer.
func TestExpectedInEveryFormat(t *testing.T) {
	bad := strings.Replace(validReq, `"62701"`, `"6270"`, 1) + "\n"
	const want = "5 digits, optionally followed by a space or hyphen and 4 digits, e.g. 12345"
	for _, format := range outputFormats {
		out, _, _ := runCLI(t, bad, "check", "-no-config", "-format", format, "-")
		if format == "api" {
			assert.NotContains(t, out, "e.g.", "the API's answer is the API's")
			assert.Contains(t, out, "Postal Code is invalid")
			continue
		}
		assert.Contains(t, out, want, format)
	}
}

// Every command's -format takes its own formats and refuses any other in
// the same words, naming them, before anything is read.
func TestFormatChoices(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-format", "yaml", "x.jsonl"}, `-format: "yaml" is not a format of contactlint check (text, jsonl, json, api, sarif, github, junit, csv)`},
		{[]string{"fix", "-format", "json", "x.jsonl"}, `-format: "json" is not a format of contactlint fix (jsonl, query)`},
		{[]string{"explain", "-format", "sarif", "contacts/add"}, `-format: "sarif" is not a format of contactlint explain (text, json)`},
		{[]string{"rules", "lint", "-format", "csv"}, `-format: "csv" is not a format of contactlint rules lint (text, json, sarif)`},
		{[]string{"calibrate", "-format", "csv", "d.jsonl"}, `-format: "csv" is not a format of contactlint calibrate (text, json)`},
	} {
		out, stderr, code := runCLI(t, "", c.args...)
		assert.Equal(t, exitTrouble, code, "%v", c.args)
		assert.Contains(t, stderr, c.want, "%v", c.args)
		assert.Empty(t, out, "%v", c.args)
	}
}
