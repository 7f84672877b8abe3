package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		{"a JSON array cut short", "[\n" + validReq + ",\n", exitFailed, []string{`"line":2,"ok":true`, `ends inside a value`}},
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

func TestReadJSONLLines(t *testing.T) {
	in := "a\r\n\n  \nb\n" + strings.Repeat("x", maxRequestSize+10) + "\nc"
	var got []string
	err := readJSONL(bufioReader(in), func(line int, data []byte, err error, _ layout) {
		got = append(got, fmt.Sprintf("%d:%s:%v", line, data, err != nil))
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"1:a:false", "4:b:false", "5::true", "6:c:false"}, got)
}

func TestDetect(t *testing.T) {
	type want struct {
		format inputFormat
		sure   bool
	}
	cases := map[string]want{
		validReq + "\n" + validReq:                {formatJSONL, true},
		"  \n[" + validReq + "]":                  {formatJSON, true},
		"{\n  \"name\": \"x\"\n}\n":               {formatJSON, true},
		"":                                        {formatJSONL, true},
		"{\"name\":\n" + validReq + "\n":          {formatJSONL, true},
		strings.Repeat(" ", 10) + validReq:        {formatJSONL, true},
		"name=Ada&city=x\n":                       {formatQuery, true},
		"https://test.httpapi.com/api/x.json?a=1": {formatQuery, true},
		"name: Ada\ncity: x\n":                    {formatYAML, true},
		"---\nname: Ada\n":                        {formatYAML, true},
		"- name: Ada\n":                           {formatYAML, true},
		"\"name\": Ada\n":                         {formatYAML, true},
		"name,city\nAda,x\n":                      {formatCSV, true},
		"name;city\r\nAda;x\r\n":                  {formatCSV, true},
		"name\tcity\nAda\tx\n":                    {formatCSV, true},
		"\"name\",\"city\"\n\"Ada\",\"x\"\n":      {formatCSV, true},
		"not json at all\n":                       {formatJSONL, false},
		"name\n":                                  {formatJSONL, false}, // one column: no telling
		"Ada Lovelace, London\n":                  {formatJSONL, false},
	}
	for in, w := range cases {
		f, sure := detect(bufioReader(in))
		assert.Equal(t, w, want{f, sure}, "%q", trim(in))
	}
}

// Every kind, in a file whose extension says nothing (.txt) and on
// standard input, with and without a byte-order mark, is read for what it
// is: the same requests, in a golden file per kind.
func TestSniffedInputs(t *testing.T) {
	files, err := filepath.Glob("testdata/inputs/sniff/*.txt")
	require.NoError(t, err)
	for _, k := range inputKinds {
		assert.FileExists(t, "testdata/inputs/sniff/"+k.names[0]+".txt", "a sample of every kind")
		for _, ext := range k.exts {
			assert.Equal(t, k.format, formatOf("export"+strings.ToUpper(ext), formatAuto), ext)
		}
		for _, n := range k.names {
			f, err := parseInputFormat(n)
			require.NoError(t, err)
			assert.Equal(t, k.format, f, n)
		}
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

func TestDecodeRequest(t *testing.T) {
	d, err := decodeRequest([]byte(`{"command":"contacts/add","tld":"es","role":"registrant","params":{"b":"1","a":["x",2,true,null],"c":null,"b":"2"}}`), nil)
	req := d.req
	require.NoError(t, err)
	assert.Equal(t, "contacts/add", req.Command)
	assert.Equal(t, []string{"es"}, req.TLDs)
	assert.Equal(t, "registrant", req.Role)
	var got []string
	for _, p := range req.Params {
		got = append(got, p.Name+"="+p.Value)
	}
	assert.Equal(t, []string{"b=1", "a=x", "a=2", "a=true", "b=2"}, got, "order and repeats are kept; null is no value")

	d, err = decodeRequest([]byte(`{"customer-id": 12345, "phone-cc": 1e2}`), nil)
	require.NoError(t, err)
	req = d.req
	assert.Equal(t, "12345", req.Params[0].Value, "numbers stay as written")
	assert.Equal(t, "1e2", req.Params[1].Value)
}

func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(validReq))
	f.Add([]byte(`{"command":"contacts/add","params":{"type":["Contact","EuContact"],"x":null}}`))
	f.Add([]byte(`{"a":{"b":1}}`))
	f.Add([]byte("{\"name\":\"\xff\"}"))
	f.Add([]byte(`{"command":"contacts/modify","tld":["at","ru"],"method":"GET","current":{"name":"x"},"params":{"contact-id":"1"}}`))
	f.Add([]byte(`{"tld":"asia","contacts":{"registrant":{"name":"a"},"admin":{}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeRequest(data, nil)
		if err == nil {
			for _, p := range d.req.Params {
				if p.Name == "" && !bytes.Contains(data, []byte(`""`)) {
					t.Fatalf("empty parameter name from %q", data)
				}
			}
		}
	})
}

// FuzzReadRequests: any input bytes, in any format, are read to the end
// without a panic; each request either decodes or is reported.
func FuzzReadRequests(f *testing.F) {
	f.Add([]byte(validReq+"\n"+validReq), uint8(0))
	f.Add([]byte("[\n"+validReq+",\n{\"x\":1}]"), uint8(2))
	f.Add([]byte("{\n\"a\":\n"), uint8(0))
	f.Add([]byte("name\n\"a\n"), uint8(formatCSV))
	f.Add([]byte("name,city\nAda,x\n\"b\"c,y\nGrace,z\n"), uint8(formatCSV))
	// Sniffed (format 0): YAML after a comment, TSV with a BOM, a query.
	f.Add([]byte("# export\n- name: Ada\n  city: x\n"), uint8(formatAuto))
	f.Add([]byte("\ufeffname\tcity\nAda\tx\n"), uint8(formatAuto))
	f.Add([]byte("name=Ada&city=x\n#\n\n"), uint8(formatAuto))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		_ = readRequests(bytes.NewReader(data), inputFormat(format%uint8(len(inputKinds)+1)), map[string]string{"emailaddr": "email"}, nil, func(line int, decode func() (decoded, error), err error) {
			if line < 0 {
				t.Fatalf("line %d", line)
			}
			if err == nil {
				_, _ = decode()
			}
		})
	})
}

func bufioReader(s string) *bufio.Reader { return bufio.NewReaderSize(strings.NewReader(s), 64<<10) }

// A CSV record with a broken quote is a record naming its line, and the
// rest is read: it used to panic in csv.Reader.FieldPos.
func TestCSVBrokenQuote(t *testing.T) {
	for _, in := range []string{"name\n\"a\n", "name,city\nAda,x\n\"b\"c,y\nGrace,z\n", "name\na\"b\nc\n"} {
		var lines []int
		var errs []string
		err := readRequests(strings.NewReader(in), formatCSV, nil, nil, func(line int, decode func() (decoded, error), err error) {
			lines = append(lines, line)
			if err != nil {
				errs = append(errs, err.Error())
			}
		})
		require.NoError(t, err, "%q", in)
		require.NotEmpty(t, errs, "%q", in)
		assert.Contains(t, errs[0], "invalid CSV", "%q", in)
	}
	out, _, code := runCLI(t, "name,city\nAda,x\n\"b\"c,y\nGrace,z\n", "check", "-input", "csv", "-format", "jsonl", "-")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, out, `"line":3,"ok":false,"error":"invalid CSV`)
	assert.Contains(t, out, `"line":4,"ok":false,"response"`, "the row after the broken one is checked")
}
