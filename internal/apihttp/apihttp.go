// Package apihttp is how an HTTP request on the API's paths becomes a
// request to check, and how a refusal goes back: one reading for the
// sidecar (a server) and contactlint.Transport (a client), so that the
// same bytes get the same decision from both.
package apihttp

import (
	"net/http"
	"strings"
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
	// HeaderWarning is set on an answer to a call that was sent on not
	// checked, or checked without some of its parameters: it says why.
	HeaderWarning = "Contactlint-Warning"
)

// WantsFix reports whether a request asks for its fixes (HeaderFix set,
// and not to false): a dry run, which no face may send to the API.
func WantsFix(h http.Header) bool {
	f := h.Get(HeaderFix)
	return f != "" && !strings.EqualFold(f, "false")
}

// Own lists the headers that are contactlint's and never leave for the
// API.
var Own = [...]string{HeaderTLD, HeaderRole, HeaderFix}

// HasOwn reports whether h carries any of Own.
func HasOwn(h http.Header) bool {
	for _, k := range Own {
		if _, ok := h[k]; ok {
			return true
		}
	}
	return false
}

// StripOwn deletes Own from h.
func StripOwn(h http.Header) {
	for _, k := range Own {
		delete(h, k)
	}
}

// The live API refuses with HTTP 500 and a JSON body of this type.
const (
	RefusalStatus      = http.StatusInternalServerError
	RefusalContentType = "application/json;charset=UTF-8"
	// RefusalContentTypeXML is the type of a refusal on a .xml path. The
	// body's shape is seen in a public client (docs/sidecar.md, "What is
	// checked, and how a request is read"); its Content-Type was not, and is this by analogy.
	RefusalContentTypeXML = "application/xml;charset=UTF-8"
)
