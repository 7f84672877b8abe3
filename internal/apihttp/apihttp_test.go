package apihttp

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

func TestCommandOf(t *testing.T) {
	for p, want := range map[string]string{
		"/api/contacts/add.json":              "contacts/add",
		"/api/contacts/add.json/":             "contacts/add",
		"/api/contacts/add.json;jsessionid=1": "contacts/add",
		"/api;x=1/contacts/add.json":          "contacts/add",
		"/API/Contacts/Add.JSON":              "contacts/add",
		"//api/./contacts//add.xml":           "contacts/add",
		"/api/a/../contacts/add.json":         "contacts/add",
		"/api/.json":                          "",
		"/api/contacts/add":                   "",
		"/contacts/add.json":                  "",
		"/api/contacts/add.json.bak":          "",
		`/api\contacts\add.json`:              "contacts/add",
	} {
		got, _, ok := CommandOf(p)
		assert.Equal(t, want, got, p)
		assert.Equal(t, want != "", ok, p)
	}
	_, f, _ := CommandOf("/api/contacts/add.xml")
	assert.Equal(t, XML, f)
	assert.Equal(t, "/api/contacts/add.json", LogPath("/api/contacts/add.json;jsessionid=SECRET"))
	assert.Len(t, LogPath("/"+strings.Repeat("a", 500)), 203)
	// Every call of the sidecar and Transport routes its path: a clean one
	// costs no allocation.
	assert.Zero(t, testing.AllocsPerRun(100, func() { CommandOf("/api/contacts/add.json") }))
}

func TestRefusalXMLEscapes(t *testing.T) {
	res := engine.Result{Violations: []engine.Violation{{Field: "name", Code: engine.CodeInvalid, Severity: engine.Error, Message: `a <b> & "c"`}}}
	b, ct := Refusal(res, XML)
	assert.Equal(t, RefusalContentTypeXML, ct)
	assert.Equal(t, `<response><status>ERROR</status><message>{name=a &lt;b&gt; &amp; "c"}</message></response>`, string(b))
	b, ct = Refusal(res, JSON)
	assert.Equal(t, RefusalContentType, ct)
	assert.Equal(t, `{"status":"ERROR","message":"{name\u003da \u003cb\u003e \u0026 \"c\"}"}`, string(b))
}

func TestUnread(t *testing.T) {
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	assert.Empty(t, Unread("POST", h("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"), true))
	assert.Empty(t, Unread("GET", h("Content-Type", "application/json"), true), "a GET's body is not the API's parameters")
	assert.Empty(t, Unread("POST", h(), false), "no body, nothing to read")
	assert.Contains(t, Unread("POST", h("Content-Type", "multipart/form-data; boundary=x"), true), "multipart/form-data")
	assert.Contains(t, Unread("POST", h("Content-Type", "application/json"), true), "application/json")
	assert.Contains(t, Unread("POST", h(), true), "no Content-Type")
	assert.Contains(t, Unread("POST", h("Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip"), true), "compressed")
	assert.Contains(t, Unread("POST", h("Content-Type", ";;;"), true), "cannot be read")
}

// A parameter whose escape cannot be decoded is left out and named (by
// its name when that decodes); the rest are read, query first.
func TestReadLeavesOutUndecodable(t *testing.T) {
	r := httptest.NewRequest("POST", "/api/contacts/add.json?a=1&bad=%zz", strings.NewReader("name=Jo&x=%e&%zz=1&city=Rome"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set(HeaderTLD, "es, it")
	rd := Read(rulesEngine(t), r, Call{Command: "contacts/add", Method: "POST"}, "name=Jo&x=%e&%zz=1&city=Rome", nil)
	require.Equal(t, []engine.Param{{Name: "a", Value: "1"}, {Name: "name", Value: "Jo"}, {Name: "city", Value: "Rome"}}, rd.Request.Params)
	assert.Equal(t, []string{"bad", "x", "(undecodable-name)"}, rd.Unread, "a key that is no name is not echoed: it may be a piece of a value")
	leak := httptest.NewRequest("POST", "/api/contacts/add.json?api-key=ab&S3CR%ET=1", nil)
	assert.NotContains(t, strings.Join(Read(rulesEngine(t), leak, Call{Command: "contacts/add", Method: "POST"}, "", nil).Unread, " "), "S3CR")
	assert.Equal(t, []string{"es", "it"}, rd.Request.TLDs)
	assert.Equal(t, "POST", rd.Request.Method)
}

// rulesEngine is the embedded rules' engine.
func rulesEngine(t *testing.T) *engine.Engine {
	t.Helper()
	spec, err := tldspec.Load(engine.Catalog(), tldspec.Source{Name: rules.Name, FS: rules.FS()})
	require.NoError(t, err)
	e, err := engine.Compile(spec, engine.Options{})
	require.NoError(t, err)
	return e
}

// A parameter left out as undecodable is named only when its name cannot
// hold a credential (engine.MayHoldSecret): one with a credential's name
// or a pair's separator in it (api-key%3DS3CR3T=%zz) is named
// (a-name-that-may-hold-a-credential), wherever the names go (the
// sidecar's warning, the CLI's note, fix's report).
func TestParseLenientHidesSecretNames(t *testing.T) {
	e := rulesEngine(t)
	for q, want := range map[string]string{
		"name=Ada&api-key%3DS3CR3T=%zz":       engine.MaskedName,
		"name=Ada&auth-password%20S3CR3T=%zz": engine.MaskedName,
		"name=Ada&ApiKey:S3CR3T=%zz":          engine.MaskedName,
		"name=Ada&note=50%off":                "note",
	} {
		params, unread := ParseLenient(q, nil, e.MayHoldSecret)
		assert.Equal(t, []string{want}, unread, q)
		assert.Equal(t, []engine.Param{{Name: "name", Value: "Ada"}}, params, q)
	}
}
