package contactlint_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
)

// upstream records what reaches it, and answers as the API does when a
// contact is added.
type upstream struct {
	*httptest.Server
	hits atomic.Int32
	mu   sync.Mutex
	last struct {
		method, path, query, body string
		header                    http.Header
	}
}

func newUpstream(t *testing.T) *upstream {
	u := &upstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		u.hits.Add(1)
		u.mu.Lock()
		u.last.method, u.last.path, u.last.query, u.last.body, u.last.header = r.Method, r.URL.Path, r.URL.RawQuery, string(b), r.Header.Clone()
		u.mu.Unlock()
		io.WriteString(w, "87654321")
	}))
	t.Cleanup(u.Close)
	return u
}

const goodContact = "name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"

func post(t *testing.T, c *http.Client, u, body string, header map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", u, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b), resp.Header
}

func TestTransportRefusesLocally(t *testing.T) {
	up := newUpstream(t)
	c := &http.Client{Transport: &contactlint.Transport{}}
	bad := strings.Replace(strings.Replace(goodContact, "zipcode=62701", "zipcode=ABCDE", 1), "phone-cc=1", "phone-cc=999", 1)

	code, body, h := post(t, c, up.URL+"/api/contacts/add.json?auth-userid=1&api-key=k", bad, nil)
	assert.Equal(t, 500, code, "the live API's status")
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid, zip\u003dPostal Code is invalid}"}`, body)
	assert.Equal(t, "application/json;charset=UTF-8", h.Get("Content-Type"))
	assert.Zero(t, up.hits.Load(), "a refused request never leaves the process")

	// GET, parameters in the query.
	resp, err := c.Get(up.URL + "/api/contacts/add.json?" + bad)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 500, resp.StatusCode)
	assert.Zero(t, up.hits.Load())
}

func TestTransportSendsTheRestUnchanged(t *testing.T) {
	up := newUpstream(t)
	var results []contactlint.Result
	var mu sync.Mutex
	c := &http.Client{Transport: &contactlint.Transport{OnResult: func(_ *http.Request, r contactlint.Result) {
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	}}}

	code, body, _ := post(t, c, up.URL+"/api/contacts/add.json?auth-userid=1&api-key=k", goodContact, map[string]string{"X-Trace": "abc"})
	assert.Equal(t, 200, code)
	assert.Equal(t, "87654321", body, "the upstream's answer")
	assert.Equal(t, int32(1), up.hits.Load())
	assert.Equal(t, "POST", up.last.method)
	assert.Equal(t, "/api/contacts/add.json", up.last.path)
	assert.Equal(t, "auth-userid=1&api-key=k", up.last.query)
	assert.Equal(t, goodContact, up.last.body, "the body byte for byte")
	assert.Equal(t, "abc", up.last.header.Get("X-Trace"))
	require.Len(t, results, 1)
	assert.True(t, results[0].OK())

	// Paths the rules do not describe are not checked, whatever they hold.
	code, _, _ = post(t, c, up.URL+"/api/domains/register.json", "domain-name=x&ns=&ns=", nil)
	assert.Equal(t, 200, code)
	assert.Equal(t, "domain-name=x&ns=&ns=", up.last.body)
	assert.Len(t, results, 1, "OnResult is for checked requests only")

	// A body larger than the API takes is not judged, and goes whole.
	big := goodContact + "&name=" + strings.Repeat("a", 2<<20)
	code, _, _ = post(t, c, up.URL+"/api/contacts/add.json", big, nil)
	assert.Equal(t, 200, code)
	assert.Equal(t, len(big), len(up.last.body))
}

// A request asking for its fixes (Contactlint-Fix) is a dry run: the
// Transport never sends it, on a checked path or any other.
func TestTransportNeverSendsAFix(t *testing.T) {
	up := newUpstream(t)
	c := &http.Client{Transport: &contactlint.Transport{}}
	for _, path := range []string{"/api/contacts/add.json", "/api/domains/register.json"} {
		req, err := http.NewRequest("POST", up.URL+path, strings.NewReader(goodContact))
		require.NoError(t, err)
		req.Header.Set("Contactlint-Fix", "true")
		_, err = c.Do(req)
		assert.ErrorContains(t, err, "Transport never sends one", path)
	}
	assert.Zero(t, up.hits.Load(), "nothing reached the upstream")
}

// The TLD and role travel in headers that are read, never sent on.
func TestTransportTLDHeaders(t *testing.T) {
	up := newUpstream(t)
	c := &http.Client{Transport: &contactlint.Transport{}}
	code, body, _ := post(t, c, up.URL+"/api/contacts/add.json", goodContact, map[string]string{contactlint.HeaderTLD: "br", contactlint.HeaderRole: "registrant"})
	assert.Equal(t, 500, code)
	assert.Contains(t, body, "BrOrgContact")

	c = &http.Client{Transport: &contactlint.Transport{WarnOnly: true}}
	post(t, c, up.URL+"/api/contacts/add.json", goodContact, map[string]string{contactlint.HeaderTLD: "br"})
	assert.Empty(t, up.last.header.Get(contactlint.HeaderTLD))
}

func TestTransportWarnOnlyAndMatch(t *testing.T) {
	up := newUpstream(t)
	var refused atomic.Int32
	c := &http.Client{Transport: &contactlint.Transport{
		WarnOnly: true,
		OnResult: func(_ *http.Request, r contactlint.Result) {
			if !r.OK() {
				refused.Add(1)
			}
		},
	}}
	bad := strings.Replace(goodContact, "zipcode=62701", "zipcode=ABCDE", 1)
	code, body, _ := post(t, c, up.URL+"/api/contacts/add.json", bad, nil)
	assert.Equal(t, 200, code, "warn-only sends it anyway")
	assert.Equal(t, "87654321", body)
	assert.Equal(t, int32(1), refused.Load(), "and reports it")

	onlyModify := &http.Client{Transport: &contactlint.Transport{Match: func(r *http.Request) bool {
		return strings.HasSuffix(r.URL.Path, "/contacts/modify.json")
	}}}
	code, _, _ = post(t, onlyModify, up.URL+"/api/contacts/add.json", bad, nil)
	assert.Equal(t, 200, code, "contacts/add is not matched: sent unchecked")
	code, _, _ = post(t, onlyModify, up.URL+"/api/contacts/modify.json", "contact-id=1&"+bad, nil)
	assert.Equal(t, 500, code)
}

// The request handed in is not changed, and concurrent use is safe.
func TestTransportConcurrentAndRequestUntouched(t *testing.T) {
	up := newUpstream(t)
	tr := &contactlint.Transport{}
	req, err := http.NewRequest("POST", up.URL+"/api/contacts/add.json", strings.NewReader(goodContact))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(contactlint.HeaderTLD, "com")
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "com", req.Header.Get(contactlint.HeaderTLD), "the caller's header map is its own")

	var wg sync.WaitGroup
	c := &http.Client{Transport: tr}
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := url.ParseQuery(goodContact)
			if i%2 == 1 {
				v.Set("zipcode", "ABCDE")
			}
			resp, err := c.PostForm(up.URL+"/api/contacts/add.json", v)
			if assert.NoError(t, err) {
				resp.Body.Close()
				assert.Equal(t, map[bool]int{false: 200, true: 500}[i%2 == 1], resp.StatusCode)
			}
		}()
	}
	wg.Wait()
}
