package sidecar

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a fake upstream on loopback that keeps what it received.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	sums [][32]byte
	lens []int
	srv  *httptest.Server
}

func newRecorder(t *testing.T, answer http.HandlerFunc) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs, rec.sums, rec.lens = append(rec.reqs, r), append(rec.sums, sha256.Sum256(b)), append(rec.lens, len(b))
		rec.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(b))
		answer(w, r)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.reqs)
}

func (rec *recorder) last() (*http.Request, [32]byte, int) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	n := len(rec.reqs) - 1
	return rec.reqs[n], rec.sums[n], rec.lens[n]
}

func sidecarFor(t *testing.T, upstream string) string {
	u, err := url.Parse(upstream)
	require.NoError(t, err)
	return serve(t, handler(t, Options{Upstream: u}))
}

// rawClient sends exactly the headers it is given: no gzip, no Go
// User-Agent, no redirects followed.
var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func send(t *testing.T, method, u string, body io.Reader, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	require.NoError(t, err)
	req.Header = header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "")
	}
	resp, err := rawClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

// A path the rules do not describe goes upstream as it came, and its
// answer comes back as it came.
func TestForwardUnknownPathByteForByte(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Upstream", "yes")
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"actionstatus":"Success","entityid":"42"}`)
	})
	base := sidecarFor(t, up.srv.URL+"/base/")
	body := "domain-name=example.com&years=1&ns=ns1.example.com&ns=ns2.example.com&customer-id=12345&reg-contact-id=1&admin-contact-id=-1&auth-userid=1&api-key=k"
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "X-Client": {"fossbilling"}, "User-Agent": {"FOSSBilling/0.8"}}
	resp, got := send(t, "POST", base+"/api/domains/register.json?debug=1&a=%2F", strings.NewReader(body), h)

	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, `{"actionstatus":"Success","entityid":"42"}`, string(got))
	assert.Equal(t, "yes", resp.Header.Get("X-Upstream"))
	require.Equal(t, 1, up.count())
	r, sum, n := up.last()
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/base/api/domains/register.json", r.URL.Path)
	assert.Equal(t, "debug=1&a=%2F", r.URL.RawQuery)
	assert.Equal(t, sha256.Sum256([]byte(body)), sum)
	assert.Equal(t, len(body), n)
	assert.Equal(t, "fossbilling", r.Header.Get("X-Client"))
	assert.Equal(t, "FOSSBilling/0.8", r.Header.Get("User-Agent"))
	assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))

	// Other methods and paths outside /api/ too.
	resp, _ = send(t, "PUT", base+"/anything/else", strings.NewReader("x"), nil)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	r, _, _ = up.last()
	assert.Equal(t, "PUT", r.Method)
	assert.Equal(t, "/base/anything/else", r.URL.Path)
}

// A large body to an unchecked path is streamed through intact (the 1 MiB
// limit is for the requests the sidecar reads).
func TestForwardLargeBody(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "true") })
	base := sidecarFor(t, up.srv.URL)
	big := make([]byte, 8<<20)
	_, err := rand.Read(big)
	require.NoError(t, err)
	resp, got := send(t, "POST", base+"/api/dns/manage/add-txt-record.json", bytes.NewReader(big), http.Header{"Content-Type": {"application/octet-stream"}})
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "true", string(got))
	_, sum, n := up.last()
	assert.Equal(t, len(big), n)
	assert.Equal(t, sha256.Sum256(big), sum)
}

// An upstream that fails or is gone is a 502 in the API's error form.
func TestForwardUpstreamErrors(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"status":"ERROR","message":"upstream says no"}`)
	})
	base := sidecarFor(t, up.srv.URL)
	resp, got := send(t, "GET", base+"/api/customers/details.json?username=a%40b.c", nil, nil)
	assert.Equal(t, 500, resp.StatusCode, "the upstream's own error, as it came")
	assert.Equal(t, `{"status":"ERROR","message":"upstream says no"}`, string(got))

	up.srv.Close()
	resp, got = send(t, "GET", base+"/api/customers/details.json?username=a%40b.c", nil, nil)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, string(got), `"status":"ERROR"`)
}

// What a PHP panel does on one API base URL: add a contact, then register
// a domain with it. An invalid contact never leaves.
func TestForwardPanelFlow(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/contacts/add.json":
			io.WriteString(w, "87654321")
		case "/api/domains/register.json":
			b, _ := io.ReadAll(r.Body)
			v, _ := url.ParseQuery(string(b))
			io.WriteString(w, `{"actionstatus":"Success","description":"`+v.Get("domain-name")+`","reg-contact":"`+v.Get("reg-contact-id")+`"}`)
		default:
			w.WriteHeader(404)
		}
	})
	base := sidecarFor(t, up.srv.URL)
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}

	resp, id := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "87654321", string(id))

	reg := "domain-name=example.com&years=1&customer-id=12345&reg-contact-id=" + string(id) + "&admin-contact-id=" + string(id) +
		"&tech-contact-id=" + string(id) + "&billing-contact-id=" + string(id) + "&invoice-option=NoInvoice&protect-privacy=false&auth-userid=123456&api-key=k"
	resp, got := send(t, "POST", base+"/api/domains/register.json", strings.NewReader(reg), form)
	assert.Equal(t, 200, resp.StatusCode)
	assert.JSONEq(t, `{"actionstatus":"Success","description":"example.com","reg-contact":"87654321"}`, string(got))
	assert.Equal(t, 2, up.count())

	bad := strings.Replace(valid, "phone-cc=1", "phone-cc=999", 1)
	resp, got = send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(bad), form)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid}"}`, string(got))
	assert.Equal(t, 2, up.count(), "the refused contact was not sent")
}

// A redirect from the upstream is returned as it came: the body and query,
// with the api-key, never reach the host it names.
func TestForwardNeverFollowsRedirects(t *testing.T) {
	elsewhere := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "stolen") })
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", elsewhere.srv.URL+"/collect")
			w.WriteHeader(status)
		})
		base := sidecarFor(t, up.srv.URL)
		for _, path := range []string{"/api/contacts/add.json", "/api/domains/register.json"} {
			resp, _ := send(t, "POST", base+path+"?api-key=s3cr3t", strings.NewReader(valid), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
			assert.Equal(t, status, resp.StatusCode, path)
			assert.Equal(t, elsewhere.srv.URL+"/collect", resp.Header.Get("Location"), path)
		}
		assert.Equal(t, 2, up.count())
	}
	assert.Equal(t, 0, elsewhere.count(), "the other host received nothing")
}

// Forwarded as a proxy should (RFC 9110, 7.6.1): a connection's own
// headers, and those its Connection header names, stay; nothing of ours
// is added.
func TestForwardHeaders(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "X-Up-Hop")
		w.Header().Set("X-Up-Hop", "1")
		w.Header().Set("X-Up-End", "1")
		io.WriteString(w, "ok")
	})
	base := sidecarFor(t, up.srv.URL)
	h := http.Header{
		"Connection":   {"X-Secret-Hop, Keep-Alive"},
		"Keep-Alive":   {"timeout=5"},
		"X-Secret-Hop": {"do-not-forward"},
		"X-End":        {"forward-me"},
		HeaderTLD:      {"us"},
	}
	resp, _ := send(t, "GET", base+"/api/products/details.json", nil, h)
	assert.Equal(t, 200, resp.StatusCode)
	r, _, _ := up.last()
	assert.Empty(t, r.Header.Get("X-Secret-Hop"))
	assert.Empty(t, r.Header.Get("Keep-Alive"))
	assert.Empty(t, r.Header.Get(HeaderTLD))
	assert.Equal(t, "forward-me", r.Header.Get("X-End"))
	assert.Empty(t, r.Header.Get("Accept-Encoding"), "no gzip of our own")
	assert.Empty(t, r.Header.Get("User-Agent"), "no Go User-Agent: the caller sent none")
	assert.Empty(t, resp.Header.Get("X-Up-Hop"))
	assert.Equal(t, "1", resp.Header.Get("X-Up-End"))
}

// Beyond MaxInFlight a request is answered 503 with Retry-After at once;
// /healthz and /metrics still answer.
func TestMaxInFlight(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 8)
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
		io.WriteString(w, "done")
	})
	u, err := url.Parse(up.srv.URL)
	require.NoError(t, err)
	base := serve(t, handler(t, Options{Upstream: u, MaxInFlight: 2}))
	results := make(chan int, 2)
	for range 2 {
		go func() {
			resp, _ := send(t, "GET", base+"/api/domains/details.json", nil, nil)
			results <- resp.StatusCode
		}()
	}
	<-entered
	<-entered
	resp, body := send(t, "GET", base+"/api/domains/details.json", nil, nil)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	assert.Contains(t, string(body), `"status":"ERROR"`)
	resp, _ = send(t, "GET", base+"/healthz", nil, nil)
	assert.Equal(t, 200, resp.StatusCode)
	mf := scrape(t, base) // /metrics is exempt too
	assert.Equal(t, 1.0, value(mf, "contactlint_requests_total", "command", "other", "outcome", "busy"))
	assert.Equal(t, 2.0, value(mf, "contactlint_in_flight_requests"))
	close(release)
	assert.Equal(t, 200, <-results)
	assert.Equal(t, 200, <-results)
	resp, _ = send(t, "GET", base+"/api/domains/details.json", nil, nil)
	assert.Equal(t, 200, resp.StatusCode, "the slots are given back")
}

// A body of a million repeated unknown parameters costs one request's
// bounded work: the answer is small and says the rest was not checked.
func TestOverloadBounded(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	var b strings.Builder
	for b.Len() < MaxBody-100 {
		b.WriteString("zz=1&")
	}
	resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(b.String()), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	assert.Equal(t, 500, resp.StatusCode, "the required parameters are missing")
	assert.Less(t, len(body), 2000)

	var pairs strings.Builder
	for i := 0; pairs.Len() < MaxBody-len(valid)-100; i++ {
		fmt.Fprintf(&pairs, "attr-name%d=x%d&attr-value%d=y&", i, i, i)
	}
	resp, body = send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid+"&"+pairs.String()), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, HeaderTLD: {"us"}})
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, string(body), "too-many-params")
	assert.Less(t, len(body), 100_000)
}
