package calibrate_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	. "github.com/contactlint/contactlint/internal/calibrate"
)

func TestReadAnswer(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		want   Answer
	}{
		{500, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid, zip\u003dPostal Code is invalid}"}`,
			Answer{Status: 500, Kind: Refusal, Message: "{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}",
				Fields: []Field{{"telnocc", "TelephoneNo Country Code is invalid"}, {"zip", "Postal Code is invalid"}}}},
		{500, `{"status":"ERROR","message":"{attr-value1\u003dValue is invalid, e.g. x, y, name\u003dInvalid}"}`,
			Answer{Status: 500, Kind: Refusal, Message: "{attr-value1=Value is invalid, e.g. x, y, name=Invalid}",
				Fields: []Field{{"attr-value1", "Value is invalid, e.g. x, y"}, {"name", "Invalid"}}}},
		{500, `{"status":"ERROR","message":"Required parameter missing: customer-id"}`,
			Answer{Status: 500, Kind: Refusal, Message: "Required parameter missing: customer-id", Required: "customer-id"}},
		{500, `{"status":"ERROR","message":"Feature deprecated. Please refer to KB link"}`,
			Answer{Status: 500, Kind: Refusal, Message: "Feature deprecated. Please refer to KB link", Deprecated: true}},
		{200, `{"status":"error","message":"Invalid customer-id"}`, Answer{Status: 200, Kind: Refusal, Message: "Invalid customer-id"}},
		{200, "87654321", Answer{Status: 200, Kind: Success, Body: "id"}},
		{200, " true\n", Answer{Status: 200, Kind: Success, Body: "true"}},
		{200, "false", Answer{Status: 200, Kind: Refusal, Message: "false"}},
		{200, `{"actionstatus":"Success","entityid":"1"}`, Answer{Status: 200, Kind: Success, Body: "map"}},
		{200, `[1,2]`, Answer{Status: 200, Kind: Success, Body: "list"}},
		{500, "<response><status>ERROR</status><message>{zip=Postal Code is invalid}</message></response>",
			Answer{Status: 500, Kind: Refusal, Message: "{zip=Postal Code is invalid}", Fields: []Field{{"zip", "Postal Code is invalid"}}}},
		{200, "<int>87654321</int>", Answer{Status: 200, Kind: Success, Body: "id"}},
		{200, "<hashtable><entry><string>a</string><string>b</string></entry></hashtable>", Answer{Status: 200, Kind: Success, Body: "map"}},
		{502, "<html><body>Bad Gateway</body></html>", Answer{Status: 502, Kind: Unreadable}},
		{503, "", Answer{Status: 503, Kind: Unreadable}},
		{200, "OK then", Answer{Status: 200, Kind: Success, Body: "other"}},
	} {
		assert.Equal(t, c.want, ReadAnswer(c.status, []byte(c.body)), c.body)
	}
}

func vocab(t *testing.T) (*Vocab, *engine.Engine) {
	t.Helper()
	eng, err := contactlint.Default()
	require.NoError(t, err)
	return NewVocab(eng), eng
}

const contact = "auth-userid=123456&api-key=s3cr3t-k3y&name=Jane+Doe&company=Example+Inc&email=jane%40example.com&address-line-1=12+High+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"

func request(t *testing.T, q string) engine.Request {
	t.Helper()
	params, err := engine.ParseQuery(q)
	require.NoError(t, err)
	return engine.Request{Command: "contacts/add", Method: "POST", Params: params, TLDs: []string{"COM", "weird tld!"}, Role: "registrant"}
}

func TestCompare(t *testing.T) {
	v, eng := vocab(t)
	id := ReadAnswer(200, []byte("87654321"))
	for _, c := range []struct {
		name, query string
		answer      Answer
		want        Outcome
		diff        []Disagreement
	}{
		{"both take it", contact, id, Agree, nil},
		{"we refuse, the API takes it", strings.Replace(contact, "zipcode=62701", "zipcode=1234", 1), id, FalseError, []Disagreement{{"zip", "postal-code"}}},
		{"we pass, the API refuses", contact, ReadAnswer(500, []byte(`{"status":"ERROR","message":"{city\u003dCity is invalid}"}`)), Miss, []Disagreement{{"city", "none"}}},
		{"both refuse alike", strings.Replace(contact, "zipcode=62701", "zipcode=ABCDE", 1), ReadAnswer(500, []byte(`{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`)), Agree, nil},
		{"both miss customer-id", strings.Replace(contact, "&customer-id=12345", "", 1), ReadAnswer(500, []byte(`{"status":"ERROR","message":"Required parameter missing: customer-id"}`)), Agree, nil},
		{"other fields", strings.Replace(contact, "zipcode=62701", "zipcode=ABCDE", 1), ReadAnswer(500, []byte(`{"status":"ERROR","message":"{city\u003dCity is invalid}"}`)), FieldDifference, []Disagreement{{"city", "none"}, {"zip", "postal-code"}}},
		{"unknown words", strings.Replace(contact, "phone-cc=1", "phone-cc=999", 1), ReadAnswer(500, []byte(`{"status":"ERROR","message":"{telnocc\u003dNo such code, really}"}`)), UnknownMessage, []Disagreement{{"telnocc", "calling-code"}}},
		{"other words of ours", strings.Replace(contact, "phone-cc=1", "phone-cc=999", 1), ReadAnswer(500, []byte(`{"status":"ERROR","message":"{telnocc\u003dPostal Code is invalid}"}`)), MessageDifference, []Disagreement{{"telnocc", "calling-code"}}},
		{"an error page", contact, ReadAnswer(502, []byte("<html>")), NotCompared, nil},
	} {
		req := request(t, c.query)
		got := v.Compare(req, eng.Check(req), c.answer, false)
		assert.Equal(t, c.want, got.Outcome, c.name)
		assert.Equal(t, c.diff, got.Disagreements, c.name)
		assert.Equal(t, "Contact", got.Type, c.name)
		assert.Equal(t, "US", got.Country, c.name)
		assert.Equal(t, []string{"com", "other"}, got.TLDs, c.name)
		assert.Equal(t, "registrant", got.Role, c.name)
	}
	req := request(t, strings.Replace(contact, "phone-cc=1", "phone-cc=999", 1))
	got := v.Compare(req, eng.Check(req), ReadAnswer(500, []byte(`{"status":"ERROR","message":"{telnocc\u003dNo such code, really}"}`)), false)
	assert.Equal(t, []string{"No such code, really"}, got.Unknown)
}

// A record holds no credential and, by default, no personal value: the
// API's words and ours have the request's values masked, and the values
// involved are described by their shape only. With values kept, they are
// there — credentials still not.
func TestRecordRedaction(t *testing.T) {
	v, eng := vocab(t)
	q := strings.NewReplacer("zipcode=62701", "zipcode=SW1A+1AA", "city=Springfield", "city=Atlantis").Replace(contact)
	req := request(t, q)
	// An API that echoes what it was sent.
	echo := ReadAnswer(500, []byte(`{"status":"ERROR","message":"{zip\u003dSW1A 1AA is not a US code (key s3cr3t-k3y), city\u003dAtlantis is unknown}"}`))
	c := v.Compare(req, eng.Check(req), echo, false)
	assert.Equal(t, FalseError, v.Compare(req, eng.Check(req), ReadAnswer(200, []byte("1")), false).Outcome)
	line := string(c.Record(time.Unix(0, 0), "id-1", "observe").Line())
	for _, secret := range []string{"s3cr3t", "123456", "Jane", "jane@", "High Street", "2175550123", "SW1A", "Atlantis", "Springfield"} {
		assert.NotContains(t, line, secret)
	}
	var rec Record
	require.NoError(t, json.Unmarshal([]byte(line), &rec))
	assert.Equal(t, Shape{Len: 8, Shape: "A9A_9A"}, rec.Shapes["zipcode"])
	assert.Equal(t, Shape{Len: 8, Shape: "Aa"}, rec.Shapes["city"])
	assert.Contains(t, rec.API.Message, "<zipcode> is not a US code (key <api-key>)")
	assert.Nil(t, rec.Values)

	kept := v.Compare(req, eng.Check(req), echo, true).Record(time.Unix(0, 0), "id-1", "observe")
	assert.Equal(t, "SW1A 1AA", kept.Values["zipcode"])
	assert.Contains(t, kept.API.Message, "SW1A 1AA")
	line = string(kept.Line())
	assert.NotContains(t, line, "s3cr3t", "credentials never, values kept or not")
	assert.NotContains(t, line, "123456")

	agree := v.Compare(req, eng.Check(req), ReadAnswer(200, []byte("1")), false)
	agree.Outcome = Agree
	short := agree.Record(time.Unix(0, 0), "", "enforce")
	assert.Nil(t, short.API)
	assert.Empty(t, short.Ours)
}

// The log appends, rotates past its size keeping three, and creates its
// files for its owner only.
func TestLogRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.jsonl")
	l, err := OpenLog(path, 300)
	require.NoError(t, err)
	r := Record{V: Version, Mode: "observe", Outcome: FalseError, Command: "contacts/add", Unknown: []string{strings.Repeat("x", 100)}}
	for range 20 {
		require.NoError(t, l.Write(r))
	}
	require.NoError(t, l.Close())
	assert.Error(t, l.Write(r), "closed")
	for _, p := range []string{path, path + ".1", path + ".2", path + ".3"} {
		st, err := os.Stat(p)
		require.NoError(t, err, p)
		assert.LessOrEqual(t, st.Size(), int64(300), p)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), p)
		f, err := os.Open(p)
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var got Record
			require.NoError(t, json.Unmarshal(sc.Bytes(), &got), "whole lines only")
		}
		f.Close()
	}
	_, err = os.Stat(path + ".4")
	assert.True(t, os.IsNotExist(err), "three kept")

	before, _ := os.ReadFile(path)
	l, err = OpenLog(path, 0)
	require.NoError(t, err)
	require.NoError(t, l.Write(r))
	require.NoError(t, l.Close())
	after, _ := os.ReadFile(path)
	assert.Equal(t, string(before)+string(r.Line()), string(after), "appended to what was there")
}

// A rotation that fails is reported, and the log goes on: no record is
// lost, no rotated generation dropped by the retries, and the log grows
// to twice its size at most, past which records are refused (reported).
// Once what was in the way is gone, the next rotation finishes the one
// left half-done.
func TestLogGoesOnAfterAFailedRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.jsonl")
	r := Record{V: Version, Mode: "observe", Outcome: FalseError, Command: "contacts/add", Unknown: []string{strings.Repeat("x", 100)}}
	l, err := OpenLog(path, int64(2*len(r.Line())+1)) // two records a file
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	lines := func(p string) int {
		data, err := os.ReadFile(p)
		if err != nil {
			return 0
		}
		return strings.Count(string(data), "\n")
	}
	require.NoError(t, l.Write(r))
	require.NoError(t, l.Write(r))
	// FILE.2 cannot be shifted: it and FILE.3 are directories with
	// something in them.
	for _, p := range []string{path + ".2", path + ".3"} {
		require.NoError(t, os.MkdirAll(filepath.Join(p, "x"), 0o700))
	}
	assert.Error(t, l.Write(r), "the failed rotation is reported")
	assert.NoError(t, l.Write(r))
	assert.Error(t, l.Write(r), "tried again when the file is full again")
	assert.Equal(t, 5, lines(path)+lines(path+".rotating"), "no record lost")
	for range 10 {
		l.Write(r)
	}
	assert.Equal(t, 4, lines(path), "twice the size at most while rotation fails")

	require.NoError(t, os.RemoveAll(path+".2"))
	require.NoError(t, os.RemoveAll(path+".3"))
	require.NoError(t, l.Write(r))
	assert.Equal(t, []int{1, 4, 2, 0}, []int{lines(path), lines(path + ".1"), lines(path + ".2"), lines(path + ".rotating")},
		"the half-done rotation finished (its two records in FILE.2), then this one")
}

// The sidecar and Transport read an answer they peeked at alike: gzipped
// bodies uncompressed, anything past MaxCompared (before or after) or not
// gzip after all unreadable.
func TestReadHTTPAnswer(t *testing.T) {
	refusal := []byte(`{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`)
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	big := bytes.Repeat([]byte(" "), MaxCompared+1)
	for _, c := range []struct {
		name, encoding string
		body           []byte
		kind           Kind
	}{
		{"plain", "", refusal, Refusal},
		{"gzip", "gzip", gz(refusal), Refusal},
		{"GZIP spelled so", "GZIP", gz(refusal), Refusal},
		{"said gzip, is not", "gzip", refusal, Unreadable},
		{"x-gzip", "x-gzip", gz(refusal), Refusal},
		{"gzip and identity", "identity, gzip", gz(refusal), Refusal},
		{"brotli", "br", []byte("8765"), Unreadable},
		{"deflate", "deflate", []byte("8765"), Unreadable},
		{"gzip twice", "gzip, gzip", gz(gz(refusal)), Unreadable},
		{"too large", "", append(big, refusal...)[:MaxCompared+1], Unreadable},
		{"too large once uncompressed", "gzip", gz(append(refusal, big...)), Unreadable},
	} {
		a := ReadHTTPAnswer(400, c.encoding, c.body)
		assert.Equal(t, c.kind, a.Kind, c.name)
		if c.kind == Refusal {
			assert.Equal(t, []Field{{Key: "zip", Message: "Postal Code is invalid"}}, a.Fields, c.name)
		}
	}
}

// A rotation that meets what is not a log file (an operator's directory
// at FILE.1) moves nothing at all: the oldest log is not dropped first.
func TestLogRotationLeavesOtherFilesAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.jsonl")
	r := Record{V: Version, Mode: "observe", Outcome: FalseError, Command: "contacts/add"}
	for i, name := range []string{".2", ".3"} {
		require.NoError(t, os.WriteFile(path+name, []byte(strings.Repeat("x\n", i+1)), 0o600))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(path+".1", "mine"), 0o700))
	l, err := OpenLog(path, int64(len(r.Line())+1))
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	require.NoError(t, l.Write(r))
	assert.Error(t, l.Write(r))
	for i, name := range []string{".2", ".3"} {
		data, err := os.ReadFile(path + name)
		require.NoError(t, err)
		assert.Equal(t, strings.Repeat("x\n", i+1), string(data), name)
	}
	_, err = os.Stat(filepath.Join(path+".1", "mine"))
	assert.NoError(t, err)
}

// A credential written otherwise (Api-Key, api_key) is never recorded,
// not even its shape.
func TestVocabAuthOtherSpellings(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	v := NewVocab(e)
	for _, p := range []string{"api-key", "Api-Key", "api_key", "APIKEY", "api-key=S3CR3T", "auth_password"} {
		assert.True(t, v.IsAuth(p), p)
	}
	assert.False(t, v.IsAuth("zipcode"))
}
