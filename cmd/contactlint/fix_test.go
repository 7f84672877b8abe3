package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

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
	assert.Contains(t, out, "never changes a number's\nvalue", "help is on standard output")
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
	assert.Equal(t, exitTrouble, code, "d.json and e.yaml have fixes -w cannot write: %s", stderr)
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
	assert.Contains(t, stderr, "d.json: not rewritten: -w rewrites JSON Lines, CSV and TSV files and JSON files of objects, not json; its fixes are not written")
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

// fixableGB is a request fix changes (country and postcode case) and
// cleanGB the same request fixed.
const fixableGB = `{"name":"Ada Lovelace","company":"Benz & Cie","email":"ada@example.com","address-line-1":"12 St James Square","city":"London","country":"gb","zipcode":"sw1y 4lb","phone-cc":"44","phone":"2079460000","customer-id":"12345","type":"Contact"}`

var cleanGB = strings.NewReplacer(`"gb"`, `"GB"`, `"sw1y 4lb"`, `"SW1Y 4LB"`).Replace(fixableGB)

// A file with a record that cannot be read is not rewritten: it stays
// byte for byte as it was, and the run says which records and exits 1.
func TestFixInPlaceKeepsFileWithUnreadRecord(t *testing.T) {
	dir := t.TempDir()
	body := "[\n" + fixableGB + ",\n{\"name\":\"Ada\",\n" + fixableGB + ",\n" + fixableGB + "\n]\n"
	path := filepath.Join(dir, "contacts.json")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	body2 := fixableGB + "\n{\"name\":\n" + fixableGB + "\n"
	path2 := filepath.Join(dir, "contacts.jsonl")
	require.NoError(t, os.WriteFile(path2, []byte(body2), 0o644))
	_, stderr, code := runCLI(t, "", "fix", "-w", path2)
	assert.Equal(t, exitFailed, code, stderr)
	assert.Contains(t, stderr, path2+": not rewritten: 1 record could not be read (line 2); the file is as it was")
	got, _ := os.ReadFile(path2)
	assert.Equal(t, body2, string(got))

	// The reader goes on after the value left open: stdout has all four.
	out, _, _ := runCLI(t, "", "fix", "-input", "json", path)
	assert.Equal(t, 3, strings.Count(out, cleanGB), "the records after the broken one are read and fixed")
	assert.Contains(t, out, `{"name":"Ada"`, "the broken one is written back as it was")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "no temporary file left")
}

// A record fix changes nothing in is written back byte for byte, whatever
// its keys' escapes, nulls, numbers and spacing; one with escaped keys is
// fixed in place; one whose fix has no certain place (an export's split
// phone) goes back as it was, said — never written anew,
// which would drop its nulls and turn its numbers into strings.
func TestFixInPlaceEscapedKeys(t *testing.T) {
	dir := t.TempDir()
	untouched := strings.Replace(cleanGB, `"type":"Contact"}`, `"type":"Contact", "n\u0061me2":1.50,  "x":null, "a\/b":true}`, 1)
	escaped := strings.Replace(fixableGB, `"country":"gb"`, `"c\u006funtry":"gb"`, 1)
	repeated := `{"entityid":"42","name":"Ada Lovelace","company":"N/A","emailaddr":"ada@example.com","address1":"1 Main St","city":"London","country":"GB","zip":"SW1A 1AA","telno":"+44.2079460000","type":"Contact","customerid":"7","currentstatus":"Active"}`
	twice := strings.Replace(fixableGB, `"type":"Contact"}`, `"type":"Contact","c\u006funtry":"fr"}`, 1)
	body := untouched + "\n" + escaped + "\n" + repeated + "\n" + twice + "\n"
	path := filepath.Join(dir, "contacts.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	_, stderr, _ := runCLI(t, "", "fix", "-w", path)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(string(got), "\n")
	require.Len(t, lines, 5, "%s", got)
	assert.Equal(t, untouched, lines[0], "nothing to fix: byte for byte")
	assert.Equal(t, strings.NewReplacer(`"c\u006funtry":"gb"`, `"c\u006funtry":"GB"`, `"sw1y 4lb"`, `"SW1Y 4LB"`).Replace(escaped), lines[1], "fixed in place, its escape kept")
	assert.Equal(t, repeated, lines[2], "an export's phone split: its calling code has no certain key, so as it was")
	assert.Contains(t, stderr, path+":3: not fixed: its fixes cannot be placed in its JSON with certainty")
	assert.Equal(t, strings.Replace(twice, `"sw1y 4lb"`, `"SW1Y 4LB"`, 1), lines[3], "a country named twice is not fixed, the rest is, in place")
}

// A contacts/search page is fixed to standard output, contact by contact,
// but -w leaves the file as it came (its wrapper cannot be written back),
// exit 2.
func TestFixInPlaceSearchPage(t *testing.T) {
	page := `{"recsonpage":"1","1":{"contact.name":"Ada Lovelace","contact.company":"N/A","contact.emailaddr":"ada@example.com","contact.address1":"1 Main St","contact.city":"London","contact.country":"gb","contact.zip":"SW1A 1AA","contact.telnocc":"44","contact.telno":"2079460000","contact.type":"Contact","entity.customerid":"7"}}` + "\n"
	path := filepath.Join(t.TempDir(), "page.json")
	require.NoError(t, os.WriteFile(path, []byte(page), 0o644))
	_, stderr, code := runCLI(t, "", "fix", "-w", path)
	assert.Equal(t, exitTrouble, code, stderr)
	assert.Contains(t, stderr, "not rewritten: it holds a contacts/search page")
	got, _ := os.ReadFile(path)
	assert.Equal(t, page, string(got))
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1, "no temporary file left")
	out, _, _ := runCLI(t, "", "fix", path)
	assert.Contains(t, out, `"contact.country":"GB"`, "to standard output, the contact fixed")
}

// -w gives a file back the blank it ended with: trailing blank lines (LF
// or CRLF, spaces and tabs on them) kept, no final newline added.
func TestFixInPlaceKeepsTrailingLines(t *testing.T) {
	dir := t.TempDir()
	for i, end := range []string{"\n\n\n", "\r\n\r\n", "", "\n", "\n  \t\n ", "\r\n \r\n"} {
		path := filepath.Join(dir, fmt.Sprintf("t%d.jsonl", i))
		require.NoError(t, os.WriteFile(path, []byte(fixableGB+"\n"+fixableGB+end), 0o644))
		_, stderr, code := runCLI(t, "", "fix", "-w", path)
		assert.Equal(t, exitOK, code, stderr)
		got, _ := os.ReadFile(path)
		assert.Equal(t, cleanGB+"\n"+cleanGB+end, string(got), "%q", end)
	}
}

// An input named twice — the same path, a directory and a file in it, a
// link to it — is read once, so nothing is checked or written twice.
func TestInputReadOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(fixableGB+"\n"+fixableGB+"\n"), 0o644))
	link := filepath.Join(t.TempDir(), "link.jsonl")
	require.NoError(t, os.Symlink(path, link))
	for _, args := range [][]string{{path, path}, {dir, path}, {path, dir}, {path, link}} {
		_, stderr, code := runCLI(t, "", append([]string{"check", "-format", "text"}, args...)...)
		assert.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stderr, "2 checked", "%v", args)
		assert.Contains(t, stderr, "read already", "%v", args)
	}
	_, stderr, code := runCLI(t, "", "fix", "-w", path, path)
	assert.Equal(t, exitOK, code, stderr)
	got, _ := os.ReadFile(path)
	assert.Equal(t, cleanGB+"\n"+cleanGB+"\n", string(got), "every record once")
}

// -w writes through a symbolic link to its target (the link stays a
// link), refuses a file with other hard links, and keeps the mode, the
// set-group-id bit, the owner and group, a byte-order mark and the
// absence of a final newline.
func TestFixInPlaceKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.jsonl")
	require.NoError(t, os.WriteFile(target, []byte(fixableGB+"\n"), 0o644))
	link := filepath.Join(dir, "link.jsonl")
	require.NoError(t, os.Symlink("target.jsonl", link))
	_, stderr, code := runCLI(t, "", "fix", "-w", link)
	assert.Equal(t, exitOK, code, stderr)
	st, err := os.Lstat(link)
	require.NoError(t, err)
	assert.True(t, st.Mode()&os.ModeSymlink != 0, "the link is still a link")
	got, _ := os.ReadFile(target)
	assert.Equal(t, cleanGB+"\n", string(got), "the target is fixed")
	assert.Contains(t, stderr, "the file it links to")

	hard := filepath.Join(dir, "hard.jsonl")
	other := filepath.Join(dir, "other-name.jsonl")
	require.NoError(t, os.WriteFile(hard, []byte(fixableGB+"\n"), 0o644))
	require.NoError(t, os.Link(hard, other))
	_, stderr, code = runCLI(t, "", "fix", "-w", hard)
	assert.Equal(t, exitTrouble, code, "fixes -w did not write are trouble, never a 0")
	assert.Contains(t, stderr, "not rewritten: it has 2 hard links")
	got, _ = os.ReadFile(other)
	assert.Equal(t, fixableGB+"\n", string(got))

	kept := filepath.Join(dir, "kept.jsonl")
	body := "\ufeff" + fixableGB + "\r\n" + fixableGB // BOM, CRLF, no final newline
	require.NoError(t, os.WriteFile(kept, []byte(body), 0o600))
	mode := os.FileMode(0o640)
	if os.Getuid() == 0 {
		mode |= os.ModeSetgid
		require.NoError(t, os.Chown(kept, 4321, 8765))
	}
	require.NoError(t, os.Chmod(kept, mode))
	_, stderr, code = runCLI(t, "", "fix", "-w", kept)
	assert.Equal(t, exitOK, code, stderr)
	got, _ = os.ReadFile(kept)
	assert.Equal(t, "\ufeff"+cleanGB+"\r\n"+cleanGB, string(got))
	st, err = os.Stat(kept)
	require.NoError(t, err)
	assert.Equal(t, mode, st.Mode()&(os.ModePerm|os.ModeSetgid))
	if os.Getuid() == 0 {
		sys := st.Sys().(*syscall.Stat_t)
		assert.Equal(t, []uint32{4321, 8765}, []uint32{sys.Uid, sys.Gid}, "owner and group kept")
	}
}

// A file written to while fix -w reads it is not replaced: what was
// written meanwhile would be lost. (Should a run finish before the write
// lands, a larger input is tried.)
func TestFixInPlaceFileChangedMeanwhile(t *testing.T) {
	bin := buildBinary(t)
	for _, n := range []int{200000, 800000} {
		dir, path, body := bigFixable(t, n)
		cmd := exec.Command(bin, "fix", "-w", path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		startFixW(t, cmd, dir)
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		require.NoError(t, err)
		_, err = f.WriteString(cleanGB + "\n")
		require.NoError(t, err)
		require.NoError(t, f.Close())
		err = cmd.Wait()
		got, _ := os.ReadFile(path)
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			continue // finished before the write: nothing was lost
		}
		assert.Equal(t, exitTrouble, exit.ExitCode(), stderr.String())
		assert.Contains(t, stderr.String(), "not rewritten: it changed while fix read it")
		assert.Equal(t, body+cleanGB+"\n", string(got), "the file with what was written meanwhile")
		entries, _ := os.ReadDir(dir)
		assert.Len(t, entries, 1, "no temporary file left")
		return
	}
	t.Skip("every run finished before the write landed")
}

// SIGTERM in the middle of fix -w removes the temporary file: the input
// stays as it was, and no copy of its requests is left behind. (Should a
// run finish before the signal lands, a larger input is tried.)
func TestFixInPlaceInterrupted(t *testing.T) {
	bin := buildBinary(t)
	for _, n := range []int{200000, 800000} {
		dir, path, body := bigFixable(t, n)
		cmd := exec.Command(bin, "fix", "-w", path)
		startFixW(t, cmd, dir)
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		err := cmd.Wait()
		entries, _ := os.ReadDir(dir)
		assert.Len(t, entries, 1, "no temporary file left")
		got, _ := os.ReadFile(path)
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			assert.Equal(t, strings.Repeat(cleanGB+"\n", n), string(got), "finished first: the whole file fixed")
			continue
		}
		assert.Equal(t, body, string(got), "the input as it was")
		return
	}
	t.Skip("every run finished before the signal landed")
}

// fix -w rewrites a CSV file's fixed cells and nothing else: quotes,
// CR LF (inside a cell too) and every other cell byte for byte. A fix
// with no cell of its own (a joined column) leaves its row as it was.
func TestFixInPlaceCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	head := "name,company,email,address-line-1,city,country,zipcode,phone-cc,phone,customer-id,type\r\n"
	body := head +
		"\"Ada Lovelace\",\"Benz & Cie\",ada@example.com,\"12 St James\r\nSquare\",London,gb,\"sw1y 4lb\",44,2079460000,1,Contact\r\n" +
		"Bob Smith,\"X, Inc\",b@example.com,1 Main,Springfield,US,62701,,+1 217 555 0123,2,Contact\r\n"
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	_, stderr, code := runCLI(t, "", "fix", "-w", path)
	assert.Equal(t, exitOK, code, stderr)
	got, _ := os.ReadFile(path)
	want := head +
		"\"Ada Lovelace\",\"Benz & Cie\",ada@example.com,\"12 St James\r\nSquare\",London,GB,\"SW1Y 4LB\",44,2079460000,1,Contact\r\n" +
		"Bob Smith,\"X, Inc\",b@example.com,1 Main,Springfield,US,62701,1,2175550123,2,Contact\r\n"
	assert.Equal(t, want, string(got))

	joined := filepath.Join(dir, "joined.csv")
	jbody := "first,last,company,email,address-line-1,city,country,zipcode,phone-cc,phone,customer-id,type\n" +
		"Ada,Love\u00a0lace,Benz,ada@example.com,12 Square,London,gb,SW1Y 4LB,44,2079460000,1,Contact\n" +
		"Bob,Smith,X,b@example.com,1 Main,London,gb,SW1Y 4LB,44,2079460000,2,Contact\n"
	require.NoError(t, os.WriteFile(joined, []byte(jbody), 0o644))
	_, stderr, _ = runCLI(t, "", "fix", "-w", "-columns", "name=first+last", joined)
	got, _ = os.ReadFile(joined)
	want = strings.Replace(jbody, "London,gb,SW1Y 4LB,44,2079460000,2", "London,GB,SW1Y 4LB,44,2079460000,2", 1)
	assert.Equal(t, want, string(got), "the second row fixed; the first, whose name fix has no cell, as it was")
	assert.Contains(t, stderr, "joined.csv:2: not fixed: name has no column of its own to write unicode-space fix in; written back as it was")
}

// The same request, given as YAML, JSON or CSV, comes out of fix as the
// same bytes: one string encoder (no \u0026 for &, no \u003c for <).
func TestFixWritesOneEncoding(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"r.yaml":  "name: Ada Lovelace\ncompany: \"Benz & Cie <GmbH>\"\nemail: ada@example.com\naddress-line-1: 12 Square\ncity: London\ncountry: gb\nzipcode: SW1Y 4LB\nphone-cc: \"44\"\nphone: \"2079460000\"\ncustomer-id: \"1\"\ntype: Contact\n",
		"r.jsonl": `{"name":"Ada Lovelace","company":"Benz & Cie <GmbH>","email":"ada@example.com","address-line-1":"12 Square","city":"London","country":"gb","zipcode":"SW1Y 4LB","phone-cc":"44","phone":"2079460000","customer-id":"1","type":"Contact"}` + "\n",
		"r.csv":   "name,company,email,address-line-1,city,country,zipcode,phone-cc,phone,customer-id,type\nAda Lovelace,Benz & Cie <GmbH>,ada@example.com,12 Square,London,gb,SW1Y 4LB,44,2079460000,1,Contact\n",
	}
	var outs []string
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
		out, stderr, code := runCLI(t, "", "fix", "-no-config", filepath.Join(dir, name))
		assert.Equal(t, exitOK, code, stderr)
		assert.Contains(t, out, `"company":"Benz & Cie <GmbH>"`, name)
		assert.Contains(t, out, `"country":"GB"`, name)
		outs = append(outs, out)
	}
	assert.Equal(t, outs[0], outs[1])
	assert.Equal(t, outs[1], outs[2])
}

// bigFixable writes n fixable requests to big.jsonl in a directory of its
// own: an input fix -w takes seconds over.
func bigFixable(t *testing.T, n int) (dir, path, body string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "big.jsonl")
	body = strings.Repeat(fixableGB+"\n", n)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	return dir, path, body
}

// startFixW starts cmd, a fix -w of a file in dir, and returns once its
// temporary file is there: fix is reading.
func startFixW(t *testing.T, cmd *exec.Cmd, dir string) {
	t.Helper()
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(30 * time.Second)
	for {
		entries, _ := os.ReadDir(dir)
		if len(entries) > 1 || time.Now().After(deadline) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
