// Package apihttp is how an HTTP request on the API's paths becomes a
// request to check, and how a refusal goes back: one reading for the
// sidecar (a server) and contactlint.Transport (a client).
package apihttp

import (
	"mime"
	"net/http"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// MaxBody is the largest request body read for a check.
const MaxBody = 1 << 20

// Headers a caller may send to name what the API's parameters cannot: the
// TLD(s) the contact is for and its role. They are never sent on to the
// API.
const (
	HeaderTLD  = "Contactlint-Tld"
	HeaderRole = "Contactlint-Role"
	// HeaderFix asks the sidecar for the request with its fixes applied
	// instead of the API's answer; such a request is never forwarded.
	HeaderFix = "Contactlint-Fix"
)

// The live API refuses with HTTP 500 and a JSON body of this type.
const (
	RefusalStatus      = http.StatusInternalServerError
	RefusalContentType = "application/json;charset=UTF-8"
)

// Checked reports whether a request is one eng checks: a GET or POST of a
// command the rules describe, on its /api/….json path.
func Checked(eng *engine.Engine, method, path string) bool {
	return (method == http.MethodGet || method == http.MethodPost) &&
		strings.HasPrefix(path, "/api/") && strings.HasSuffix(path, ".json") && eng.HasCommand(path)
}

// IsForm reports whether a body is form parameters, which the API reads
// as it reads the query.
func IsForm(h http.Header) bool {
	const form = "application/x-www-form-urlencoded"
	v := h.Get("Content-Type")
	if v == form { // what PHP's curl sends; ParseMediaType allocates a map
		return true
	}
	ct, _, err := mime.ParseMediaType(v)
	return err == nil && ct == form
}

// Request is the request to check: the query's parameters, then a POST's
// form body's, with the TLD and role from their headers.
func Request(r *http.Request, body []byte) (engine.Request, error) {
	params, err := engine.ParseQuery(r.URL.RawQuery)
	if err == nil && r.Method == http.MethodPost && IsForm(r.Header) {
		var form []engine.Param
		form, err = engine.ParseQuery(string(body))
		params = append(params, form...)
	}
	if err != nil {
		return engine.Request{}, err
	}
	return engine.Request{
		Command: r.URL.Path,
		TLDs:    engine.SplitTLDs(r.Header.Get(HeaderTLD)),
		Role:    r.Header.Get(HeaderRole),
		Method:  r.Method,
		Params:  params,
	}, nil
}
