package contactlint

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// Headers a caller may set on a request to name what the API's parameters
// cannot: the TLD(s) the contact is for, comma-separated, and its role
// (registrant, admin, tech, billing). Transport and the sidecar read them
// and never send them on.
const (
	HeaderTLD  = apihttp.HeaderTLD
	HeaderRole = apihttp.HeaderRole
)

// Transport is an http.RoundTripper that pre-flights the LogicBoxes API
// calls an http.Client sends. A request the rules describe (by default a
// GET or POST of /api/contacts/….json on any host, query or form
// parameters) is checked first: one the API would refuse is answered
// locally, with the API's own HTTP status and body, and never leaves the
// process. Everything else is sent through Base unchanged, its body
// intact.
//
//	client := &http.Client{Transport: &contactlint.Transport{}}
//
// A Transport is safe for concurrent use once its fields are set.
type Transport struct {
	// Base sends the requests that pass or are not checked. Nil means
	// http.DefaultTransport.
	Base http.RoundTripper
	// Engine checks them. Nil means Default(); should that fail to
	// compile, RoundTrip returns its error.
	Engine *Engine
	// WarnOnly sends every request, refused or not: the result reaches
	// OnResult only. For a first deployment, to see what would be refused.
	WarnOnly bool
	// OnResult, when set, is called with each checked request and its
	// result — refused, passed with warnings, or clean — before the
	// request is sent or answered. It must not keep the request's body.
	OnResult func(*http.Request, Result)
	// Match, when set, narrows the requests checked: only those of the
	// API paths the rules describe for which it returns true (say, only
	// contacts/add). The rest are sent unchecked.
	Match func(*http.Request) bool
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	eng := t.Engine
	if eng == nil {
		var err error
		if eng, err = Default(); err != nil {
			closeBody(req)
			return nil, err
		}
	}
	if !apihttp.Checked(eng, req.Method, req.URL.Path) || t.Match != nil && !t.Match(req) {
		return base.RoundTrip(req)
	}

	// A RoundTripper must not change the request: a clone carries the body
	// read for the check, and drops the headers meant for us.
	out := req.Clone(req.Context())
	out.Header.Del(HeaderTLD)
	out.Header.Del(HeaderRole)
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(req.Body, apihttp.MaxBody+1))
		if err != nil {
			closeBody(req)
			return nil, err
		}
		if len(b) > apihttp.MaxBody {
			// Larger than the API takes: not ours to judge. Sent as it came.
			out.Body = readCloser{io.MultiReader(bytes.NewReader(b), req.Body), req.Body}
			return base.RoundTrip(out)
		}
		req.Body.Close()
		body = b
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}

	creq, err := apihttp.Request(req, body)
	if err != nil {
		// Unreadable parameters: the API answers that itself.
		return base.RoundTrip(out)
	}
	res := eng.Check(creq)
	if t.OnResult != nil {
		t.OnResult(out, res)
	}
	if res.OK() || t.WarnOnly {
		return base.RoundTrip(out)
	}
	return refusal(req, res), nil
}

// refusal is the API's answer to a refused request, as the live API sends
// it.
func refusal(req *http.Request, res Result) *http.Response {
	b := res.APIResponseStyle(engine.Wire)
	return &http.Response{
		Status:        strconv.Itoa(apihttp.RefusalStatus) + " " + http.StatusText(apihttp.RefusalStatus),
		StatusCode:    apihttp.RefusalStatus,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {apihttp.RefusalContentType}, "Content-Length": {strconv.Itoa(len(b))}},
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       req,
	}
}

// readCloser reads from one reader and closes another: a body partly read
// for the check, sent on whole.
type readCloser struct {
	io.Reader
	io.Closer
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}
