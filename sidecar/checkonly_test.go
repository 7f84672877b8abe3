package sidecar

import (
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
