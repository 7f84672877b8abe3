package contactlint_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/sidecar"
)

// sent is what reached the API from one face.
type sent struct {
	method, path, query string
	body                []byte
	header              http.Header
}

// recordingBase is Transport's Base: it keeps what it is given and
// answers as the API does to a contact added.
type recordingBase struct {
	mu   sync.Mutex
	sent []sent
}

func (b *recordingBase) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	b.mu.Lock()
	b.sent = append(b.sent, sent{r.Method, r.URL.Path, r.URL.RawQuery, body, r.Header.Clone()})
	b.mu.Unlock()
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json;charset=UTF-8"}}, Body: io.NopCloser(strings.NewReader("87654321")), Request: r}, nil
}

func (b *recordingBase) take() []sent {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.sent
	b.sent = nil
	return out
}

// answer is what a caller got back from one face.
type answer struct {
	status       int
	contentType  string
	body         string
	warning      []string
	sentUpstream []sent
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	io.WriteString(w, s)
	w.Close()
	return b.String()
}

// The sidecar and Transport read a request the same way, so that the
// same bytes get the same decision: refused here with the same answer, or
// sent on with the same bytes and the same warning. (Transport used to
// send a contact it would refuse, unchecked, because of one bad
// %-escape elsewhere; both refused valid contacts sent as multipart, JSON
// or gzip with "Required parameter missing".)
func TestOneDecisionBothFaces(t *testing.T) {
	bad := strings.Replace(goodContact, "zipcode=62701", "zipcode=ABCDE", 1)
	formCT := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	multipart := "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nTest User\r\n--b--\r\n"
	cases := []struct {
		name, method, path, body string
		header                   map[string]string
		sentOn                   bool
		warning                  string
	}{
		{"valid form", "POST", "/api/contacts/add.json", goodContact, formCT, true, ""},
		{"refused form", "POST", "/api/contacts/add.json", bad, formCT, false, ""},
		{"refused, a bad escape elsewhere", "POST", "/api/contacts/add.json", bad + "&note=100%", formCT, false, "note"},
		{"valid, a bad escape elsewhere", "POST", "/api/contacts/add.json?x=%zz", goodContact, formCT, true, "x"},
		{"valid as multipart", "POST", "/api/contacts/add.json", multipart, map[string]string{"Content-Type": "multipart/form-data; boundary=b"}, true, "multipart/form-data"},
		{"valid as JSON", "POST", "/api/contacts/add.json", `{"name":"Test User"}`, map[string]string{"Content-Type": "application/json"}, true, "application/json"},
		{"valid form, gzip", "POST", "/api/contacts/add.json", gz(goodContact), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip"}, true, "compressed"},
		{"larger than 1 MiB", "POST", "/api/contacts/add.json", bad + "&x=" + strings.Repeat("a", 1<<20), formCT, true, "larger than 1 MiB"},
		{"a path variant", "POST", "/api/Contacts/Add.json/", bad, formCT, false, ""},
		{"the XML flavour", "POST", "/api/contacts/add.xml", bad, formCT, false, ""},
		{"HEAD", "HEAD", "/api/contacts/add.json?" + bad, "", nil, false, ""},
		{"GET", "GET", "/api/contacts/add.json?" + goodContact, "", nil, true, ""},
		{"not checked, our headers", "POST", "/api/domains/register.json", "domain-name=x", map[string]string{"Content-Type": "application/x-www-form-urlencoded", contactlint.HeaderTLD: "es", contactlint.HeaderRole: "admin"}, true, ""},
	}

	up := &recordingBase{}
	upSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, _ := up.RoundTrip(r)
		w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		io.Copy(w, resp.Body)
	}))
	defer upSrv.Close()
	u, _ := url.Parse(upSrv.URL)
	eng, err := contactlint.Default()
	require.NoError(t, err)
	h, err := sidecar.New(eng, sidecar.Options{Upstream: u})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv, lim := h.NewServer(ln)
	go srv.Serve(lim)
	defer srv.Close()
	viaSidecar := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	base := &recordingBase{}
	viaTransport := &http.Client{Transport: &contactlint.Transport{Base: base}}

	do := func(c *http.Client, host string, rec *recordingBase, tc int) answer {
		cs := cases[tc]
		req, err := http.NewRequest(cs.method, host+cs.path, strings.NewReader(cs.body))
		require.NoError(t, err)
		if cs.body == "" {
			req.Body = http.NoBody
			req.ContentLength = 0
		}
		for k, v := range cs.header {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		require.NoError(t, err, cs.name)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return answer{resp.StatusCode, resp.Header.Get("Content-Type"), string(b), resp.Header.Values(contactlint.HeaderWarning), rec.take()}
	}
	for i, cs := range cases {
		s := do(viaSidecar, "http://"+ln.Addr().String(), up, i)
		tr := do(viaTransport, "http://api.example", base, i)
		assert.Equal(t, s.status, tr.status, cs.name)
		assert.Equal(t, s.body, tr.body, cs.name)
		assert.Equal(t, s.contentType, tr.contentType, cs.name)
		assert.Equal(t, s.warning, tr.warning, cs.name)
		require.Equal(t, len(s.sentUpstream), len(tr.sentUpstream), cs.name)
		if !cs.sentOn {
			assert.Empty(t, s.sentUpstream, cs.name)
			assert.Equal(t, 500, s.status, cs.name)
			continue
		}
		require.Len(t, s.sentUpstream, 1, cs.name)
		a, b := s.sentUpstream[0], tr.sentUpstream[0]
		assert.Equal(t, cs.body, string(a.body), "%s: the body as it came", cs.name)
		assert.Equal(t, a.body, b.body, cs.name)
		assert.Equal(t, a.method, b.method, cs.name)
		assert.Equal(t, a.path, b.path, cs.name)
		assert.Equal(t, a.query, b.query, cs.name)
		for _, hdr := range []string{contactlint.HeaderTLD, contactlint.HeaderRole} {
			assert.Empty(t, a.header.Get(hdr), cs.name)
			assert.Empty(t, b.header.Get(hdr), cs.name)
		}
		if cs.warning == "" {
			assert.Empty(t, s.warning, cs.name)
		} else if assert.Len(t, s.warning, 1, cs.name) {
			assert.Contains(t, s.warning[0], cs.warning, cs.name)
		}
		assert.Equal(t, "87654321", s.body, cs.name)
	}
}

// Transport drops its own headers from every call it sends, checked or
// not (one with Contactlint-Fix it never sends: TestTransportNeverSendsAFix), and answers a request it cannot send with an error, as
// http.Transport does, never a panic.
func TestTransportOwnHeadersAndBadRequests(t *testing.T) {
	base := &recordingBase{}
	tr := &contactlint.Transport{Base: base, Match: func(r *http.Request) bool { return false }}
	req, err := http.NewRequest("POST", "http://api.example/api/contacts/add.json", strings.NewReader(goodContact))
	require.NoError(t, err)
	req.Header.Set(contactlint.HeaderTLD, "es")
	req.Header.Set(contactlint.HeaderRole, "registrant")
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	got := base.take()
	require.Len(t, got, 1)
	assert.Empty(t, got[0].header.Get(contactlint.HeaderTLD), "a call Match leaves unchecked")
	assert.Empty(t, got[0].header.Get(contactlint.HeaderRole))
	assert.Equal(t, "es", req.Header.Get(contactlint.HeaderTLD), "the caller's request is untouched")

	for name, r := range map[string]*http.Request{
		"empty":     {},
		"no header": {Method: "GET", URL: &url.URL{Scheme: "http", Host: "x", Path: "/api/contacts/add.json"}},
	} {
		assert.NotPanics(t, func() {
			resp, err := (&contactlint.Transport{Base: base}).RoundTrip(r)
			assert.Error(t, err, name)
			assert.Nil(t, resp, name)
		}, name)
	}
	// An empty method is GET, as net/http reads it.
	r := &http.Request{URL: &url.URL{Scheme: "http", Host: "x", Path: "/api/contacts/add.json", RawQuery: goodContact}, Header: http.Header{}}
	resp, err = (&contactlint.Transport{Base: base}).RoundTrip(r)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Len(t, base.take(), 1)
}

// The sidecar and Transport read the API's answer alike when they compare
// it with the verdict: a gzipped one uncompressed (Transport called it
// unreadable), one too large unreadable (the sidecar did not compare it
// at all), and a HEAD's, which has no body, not compared (the sidecar
// compared its empty body).
func TestBothFacesReadTheAnswerAlike(t *testing.T) {
	refusal := `{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`
	for _, c := range []struct {
		name, method string
		gzip         bool
		body         string
		want         []contactlint.Outcome
	}{
		{"plain", http.MethodPost, false, refusal, []contactlint.Outcome{contactlint.Miss}},
		{"gzip", http.MethodPost, true, refusal, []contactlint.Outcome{contactlint.Miss}},
		{"too large", http.MethodPost, false, refusal + strings.Repeat(" ", 70<<10), []contactlint.Outcome{contactlint.NotCompared}},
		{"head", http.MethodHead, false, "", nil},
	} {
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c.gzip {
				w.Header().Set("Content-Encoding", "gzip")
				io.WriteString(w, gz(c.body))
				return
			}
			io.WriteString(w, c.body)
		}))
		t.Cleanup(api.Close)
		outcomes := map[string][]contactlint.Outcome{}
		u, err := url.Parse(api.URL)
		require.NoError(t, err)
		e, err := contactlint.Default()
		require.NoError(t, err)
		logPath := t.TempDir() + "/d.jsonl"
		h, err := sidecar.New(e, sidecar.Options{Upstream: u, DisagreementLog: logPath})
		require.NoError(t, err)
		side := httptest.NewServer(h)
		t.Cleanup(side.Close)
		var tr []contactlint.Outcome
		client := &http.Client{Transport: &contactlint.Transport{OnCompare: func(_ *http.Request, cmp contactlint.Comparison) { tr = append(tr, cmp.Outcome) }}}
		for face, c2 := range map[string]*http.Client{"sidecar": http.DefaultClient, "Transport": client} {
			base := side.URL
			if face == "Transport" {
				base = api.URL
			}
			var body io.Reader
			query := "?auth-userid=1&api-key=k"
			if c.method == http.MethodPost {
				body = strings.NewReader(goodContact)
			} else {
				query += "&" + goodContact
			}
			req, err := http.NewRequest(c.method, base+"/api/contacts/add.json"+query, body)
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept-Encoding", "gzip") // as sent: an answer gzipped reaches both faces so
			resp, err := c2.Do(req)
			require.NoError(t, err, face)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		require.NoError(t, h.Close())
		outcomes["Transport"] = tr
		if raw, err := os.ReadFile(logPath); err == nil && len(raw) > 0 {
			for line := range strings.SplitSeq(strings.TrimSpace(string(raw)), "\n") {
				var r struct{ Outcome contactlint.Outcome }
				require.NoError(t, json.Unmarshal([]byte(line), &r))
				outcomes["sidecar"] = append(outcomes["sidecar"], r.Outcome)
			}
		}
		assert.Equal(t, c.want, outcomes["sidecar"], "%s: sidecar", c.name)
		assert.Equal(t, c.want, outcomes["Transport"], "%s: Transport", c.name)
	}
}
