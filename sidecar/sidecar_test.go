package sidecar

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/tldspec"
)

// serve starts h on a loopback port, as contactlint serve does.
func serve(t testing.TB, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var srv *http.Server
	if sh, ok := h.(*Handler); ok {
		srv, ln = sh.NewServer(ln)
	} else {
		srv = &http.Server{Handler: h}
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func handler(t testing.TB, opts Options) *Handler {
	t.Helper()
	e, err := contactlint.Default()
	require.NoError(t, err)
	h, err := New(e, opts)
	require.NoError(t, err)
	return h
}

// A handler without an engine, or with an upstream that is no http(s)
// URL, is an error when made, not a panic on its first request.
func TestNewRefusesWhatCannotServe(t *testing.T) {
	_, err := New(nil, Options{})
	assert.Error(t, err)
	e, err := contactlint.Default()
	require.NoError(t, err)
	_, err = New(e, Options{Upstream: &url.URL{Scheme: "ftp", Host: "x"}})
	assert.Error(t, err)
	_, err = New(e, Options{Upstream: &url.URL{Path: "/relative"}})
	assert.Error(t, err)
}

const valid = "auth-userid=123456&api-key=s3cr3t-k3y&name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"

func call(t testing.TB, method, u, body string, header map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b), resp.Header
}

func TestSidecarAnswersAsTheAPI(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	seed := strings.NewReplacer("zipcode=62701", "zipcode=ABCDE", "phone-cc=1", "phone-cc=999").Replace(valid)

	// The spec's sample, as the live API sends it: HTTP 500, = as \u003d.
	code, body, h := call(t, "POST", base+"/api/contacts/add.json", seed, nil)
	assert.Equal(t, 500, code)
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid, zip\u003dPostal Code is invalid}"}`, body)
	assert.Equal(t, "application/json;charset=UTF-8", h.Get("Content-Type"))

	// Query parameters too, and a GET.
	code, body, _ = call(t, "POST", base+"/api/contacts/add.json?"+seed, "", nil)
	assert.Equal(t, 500, code)
	assert.Contains(t, body, "telnocc")

	code, body, _ = call(t, "POST", base+"/api/contacts/add.json", strings.Replace(valid, "&customer-id=12345", "", 1), nil)
	assert.Equal(t, 500, code)
	assert.Equal(t, `{"status":"ERROR","message":"Required parameter missing: customer-id"}`, body)

	code, body, _ = call(t, "POST", base+"/api/contacts/add.json", valid, nil)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"status":"OK","warnings":[]}`, body)

	// A pass with warnings: the method the spec does not give, a lower-case country.
	code, body, _ = call(t, "GET", base+"/api/contacts/add.json?"+strings.Replace(valid, "country=US", "country=us", 1), "", nil)
	assert.Equal(t, 200, code)
	var ok struct {
		Status   string
		Warnings []struct{ Field, Code, Fix string }
	}
	require.NoError(t, json.Unmarshal([]byte(body), &ok))
	assert.Equal(t, "OK", ok.Status)
	require.Len(t, ok.Warnings, 2)
	assert.Equal(t, "method", ok.Warnings[0].Code)
	assert.Equal(t, "US", ok.Warnings[1].Fix)

	// Every command of the spec has its path.
	code, body, _ = call(t, "GET", base+"/api/contacts/details.json?contact-id=x", "", nil)
	assert.Equal(t, 500, code)
	assert.Equal(t, `{"status":"ERROR","message":"{contact-id\u003dcontact-id is invalid}"}`, body)
	code, body, _ = call(t, "POST", base+"/api/contacts/modify.json", "contact-id=1", nil)
	assert.Equal(t, 500, code)
	assert.Equal(t, `{"status":"ERROR","message":"Feature deprecated. Please refer to KB link"}`, body)
}

// The envelope's TLD and role travel in headers.
func TestSidecarEnvelopeHeaders(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	br := strings.NewReplacer("country=US", "country=BR", "zipcode=62701", "zipcode=01310-100", "phone-cc=1", "phone-cc=55", "phone=2175550123", "phone=1123456789", "type=Contact", "type=BrContact").Replace(valid)
	code, _, _ := call(t, "POST", base+"/api/contacts/add.json", br, nil)
	assert.Equal(t, 200, code)
	code, body, _ := call(t, "POST", base+"/api/contacts/add.json", br, map[string]string{HeaderTLD: "br", HeaderRole: "registrant"})
	assert.Equal(t, 500, code)
	assert.Contains(t, body, "BrOrgContact")
}

func TestSidecarLimitsAndPaths(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	code, body, _ := call(t, "POST", base+"/api/contacts/add.json", "name="+strings.Repeat("a", MaxBody), nil)
	assert.Equal(t, 413, code)
	assert.Contains(t, body, `"status":"ERROR"`)
	code, _, _ = call(t, "POST", base+"/api/contacts/remove.json", valid, nil)
	assert.Equal(t, 404, code)
	code, _, _ = call(t, "GET", base+"/elsewhere", "", nil)
	assert.Equal(t, 404, code)
	code, _, _ = call(t, "GET", base+"/api/contacts/add", "", nil)
	assert.Equal(t, 404, code)
	code, _, h := call(t, "PUT", base+"/api/contacts/add.json", valid, nil)
	assert.Equal(t, 405, code)
	assert.Equal(t, "GET, HEAD, POST", h.Get("Allow"))
	// A parameter that cannot be decoded is left out of the check, and
	// said: here the call lacks every required parameter.
	code, body, h = call(t, "POST", base+"/api/contacts/add.json", "name=%zz", nil)
	assert.Equal(t, 500, code)
	assert.Contains(t, body, "Required parameter missing")
	assert.Contains(t, h.Get(HeaderWarning), "could not be decoded")
	assert.Contains(t, h.Get(HeaderWarning), "name")

	code, body, _ = call(t, "GET", base+"/healthz", "", nil)
	assert.Equal(t, 200, code)
	assert.JSONEq(t, `{"status":"OK"}`, body)
	_, body, _ = call(t, "GET", serve(t, handler(t, Options{Version: "v1.2.3"}))+"/healthz", "", nil)
	assert.JSONEq(t, `{"status":"OK","version":"v1.2.3"}`, body)
	code, body, _ = call(t, "GET", base+"/rules", "", nil)
	assert.Equal(t, 200, code)
	var rules struct {
		Files    []string
		Commands []struct{ Name string }
		TLDs     []string `json:"tlds"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &rules))
	assert.Contains(t, rules.Files, "rules/fields.yaml")
	assert.Equal(t, "contacts/add", rules.Commands[0].Name)
	assert.Contains(t, rules.TLDs, "es")
}

// A request that passes goes upstream unchanged and the upstream's answer
// comes back; one that fails never leaves.
func TestSidecarUpstream(t *testing.T) {
	var mu sync.Mutex
	var got []*http.Request
	var bodies []string
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, string(b))
		mu.Unlock()
		w.Header().Set("X-Upstream", "yes")
		w.WriteHeader(200)
		io.WriteString(w, "12345678")
	}))
	defer up.Close()
	u, _ := url.Parse(up.URL + "/base")
	base := serve(t, handler(t, Options{Upstream: u}))

	code, body, h := call(t, "POST", base+"/api/contacts/add.json?debug=1", valid, map[string]string{HeaderTLD: "us", "X-Client": "whmcs"})
	assert.Equal(t, 200, code)
	assert.Equal(t, "12345678", body, "the new contact's id, from upstream")
	assert.Equal(t, "yes", h.Get("X-Upstream"))
	require.Len(t, got, 1)
	assert.Equal(t, "/base/api/contacts/add.json", got[0].URL.Path)
	assert.Equal(t, "debug=1", got[0].URL.RawQuery)
	assert.Equal(t, "POST", got[0].Method)
	assert.Equal(t, valid, bodies[0])
	assert.Equal(t, "whmcs", got[0].Header.Get("X-Client"))
	assert.Empty(t, got[0].Header.Get(HeaderTLD), "our headers stay here")

	code, _, _ = call(t, "POST", base+"/api/contacts/add.json", strings.Replace(valid, "zipcode=62701", "zipcode=X", 1), nil)
	assert.Equal(t, 500, code)
	assert.Len(t, got, 1, "a failing request is not forwarded")

	up.Close()
	code, _, _ = call(t, "POST", base+"/api/contacts/add.json", valid, nil)
	assert.Equal(t, 502, code)
}

// The log names paths and statuses, never a secret.
func TestSidecarNeverLogsSecrets(t *testing.T) {
	var log bytes.Buffer
	base := serve(t, handler(t, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))}))
	call(t, "POST", base+"/api/contacts/add.json?api-key=s3cr3t-k3y", strings.Replace(valid, "zipcode=62701", "zipcode=X", 1)+"&auth-password=hunter2", nil)
	call(t, "GET", base+"/api/contacts/add.json?"+valid, "", nil)
	assert.Contains(t, log.String(), "path=/api/contacts/add.json")
	assert.Contains(t, log.String(), "status=500")
	assert.NotContains(t, log.String(), "s3cr3t")
	assert.NotContains(t, log.String(), "hunter2")
}

// With Contactlint-Fix the sidecar answers the request with its fixes
// applied, as contactlint fix makes it, and never forwards it.
func TestSidecarFix(t *testing.T) {
	var reached int
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached++ }))
	defer up.Close()
	u, _ := url.Parse(up.URL)
	base := serve(t, handler(t, Options{Upstream: u}))
	epp := strings.NewReplacer("phone-cc=1&", "", "phone=2175550123", "phone=%2B1.2175550123", "country=US", "country=us").Replace(valid)
	code, body, _ := call(t, "POST", base+"/api/contacts/add.json", epp, map[string]string{HeaderFix: "true"})
	assert.Equal(t, 200, code)
	var got struct {
		Status   string
		Fixed    string
		Changes  []struct{ Param, From, To, Code string }
		Response json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(body), &got), body)
	assert.Equal(t, "OK", got.Status, body)
	assert.Contains(t, got.Fixed, "country=US")
	assert.Contains(t, got.Fixed, "phone-cc=1&phone=2175550123")
	assert.NotContains(t, body, "s3cr3t", "a secret parameter never comes back; the caller adds its own")
	assert.Contains(t, got.Fixed, "auth-userid=", "every other parameter comes back, fixed or not")
	assert.Len(t, got.Changes, 3, "%+v", got.Changes)
	assert.Equal(t, "null", string(got.Response))
	assert.Zero(t, reached, "a fix request is never forwarded")

	// A padded key: fixed in no answer, reported by name only.
	padded := strings.Replace(valid, "api-key=s3cr3t-k3y", "api-key=%20s3cr3t-k3y%20", 1)
	require.NotEqual(t, valid, padded)
	for h, want := range map[string]string{"true": `{"param":"api-key","from":"","to":"","code":"whitespace","secret":true}`, "": `"param":"api-key","code":"whitespace"`} {
		code, body, _ = call(t, "POST", base+"/check/api/contacts/add.json", padded, map[string]string{HeaderFix: h})
		assert.Equal(t, 200, code, body)
		assert.Contains(t, body, want)
		assert.NotContains(t, body, "s3cr3t", "fix %q: no secret in the answer", h)
	}

	// A parameter that cannot be decoded would be missing from fixed: no
	// fix is answered, rather than one that loses it.
	mangled := valid + "&address-line-2=50%&name2=A%zzB"
	code, body, _ = call(t, "POST", base+"/check/api/contacts/add.json", mangled, map[string]string{HeaderFix: "true"})
	assert.Equal(t, http.StatusBadRequest, code, body)
	assert.Contains(t, body, "parameters address-line-2, name2 could not be decoded")
	assert.NotContains(t, body, `"fixed"`)

	bad := strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1)
	_, body, _ = call(t, "POST", base+"/api/contacts/add.json", bad, map[string]string{HeaderFix: "1"})
	assert.Contains(t, body, `"status":"ERROR"`)
	assert.Contains(t, body, `"response":{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`)
	assert.Zero(t, reached)

	code, _, _ = call(t, "POST", base+"/api/contacts/add.json", valid, map[string]string{HeaderFix: "false"})
	assert.Equal(t, 200, code)
	assert.Equal(t, 1, reached, "false is no fix request: checked and forwarded")
}

// The answer to a pass is written by hand; it is encoding/json's bytes.
func TestOKAnswerBytes(t *testing.T) {
	ws := [][]engine.Violation{nil, {{Field: "country", Param: "country", Code: engine.CodeCountryCase, Severity: engine.Warning, Message: "<country>", Fix: "US", Rule: tldspec.Pos{File: "rules/fields.yaml", Line: 9, Col: 3}}, {Field: "x", Code: "method", Severity: engine.Warning}}}
	for _, w := range ws {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		out := w
		if out == nil {
			out = []engine.Violation{}
		}
		require.NoError(t, enc.Encode(struct {
			Status   string             `json:"status"`
			Warnings []engine.Violation `json:"warnings"`
		}{"OK", out}))
		assert.Equal(t, want.String(), string(okAnswer(nil, w)))
	}
}

// A fix answer leaves out a parameter whose name may hold a credential,
// as it leaves out api-key: api-key%3DS3CR3T=1 (its "=" escaped) came
// back whole in "fixed".
func TestFixAnswerHidesSecretNames(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	body := "name=Ada&country=gb&api-key%3DS3CR3T=1&Api-Key+S3CR3T=2&Api-Key=S3CR3T&api_key=S3CR3T"
	code, got, _ := call(t, "POST", base+"/check/api/contacts/add.json", body, map[string]string{HeaderFix: "true"})
	assert.Equal(t, http.StatusOK, code, got)
	assert.NotContains(t, got, "S3CR3T")
	assert.Contains(t, got, `"fixed":"name=Ada&country=GB"`)
}
