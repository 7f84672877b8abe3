package sidecar

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var form = http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// forwarding is a sidecar forwarding to upstream, with opts.
func forwarding(t *testing.T, upstream string, opts Options) string {
	t.Helper()
	u, err := url.Parse(upstream)
	require.NoError(t, err)
	opts.Upstream = u
	return serve(t, handler(t, opts))
}

// The check-only face never reaches the upstream, whatever the call: a
// valid contact, a refused one, a fix, a path the rules do not describe.
// (A panel's check used to be forwarded: an authenticated contacts/add at
// check time, and the panel's own after it: two contacts.)
func TestCheckOnlyNeverForwards(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("87654321")) })
	base := forwarding(t, up.srv.URL, Options{})

	resp, body := send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, 200, resp.StatusCode)
	assert.JSONEq(t, `{"status":"OK","warnings":[]}`, string(body))

	bad := strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1)
	resp, body = send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader(bad), form)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, `{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`, string(body))

	resp, body = send(t, "GET", base+"/check/api/contacts/add.json?"+valid, nil, nil)
	assert.Equal(t, 200, resp.StatusCode, "%s", body)

	fix := form.Clone()
	fix.Set(HeaderFix, "true")
	resp, body = send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader(valid), fix)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, string(body), `"fixed":`)

	resp, body = send(t, "POST", base+"/check/api/domains/register.json", strings.NewReader("domain-name=example.com"), form)
	assert.Equal(t, 404, resp.StatusCode)
	assert.Contains(t, string(body), "domains/register")

	multipart := http.Header{"Content-Type": {"multipart/form-data; boundary=x"}}
	resp, body = send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader("--x--"), multipart)
	assert.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode, "a body the check cannot read is not an answer of the API's")
	assert.Contains(t, string(body), "not checked")

	// Every spelling of the check-only path that routes as /check/ does
	// (a PHP base URL ending in "/" writes //check/…) is check-only too:
	// sent as raw bytes, so that no client cleans the path first.
	for _, p := range []string{"//check/api/contacts/add.json", "/./check/api/contacts/add.json", "/check;a=b/api/contacts/add.json",
		"/x/../check/api/contacts/add.json", "/Check/api/contacts/add.json", "/CHECK/API/Contacts/Add.json", "/check/./api//contacts/add.json",
		`/\check/api/contacts/add.json`, `/check\api\contacts\add.json`, "/check%5capi/contacts/add.json", "/%5Ccheck/api/contacts/add.json"} {
		status, body := rawPost(t, base, p, valid)
		assert.Equal(t, 200, status, p)
		assert.Contains(t, body, `{"status":"OK","warnings":[]}`, p)
	}
	status, _ := rawPost(t, base, "//check/api/domains/register.json", "domain-name=example.com")
	assert.Equal(t, 404, status, "a call the rules do not describe, on a spelling of /check/, is not forwarded either")

	// A fix is a dry run on the API's own paths too, even one the rules
	// do not describe or a method the API does not take.
	fixHdr := form.Clone()
	fixHdr.Set(HeaderFix, "true")
	for _, c := range []struct{ method, path string }{{"POST", "/api/domains/register.json"}, {"PUT", "/api/contacts/add.json"}, {"POST", "/api/contacts/add.jsonx"}} {
		resp, _ := send(t, c.method, base+c.path, strings.NewReader(valid), fixHdr)
		assert.GreaterOrEqual(t, resp.StatusCode, 400, "%s %s", c.method, c.path)
	}

	assert.Zero(t, up.count(), "nothing reached the upstream")

	// The API's own path still forwards a panel's real call.
	resp, body = send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "87654321", string(body))
	assert.Equal(t, 1, up.count())
}

// Without an upstream both faces answer as the API would.
func TestCheckOnlyWithoutUpstream(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	for _, p := range []string{"/check/api/contacts/add.json", "/api/contacts/add.json"} {
		resp, body := send(t, "POST", base+p, strings.NewReader(strings.Replace(valid, "phone-cc=1", "phone-cc=999", 1)), form)
		assert.Equal(t, 500, resp.StatusCode, p)
		assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid}"}`, string(body), p)
	}
	resp, _ := send(t, "GET", base+"/check/elsewhere", nil, nil)
	assert.Equal(t, 404, resp.StatusCode)
	resp, _ = send(t, "PUT", base+"/check/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, 405, resp.StatusCode)
}

// rawPost sends a form POST to path exactly as written and returns the
// status and the whole answer.
func rawPost(t *testing.T, base, path, form string) (int, string) {
	t.Helper()
	u := mustURL(t, base)
	c, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	defer c.Close()
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", path, u.Host, len(form), form)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}
