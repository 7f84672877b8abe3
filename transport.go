package contactlint

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/contactlint/contactlint/internal/apihttp"
)

// Headers a caller may set on a request to name what the API's parameters
// cannot: the TLD(s) the contact is for, comma-separated, and its role
// (registrant, admin, tech, billing). Transport and the sidecar read them
// and never send them on.
const (
	HeaderTLD  = apihttp.HeaderTLD
	HeaderRole = apihttp.HeaderRole
	// HeaderWarning is set on an answer to a call that was sent
	// unchecked, or checked without some of its parameters: it says why.
	HeaderWarning = apihttp.HeaderWarning
)

// Transport is an http.RoundTripper that pre-flights the LogicBoxes API
// calls an http.Client sends. A request the rules describe (a GET, POST or
// HEAD of /api/<command>.json or .xml on any host, in every spelling of
// the path the API may route: path parameters, a trailing slash, any
// letter case; query or form parameters) is checked first: one the API
// would refuse is answered locally, with the API's own HTTP status and
// body, and never leaves the process. Everything else is sent through
// Base unchanged, its body intact.
//
// Transport reads a request as the sidecar does, so that both decide the
// same for the same bytes. A body the API is not known to read as
// parameters (multipart, JSON, compressed, larger than 1 MiB) is sent
// unchecked, and a parameter whose %-escape cannot be decoded is left out
// of the check; either way the answer that comes back carries a
// Contactlint-Warning header saying so. The Contactlint-* headers are
// never sent on, checked call or not, and a request with Contactlint-Fix
// (the sidecar's dry run) is not sent at all: RoundTrip returns an error.
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
	// OnResult only, and a Contactlint-Warning on the answer says what
	// would have been refused. For a first deployment, to see what would
	// be refused; with OnCompare or Disagreements it is the sidecar's
	// observe mode.
	WarnOnly bool
	// OnResult, when set, is called with each checked request and its
	// result — refused, passed with warnings, or clean — before the
	// request is sent or answered. It must not keep the request's body.
	OnResult func(*http.Request, Result)
	// Match, when set, narrows the requests checked: only those of the
	// API paths the rules describe for which it returns true (say, only
	// contacts/add). The rest are sent unchecked.
	Match func(*http.Request) bool

	// OnCompare, when set, is called with each checked request that was
	// sent and the comparison of its verdict with the API's answer (the
	// answer's first 64 KiB are read for it, and given back whole). In
	// enforce mode (not WarnOnly) only calls that passed are sent, so a
	// miss is the disagreement seen; WarnOnly shows false errors too.
	OnCompare func(*http.Request, Comparison)
	// Disagreements, when set, records each comparison as the sidecar's
	// -disagreements does; DisagreementValues keeps the values involved
	// (personal data: for a debugging session only).
	Disagreements      *DisagreementLog
	DisagreementValues bool

	vocab atomic.Pointer[vocabFor] // the engine's, to read answers with
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base, eng, err := t.parts(req)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	if apihttp.WantsFix(req.Header) {
		// A fix is the sidecar's dry run; sent here, it would be done.
		closeBody(req)
		return nil, errors.New("contactlint: a request with Contactlint-Fix is a dry run for the sidecar; Transport never sends one (use Engine.Fix)")
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet // as net/http reads an empty method
	}
	call, ok := apihttp.Route(eng, method, req.URL.Path)
	if !ok || t.Match != nil && !t.Match(req) {
		return base.RoundTrip(withoutOwn(req))
	}

	// A RoundTripper must not change the request: a clone carries the body
	// read for the check, and drops the headers meant for us.
	out := withoutOwn(req)
	if out == req {
		out = req.Clone(req.Context())
	}
	hasBody := req.Body != nil && req.Body != http.NoBody
	if why := apihttp.Unread(method, req.Header, hasBody); why != "" {
		return warned(base.RoundTrip(out))(why)
	}
	body, tooLarge, err := readBody(req, out)
	switch {
	case err != nil:
		return nil, err
	case tooLarge: // larger than the API takes: not ours to judge
		return warned(base.RoundTrip(out))(apihttp.TooLarge)
	}
	rd := apihttp.Read(eng, req, call, string(body), nil)
	res := eng.Check(rd.Request)
	if t.OnResult != nil {
		t.OnResult(out, res)
	}
	return t.send(base, eng, req, out, call, rd, res)
}

// parts are the Base and Engine to use, or an error, as http.Transport
// gives one (never a panic) for a request that cannot be sent.
func (t *Transport) parts(req *http.Request) (http.RoundTripper, *Engine, error) {
	if req.URL == nil {
		return nil, nil, errors.New("contactlint: nil Request.URL")
	}
	if req.Header == nil {
		return nil, nil, errors.New("contactlint: nil Request.Header")
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	eng := t.Engine
	if eng == nil {
		var err error
		if eng, err = Default(); err != nil {
			return nil, nil, err
		}
	}
	return base, eng, nil
}

// send sends a checked call that passed (or every one, WarnOnly),
// comparing the verdict with the answer, or answers the API's refusal;
// the answer carries the call's warnings.
func (t *Transport) send(base http.RoundTripper, eng *Engine, req, out *http.Request, call apihttp.Call, rd apihttp.Reading, res Result) (*http.Response, error) {
	var warnings []string
	if len(rd.Unread) > 0 {
		warnings = append(warnings, apihttp.UnreadWarning(rd.Unread))
	}
	var resp *http.Response
	var err error
	if res.OK() || t.WarnOnly {
		resp, err = base.RoundTrip(out)
		if err == nil && t.compares() && call.Method != http.MethodHead {
			t.compare(eng, out, rd.Request, res, resp)
		}
		if !res.OK() {
			warnings = append(warnings, observedWarning(res))
		}
	} else {
		resp = refusal(req, res, call)
	}
	for _, w := range warnings {
		resp, err = warned(resp, err)(w)
	}
	return resp, err
}

// readBody reads req's body for the check, and gives out (req's clone)
// the same bytes. One larger than MaxBody is not read whole: out sends it
// as it came.
func readBody(req, out *http.Request) (body []byte, tooLarge bool, err error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, false, nil
	}
	b, err := io.ReadAll(io.LimitReader(req.Body, apihttp.MaxBody+1))
	if err != nil {
		closeBody(req)
		return nil, false, err
	}
	if len(b) > apihttp.MaxBody {
		out.Body = readCloser{io.MultiReader(bytes.NewReader(b), req.Body), req.Body}
		return nil, true, nil
	}
	req.Body.Close()
	out.Body = io.NopCloser(bytes.NewReader(b))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return b, false, nil
}

// withoutOwn is req, or a clone of it without the headers that are ours.
func withoutOwn(req *http.Request) *http.Request {
	if !apihttp.HasOwn(req.Header) {
		return req
	}
	out := req.Clone(req.Context())
	apihttp.StripOwn(out.Header)
	return out
}

// warned adds a Contactlint-Warning to an answer that came back.
func warned(resp *http.Response, err error) func(string) (*http.Response, error) {
	return func(why string) (*http.Response, error) {
		if resp != nil {
			if resp.Header == nil {
				resp.Header = http.Header{}
			}
			resp.Header.Add(apihttp.HeaderWarning, why)
		}
		return resp, err
	}
}

// refusal is the API's answer to a refused request, as the live API sends
// it.
func refusal(req *http.Request, res Result, call apihttp.Call) *http.Response {
	b, ctype := apihttp.Refusal(res, call.Format)
	resp := &http.Response{
		Status:        strconv.Itoa(apihttp.RefusalStatus) + " " + http.StatusText(apihttp.RefusalStatus),
		StatusCode:    apihttp.RefusalStatus,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {ctype}, "Content-Length": {strconv.Itoa(len(b))}},
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       req,
	}
	if call.Method == http.MethodHead {
		resp.Body = http.NoBody // a HEAD answer has its headers only
	}
	return resp
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
