package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/input"
	"github.com/contactlint/contactlint/sidecar"
)

const validReq = `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`

// Bad input of every kind gets its own result naming its line, the other
// requests are still checked, the exit code is 1 (a finding about the
// data, counted apart), and nothing panics or hangs.
func TestBadInput(t *testing.T) {
	huge := `{"name":"` + strings.Repeat("a", 10<<20) + `"}`
	cases := []struct {
		name, input string
		code        int
		want        []string // substrings of the jsonl output, in order
	}{
		{"malformed JSON", "{\"name\":\n" + validReq + "\n", exitFailed,
			[]string{`"line":1,"ok":false,"error":"invalid JSON`, `"line":2,"ok":true`}},
		{"non-UTF-8 bytes", "{\"name\":\"\xff\xfe\"}\n" + validReq + "\n", exitFailed,
			[]string{`"line":1,"ok":false,"error":"the request is not valid UTF-8 (first bad byte at offset 9)"`, `"line":2,"ok":true`}},
		{"a 10 MB field", huge + "\n" + validReq + "\n", exitFailed,
			[]string{`"line":1,"ok":false,"error":"the request is longer than 1 MiB (1048576 bytes)"`, `"line":2,"ok":true`}},
		// The API has calls the rules do not describe: a warning, not checked.
		{"an unknown command", `{"command":"contacts/remove","params":{"contact-id":"1"}}` + "\n", exitOK,
			[]string{`"code":"unknown-command","severity":"warning"`}},
		{"not an object", "[1,2]\n", exitFailed, []string{`"error":"a request is a JSON object, not a number"`}},
		{"an object as a value", `{"name":{"first":"Ada"}}` + "\n", exitFailed, []string{`parameter \"name\": a value is a string`}},
		{"an unknown envelope key", `{"comand":"contacts/add","params":{}}` + "\n", exitFailed, []string{`did you mean \"command\"?`}},
		{"envelope command not a string", `{"command":1,"params":{}}` + "\n", exitFailed, []string{`\"command\" must be a string`}},
		{"trailing data", validReq + " {}\n" + validReq + "\n", exitFailed, []string{`more data after a request`, `"line":2,"ok":true`}},
		{"a JSON array broken mid-way", "[\n" + validReq + ",\n{\"name\": ]\n", exitFailed,
			[]string{`"line":2,"ok":true`, `"line":3,"ok":false,"error":"invalid JSON`}},
		{"a JSON array cut short", "[\n" + validReq + ",\n", exitFailed, []string{`"line":2,"ok":true`, `ends inside an array`}},
		// A value left open swallows nothing after it: reading goes on at
		// the next line that begins an object.
		{"a JSON object left open in an array", "[\n" + validReq + ",\n{\"name\":\"Ada\",\n" + validReq + ",\n" + validReq + "\n]\n", exitFailed,
			[]string{`"line":2,"ok":true`, `"line":3,"ok":false,"error":"invalid JSON: the value that begins here is not closed before line 4`, `"line":4,"ok":true`, `"line":5,"ok":true`}},
		{"a JSON string left open in an array", "[\n" + validReq + ",\n{\"name\":\"Ada},\n" + validReq + ",\n" + validReq + "\n]\n", exitFailed,
			[]string{`"line":2,"ok":true`, `"line":3,"ok":false,"error":"invalid JSON`, `"line":4,"ok":true`, `"line":5,"ok":true`}},
		{"a JSON value left open with nothing to resume at", "[" + validReq + ",{\"name\":\"Ada\"," + validReq, exitFailed,
			[]string{`"ok":true`, `"ok":false,"error":"invalid JSON: the value that begins here is not closed; `, ` bytes from here to the end were not read`}},
		// One bad YAML document is one unreadable record, on its own line.
		{"a YAML document with a control character", "---\nname: A\n---\nname: \"x\x01y\"\ncity: C\n---\nname: D\n", exitFailed,
			[]string{`"line":2,"ok":false`, `"line":4,"ok":false,"error":"invalid YAML: control characters are not allowed"`, `"line":7,"ok":false`}},
		{"a YAML document the parser refuses", "name: A\n---\nname: B\ncity: [open\n---\nname: D\n", exitFailed,
			[]string{`"line":1,"ok":false`, `"line":4,"ok":false,"error":"invalid YAML: did not find expected ',' or ']'"`, `"line":6,"ok":false`}},
		{"NUL bytes", "\x00\x00\n" + validReq + "\n", exitFailed, []string{`"line":1,"ok":false`, `"line":2,"ok":true`}},
		{"a set with params too", `{"tld":"nl","params":{},"contacts":{}}` + "\n", exitFailed, []string{`params (one contact) or contacts`}},
		{"a set with an unknown role", `{"tld":"nl","contacts":{"registrnt":{}}}` + "\n", exitFailed, []string{`did you mean \"registrant\"?`}},
		{"a set with a role twice", `{"tld":"nl","contacts":{"tech":{},"tech":{}}}` + "\n", exitFailed, []string{`the role \"tech\" is given twice`}},
		{"a set with a role in the envelope", `{"tld":"nl","role":"tech","contacts":{"tech":{}}}` + "\n", exitFailed, []string{`not in role`}},
		{"a tld that is neither a string nor a list", `{"tld":1,"params":{}}` + "\n", exitFailed, []string{`\"tld\" must be a string or a list`}},
		{"current that is not an object", `{"command":"contacts/modify","current":[1],"params":{}}` + "\n", exitFailed, []string{`\"current\" is a JSON object`}},
		{"CRLF line ends", validReq + "\r\n" + validReq + "\r\n", exitOK, []string{`"line":1,"ok":true`, `"line":2,"ok":true`}},
		{"no final newline", validReq, exitOK, []string{`"line":1,"ok":true`}},
		{"empty input", "", exitTrouble, nil}, // no request found
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var out, stderr string
			var code int
			go func() {
				defer close(done)
				out, stderr, code = runCLI(t, tc.input, "check", "--format", "jsonl", "-")
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("contactlint check did not finish")
			}
			assert.Equal(t, tc.code, code, "stderr: %s", stderr)
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				require.GreaterOrEqual(t, i, 0, "want %s in:\n%s", w, trim(out))
				rest = rest[i+len(w):]
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// Every kind, in a file whose extension says nothing (.txt) and on
// standard input, with and without a byte-order mark, is read for what it
// is: the same requests, in a golden file per kind.
func TestSniffedInputs(t *testing.T) {
	files, err := filepath.Glob("testdata/inputs/sniff/*.txt")
	require.NoError(t, err)
	for _, f := range input.Formats() {
		assert.FileExists(t, "testdata/inputs/sniff/"+f.String()+".txt", "a sample of every kind")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			out, stderr, code := runCLI(t, "", "check", "-format", "jsonl", f)
			assert.Equal(t, exitFailed, code, stderr)
			assert.NotContains(t, out, `"error":`, "every request read")
			golden(t, "sniff-"+name+".jsonl", out)
			for _, in := range []string{string(src), "\ufeff" + string(src)} {
				stdinOut, _, _ := runCLI(t, in, "check", "-format", "jsonl", "-")
				assert.Equal(t, strings.ReplaceAll(out, `"file":"`+f+`"`, `"file":"<stdin>"`), stdinOut, "standard input reads the same")
			}
		})
	}
	// What is no kind says so, once.
	_, _, _ = runCLI(t, "", "check", "-")
	out, _, code := runCLI(t, "hello world\nsecond line\n", "check", "-format", "jsonl", "-")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, 1, strings.Count(out, "-input names its kind"), out)
}

// A CSV record with a broken quote is a record naming its line, and the
// rows after it are checked.
func TestCSVBrokenQuote(t *testing.T) {
	out, _, code := runCLI(t, "name,city\nAda,x\n\"b\"c,y\nGrace,z\n", "check", "-input", "csv", "-format", "jsonl", "-")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, out, `"line":3,"ok":false,"error":"invalid CSV`)
	assert.Contains(t, out, `"line":4,"ok":false,"response"`, "the row after the broken one is checked")
}

// A contacts/search page reads the same in both shapes clients read: a
// result list (FOSSBilling's Resellerclub adapter, hiapi-directi,
// go-resellerclub and resellbiz read contacts/search this way) and
// numbered keys (other searches answer so).
func TestSearchPageShapes(t *testing.T) {
	numbered, _, _ := runCLI(t, "", "check", "-no-config", "-format", "jsonl", "testdata/inputs/search.json")
	list, _, code := runCLI(t, "", "check", "-no-config", "-format", "jsonl", "testdata/inputs/search-result.json")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, strings.Count(numbered, "\n"), 2)
	assert.Equal(t, strings.ReplaceAll(numbered, "search.json", "search-result.json"), list)
}

// A query line with a malformed %-escape gets the sidecar's verdict: the
// request checked without what cannot be decoded, said on standard error
// (it was an unreadable record, where the sidecar answered); fix leaves
// such a request alone, since writing it back would lose those
// parameters.
func TestQueryUndecodableAsTheSidecar(t *testing.T) {
	q := "api-key=k&name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Spring%zzfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"
	e, err := contactlint.Default()
	require.NoError(t, err)
	h, err := sidecar.New(e, sidecar.Options{})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/check/api/contacts/add.json?" + q)
	require.NoError(t, err)
	api, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, resp.Header.Get(sidecar.HeaderWarning), "could not be decoded")

	out, stderr, code := runCLI(t, q+"\n", "check", "-input", "query", "-format", "api", "-")
	assert.Equal(t, exitFailed, code, stderr)
	assert.JSONEq(t, string(api), out, "the sidecar's answer")
	assert.Contains(t, stderr, "<stdin>:1: checked without parameters that could not be decoded (a malformed %-escape): city")

	// fix writes such a line back as it came among the others, never
	// without the parameters it could not read; JSON Lines cannot carry
	// it, and says so.
	in := "name=Ada&country=gb\n" + q + "\nname=Bo&country=fr\n"
	out, stderr, code = runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, "name=Ada&country=GB\n"+q+"\nname=Bo&country=FR\n", out)
	assert.Contains(t, stderr, "<stdin>:2: not fixed: parameters city could not be decoded (a malformed %-escape), and a fix would lose them; written back unchanged")
	assert.NotContains(t, stderr, "k&", "no query in the report")
	out, stderr, _ = runCLI(t, in, "fix", "-input", "query", "-")
	assert.Equal(t, 2, strings.Count(out, "\n"))
	assert.Contains(t, stderr, "(not written: -format jsonl cannot carry it as it came)")
}

// A query line written as a URL keeps it through fix -format query (its
// path names the command: written bare, a contacts/modify became a
// contacts/add); one to /api/….xml gets the API's XML answer.
func TestQueryURLLines(t *testing.T) {
	in := "https://test.httpapi.com/api/contacts/modify.json?contact-id=1&country=gb\n/api/contacts/add.xml?name=Ada\n"
	out, _, _ := runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, "https://test.httpapi.com/api/contacts/modify.json?contact-id=1&country=GB\n/api/contacts/add.xml?name=Ada\n", out)
	out, _, code := runCLI(t, in, "check", "-input", "query", "-format", "api", "-")
	assert.Equal(t, exitFailed, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasPrefix(lines[1], "<response><status>ERROR</status><message>Required parameter missing: company</message></response>"), lines[1])
}

// fix -format query writes every line of a query file back, byte for
// byte, but for the pairs it fixed: comments and blank lines, spaces
// around a line, escapes as written (%20, a name without "="), empty
// pairs, a URL's fragment, a line it cannot fix, a line over the size
// limit. It re-encoded every line (%20 became +, flag became flag=, a
// #fragment went into the value) and dropped comments and long lines.
func TestFixQueryKeepsEveryLine(t *testing.T) {
	long := "name=" + strings.Repeat("a", 1<<20)
	in := strings.Join([]string{
		"# exported 2026-12-01",
		"name=Ada%20L&flag&&country=gb&city=Rome",
		"",
		"  ?name=Bo&country=fr  ",
		"https://test.httpapi.com/api/contacts/add.json?name=Cy&country=US#top",
		"/api/contacts/modify.json?contact-id=1&note=50%off&country=de",
		long,
		"# end",
		"name=Di&country=it",
		"",
	}, "\n")
	want := strings.Join([]string{
		"# exported 2026-12-01",
		"name=Ada%20L&flag&&country=GB&city=Rome",
		"",
		"  ?name=Bo&country=FR  ",
		"https://test.httpapi.com/api/contacts/add.json?name=Cy&country=US#top",
		"/api/contacts/modify.json?contact-id=1&note=50%off&country=de",
		long,
		"# end",
		"name=Di&country=IT",
		"",
	}, "\n")
	out, stderr, code := runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, exitFailed, code, stderr)
	assert.Equal(t, want, out)
	assert.Contains(t, stderr, "<stdin>:6: not fixed: parameters note could not be decoded")
	assert.Contains(t, stderr, "(written back unchanged)")
	assert.NotContains(t, stderr, "country: \"US#top\"", "a fragment is no part of the value")
}

// A line fix cannot fix for its undecodable parameters gets check's
// verdict: fix exits as check does.
func TestFixExitsAsCheckOnUndecodable(t *testing.T) {
	line := "name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact&note=50%off\n"
	_, _, check := runCLI(t, line, "check", "-input", "query", "-")
	out, _, fix := runCLI(t, line, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, check, fix)
	assert.Equal(t, line, out)
}

// A query file's comments and over-long lines have no place in JSON
// Lines: fix to JSON Lines leaves them out, and says so of the long line;
// a URL's own query is read as sent ("??country" names "?country"), and
// fix doubles no pair of it.
func TestFixQueryToJSONLines(t *testing.T) {
	long := "name=" + strings.Repeat("a", 1<<20)
	out, stderr, _ := runCLI(t, "# exported\nname=Ada&country=gb\n"+long+"\n", "fix", "-input", "query", "-")
	assert.Equal(t, `{"name":"Ada","country":"GB"}`+"\n", out)
	assert.Contains(t, stderr, "<stdin>:3: input: the request is longer than 1 MiB (1048576 bytes) (not written: -format jsonl cannot carry it as it came)")

	in := "/api/contacts/add.json??country=gb&name=x\n"
	out, _, _ = runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, in, out)
}

// A calling code given twice is not certain, so a number written with its
// own is not split: which value the API reads is not known.
func TestFixNoSplitOnRepeatedCallingCode(t *testing.T) {
	in := "phone-cc=44&phone-cc=%2B44&phone=%2B44.2079460000&name=Ada\n"
	out, stderr, _ := runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, in, out)
	assert.NotContains(t, stderr, "phone-split")
}

// Comment lines after a query file's last request are written back by fix
// -format query, and are no request to check, count or read.
func TestFixQueryKeepsTrailingComments(t *testing.T) {
	in := "name=Ada&country=gb\n# exported\n\n# end\n"
	out, _, _ := runCLI(t, in, "fix", "-input", "query", "-format", "query", "-")
	assert.Equal(t, "name=Ada&country=GB\n# exported\n\n# end\n", out)
	_, stderr, _ := runCLI(t, in, "check", "-input", "query", "-")
	assert.Contains(t, stderr, "1 checked")
	out, _, _ = runCLI(t, in, "fix", "-input", "query", "-")
	assert.Equal(t, `{"name":"Ada","country":"GB"}`+"\n", out)
	n := 0
	require.NoError(t, contactlint.ReadRequests(strings.NewReader(in), "query", nil, func(int, contactlint.Request, *contactlint.SetRequest, error) { n++ }))
	assert.Equal(t, 1, n)
}
