package sidecar

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every spelling of a checked call that the API's servlet container may
// route to it is checked: path parameters, a trailing slash, letter case,
// dot segments, the XML flavour, HEAD. A refused one never leaves; a
// valid one goes on as it came.
func TestPathVariantsChecked(t *testing.T) {
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("87654321")) })
	base := forwarding(t, up.srv.URL, Options{})
	bad := strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1)
	const refusal = `{"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}`
	for _, p := range []string{
		"/api/contacts/add.json/",
		"/api/contacts/add.json;jsessionid=1",
		"/api/contacts;v=2/add.json",
		"/api/Contacts/Add.json",
		"/API/CONTACTS/ADD.JSON",
		"//api//contacts/./add.json",
		"/api/x/../contacts/add.json",
	} {
		resp, body := send(t, "POST", base+p, strings.NewReader(bad), form)
		assert.Equal(t, 500, resp.StatusCode, p)
		assert.Equal(t, refusal, string(body), p)
	}
	resp, body := send(t, "POST", base+"/api/contacts/add.xml", strings.NewReader(bad), form)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, "application/xml;charset=UTF-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "<response><status>ERROR</status><message>{zip=Postal Code is invalid}</message></response>", string(body))

	resp, body = send(t, "HEAD", base+"/api/contacts/add.json?"+bad, nil, nil)
	assert.Equal(t, 500, resp.StatusCode, "HEAD is GET without the body, as a servlet answers it")
	assert.Empty(t, body)
	assert.Zero(t, up.count(), "no refused variant reached the upstream")

	for _, p := range []string{"/api/contacts/add.json/", "/api/Contacts/Add.json;jsessionid=1", "/api/contacts/add.xml"} {
		resp, body = send(t, "POST", base+p, strings.NewReader(valid), form)
		assert.Equal(t, 200, resp.StatusCode, p)
		assert.Equal(t, "87654321", string(body), p)
		r, _, _ := up.last()
		assert.Equal(t, p, r.URL.Path, "forwarded as it came")
	}
	send(t, "HEAD", base+"/api/contacts/add.json?"+valid, nil, nil)
	r, _, _ := up.last()
	assert.Equal(t, "HEAD", r.Method)
	assert.Equal(t, 4, up.count())

	// Not a command: forwarded unchecked, whatever it holds.
	resp, _ = send(t, "POST", base+"/api/contacts/add.jsonx", strings.NewReader(bad), form)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, 5, up.count())
}

// A missing parameter is the XML answer's whole message too.
func TestXMLRequiredParameter(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	resp, body := send(t, "GET", base+"/check/api/contacts/add.xml?name=x", nil, nil)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, "<response><status>ERROR</status><message>Required parameter missing: company</message></response>", string(body))
}

// A contact for more TLDs than used to fit gets every TLD's rules: .es
// named ninth is checked as .es named alone. (Past eight, the rest were
// silently dropped.)
func TestEveryTLDChecked(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	es := strings.Replace(valid, "type=Contact", "type=EsContact", 1)
	h := form.Clone()
	h.Set(HeaderRole, "registrant")
	for _, tlds := range []string{"es", "asia,br,ca,cn,coop,eu,jobs,nl,es", "asia,br,ca,cn,coop,eu,jobs,nl,pro,ru,us,es"} {
		h.Set(HeaderTLD, tlds)
		resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(es), h)
		assert.Equal(t, 500, resp.StatusCode, tlds)
		for _, field := range []string{"es_tipo_identificacion", "es_form_juridica", "es_identificacion"} {
			assert.Contains(t, string(body), field+`\u003d`, tlds)
		}
	}
}
