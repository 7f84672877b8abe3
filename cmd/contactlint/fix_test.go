package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixable.jsonl holds one request per kind of fix, and the values fix
// must leave alone: a +49 number whose phone-cc says 1, a repeated
// parameter, a .AT company changed from its current value.
func TestFixGolden(t *testing.T) {
	for _, format := range []string{"jsonl", "query"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", "fix", "-format", format, "testdata/fixable.jsonl")
			assert.Equal(t, exitFailed, code, "the last line cannot be read")
			golden(t, "fix-fixable."+format, out)
			golden(t, "fix-fixable."+format+".stderr", stderr)
		})
	}
}

func TestFixLeavesUnsureValues(t *testing.T) {
	out, stderr, _ := runCLI(t, "", "fix", "testdata/fixable.jsonl")
	lines := strings.Split(out, "\n")
	assert.Contains(t, lines[3], `"phone-cc":"1","phone":"+49 30 1234567"`, "phone-cc disagrees with the number's own code")
	assert.Contains(t, lines[4], `"company":"Muster AG"`, "a change from the current value is the caller's to make")
	assert.Contains(t, lines[6], `"name":[" Ada","Ada"]`, "a repeated parameter's violations do not say which value")
	assert.NotContains(t, stderr, ":4: phone:")
	assert.Equal(t, `{"name":`, lines[7], "an unreadable request is written back as it was")
	assert.Contains(t, stderr, ":8: input: invalid JSON")
}

// Fixing twice changes nothing more, and what fix wrote reads back.
func TestFixIsIdempotent(t *testing.T) {
	once, _, _ := runCLI(t, "", "fix", "testdata/fixable.jsonl")
	once = strings.TrimSuffix(once, "\n")
	twice, stderr, _ := runCLI(t, once+"\n", "fix", "-")
	assert.Equal(t, once+"\n", twice)
	assert.Contains(t, stderr, "; 0 values changed")
}

// Every fixed request answers check with no fix left but the unsure ones.
func TestFixedRequestsHaveNoSureFixLeft(t *testing.T) {
	fixed, _, _ := runCLI(t, "", "fix", "testdata/fixable.jsonl")
	out, _, _ := runCLI(t, fixed, "check", "-format", "jsonl", "-")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 8)
	for i, line := range lines {
		switch i + 1 {
		case 5, 7: // fixes fix is not sure of (TestFixLeavesUnsureValues)
			assert.Contains(t, line, `"fix":`)
		default:
			assert.NotContains(t, line, `"fix":`)
		}
	}
}

func TestFixQueryInput(t *testing.T) {
	dir := t.TempDir()
	in := "name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=us&zipcode=62701&phone=%2B1+217+555+0123&customer-id=1&type=Contact\n"
	path := filepath.Join(dir, "requests.qs")
	require.NoError(t, os.WriteFile(path, []byte(in), 0o644))
	out, stderr, code := runCLI(t, "", "fix", "-format", "query", path)
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=1&type=Contact\n", out)
}

func TestFixUsage(t *testing.T) {
	for _, args := range [][]string{
		{"fix"},
		{"fix", "-format", "yaml", "-"},
		{"fix", "-j", "0", "-"},
		{"fix", "-input", "xml", "-"},
		{"fix", "-rules", "testdata/does-not-exist", "-"},
		{"fix", "testdata/does-not-exist.jsonl"},
	} {
		_, stderr, code := runCLI(t, "", args...)
		assert.Equal(t, exitTrouble, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	out, _, code := runCLI(t, "", "fix", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "never changes a value", "help is on standard output")
}

// Nothing is lost: a request over the size limit, as a JSON Lines line or
// a JSON array member, is written back unchanged, in its place.
func TestFixWritesOversizeBack(t *testing.T) {
	big := `{"name":"` + strings.Repeat("a", 2<<20) + `"}`
	small := validReq
	for _, in := range []struct{ name, input string }{
		{"jsonl", small + "\n" + big + "\n" + small + "\n"},
		{"json array", "[" + small + ",\n" + big + ",\n" + small + "]"},
		{"crlf", small + "\r\n" + big + "\r\n" + small + "\r\n"},
	} {
		out, stderr, _ := runCLI(t, in.input, "fix", "-")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		require.Len(t, lines, 3, in.name)
		assert.True(t, strings.TrimSuffix(lines[1], "\r") == big, "%s: the oversize request, byte for byte", in.name)
		assert.Contains(t, stderr, "longer than 1 MiB (1048576 bytes) (written back unchanged)", in.name)
	}
	zeros := strings.Repeat("\x00", 3<<20)
	out, _, _ := runCLI(t, zeros, "fix", "-")
	assert.Equal(t, zeros+"\n", out, "even bytes that are no JSON")
	entries, _ := os.ReadDir(os.TempDir())
	for _, e := range entries {
		assert.NotContains(t, e.Name(), "contactlint-spill-", "spill files are removed")
	}
}

// What fix does not fix comes out as it came in: null and repeated keys,
// numbers, booleans, escapes (a lone surrogate too), HTML characters,
// spacing and key order; only the fixed values change.
func TestFixChangesOnlyWhatItFixes(t *testing.T) {
	in := `{"name":"Benz & Cie <GmbH>",  "company" : "Example \ud800 Inc", "email":"a@example.com","address-line-1":"1 Main St","city":"Springfield",` +
		`"country":"gb","zipcode":"sw1y 4lb","phone-cc":44,"phone":"2079460000","customer-id":12345,"type":"Contact","state":null,"x":true,"x":false}`
	out, stderr, _ := runCLI(t, in+"\n", "fix", "-")
	want := strings.NewReplacer(`"country":"gb"`, `"country":"GB"`, `"zipcode":"sw1y 4lb"`, `"zipcode":"SW1Y 4LB"`).Replace(in)
	assert.Equal(t, want+"\n", out, stderr)

	// An envelope and a contact set: edited in place too; a split phone's
	// code is put before the number.
	env := `{"command":"contacts/add","tld":"us","params":{"name":"Ada","phone":"+44 20 7946 0000","n":null}}`
	out, _, _ = runCLI(t, env+"\n", "fix", "-")
	assert.Equal(t, `{"command":"contacts/add","tld":"us","params":{"name":"Ada","phone-cc":"44","phone":"2079460000","n":null}}`+"\n", out)
	set := `{"tld":"asia","contacts":{"registrant":{"country":"sg","z":1},"admin":{"country":"fr"}}}`
	out, _, _ = runCLI(t, set+"\n", "fix", "-")
	assert.Equal(t, `{"tld":"asia","contacts":{"registrant":{"country":"SG","z":1},"admin":{"country":"FR"}}}`+"\n", out)
}

// The lines come out as they came in: CRLF ends and blank lines kept.
func TestFixKeepsLayout(t *testing.T) {
	fixable := strings.Replace(validReq, `"country":"US"`, `"country":"us"`, 1)
	in := "\r\n" + validReq + "\r\n\r\n  \n" + fixable + "\r\n{broken\r\n" + validReq
	out, _, _ := runCLI(t, in, "fix", "-")
	want := "\r\n" + validReq + "\r\n\r\n  \n" + validReq + "\r\n{broken\r\n" + validReq + "\n"
	assert.Equal(t, want, out, "a missing last line end is added")
}

// An exported contact is fixed in its own shape, its internal keys kept.
func TestFixExportInPlace(t *testing.T) {
	in := `{"entityid":"42","name":"Ada Lovelace","company":"N/A","emailaddr":"ada@example.com","address1":"1 Main St","city":"London","country":"gb","zip":"sw1a 1aa","telnocc":"44","telno":"2079460000","type":"Contact","customerid":"7","currentstatus":"Active"}`
	out, _, _ := runCLI(t, in+"\n", "fix", "-")
	assert.Equal(t, strings.NewReplacer(`"country":"gb"`, `"country":"GB"`, `"zip":"sw1a 1aa"`, `"zip":"SW1A 1AA"`).Replace(in)+"\n", out)
}

// fix -w rewrites each JSON Lines file (and JSON file of objects) in
// place, atomically, only when something in it changed; other kinds are
// left alone and said so; nothing temporary is left behind.
func TestFixInPlace(t *testing.T) {
	dir := t.TempDir()
	fixable := `{"name":"Ada Lovelace","company":"Benz & Cie","email":"ada@example.com","address-line-1":"12 St James Square","city":"London","country":"gb","zipcode":"sw1y 4lb","phone-cc":"44","phone":"2079460000","customer-id":"12345","type":"Contact"}`
	clean := strings.NewReplacer(`"gb"`, `"GB"`, `"sw1y 4lb"`, `"SW1Y 4LB"`).Replace(fixable)
	files := map[string]string{
		"a.jsonl": fixable + "\n" + clean + "\n",
		"b.jsonl": clean + "\n",
		"c.json":  "{\n  \"name\": \"Ada Lovelace\", \"company\": \"Benz & Cie\", \"email\": \"ada@example.com\", \"address-line-1\": \"12 St James Square\",\n  \"city\": \"London\", \"country\": \"gb\", \"zipcode\": \"SW1Y 4LB\", \"phone-cc\": \"44\", \"phone\": \"2079460000\", \"customer-id\": \"12345\", \"type\": \"Contact\"\n}\n",
		"d.json":  "[" + fixable + "]\n",
		"e.yaml":  "country: gb\n",
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o640))
	}
	before, err := os.Stat(filepath.Join(dir, "b.jsonl"))
	require.NoError(t, err)

	out, stderr, code := runCLI(t, "", "fix", "-w", dir)
	assert.Equal(t, exitFailed, code, "e.yaml's request still fails: %s", stderr)
	assert.Empty(t, out, "nothing on standard output")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return string(b)
	}
	assert.Equal(t, clean+"\n"+clean+"\n", read("a.jsonl"), "fixed, the rest byte for byte (no \\u0026)")
	assert.Contains(t, stderr, filepath.Join(dir, "a.jsonl")+": rewritten")
	assert.Equal(t, files["b.jsonl"], read("b.jsonl"))
	after, err := os.Stat(filepath.Join(dir, "b.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, before.ModTime(), after.ModTime(), "an unchanged file is not written")
	assert.Equal(t, strings.Replace(files["c.json"], `"gb"`, `"GB"`, 1), read("c.json"), "a JSON object keeps its layout")
	assert.Equal(t, files["d.json"], read("d.json"))
	assert.Contains(t, stderr, "d.json: not rewritten")
	assert.Equal(t, files["e.yaml"], read("e.yaml"))
	assert.Contains(t, stderr, "e.yaml: not rewritten")
	st, _ := os.Stat(filepath.Join(dir, "a.jsonl"))
	assert.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "the file's mode is kept")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, len(files), "no temporary file left")

	_, stderr, code = runCLI(t, fixable+"\n", "fix", "-w", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-w rewrites files")
}
