// Package sidecar serves contactlint over HTTP on the API's own paths, for
// services not written in Go (most LogicBoxes integrations are PHP: WHMCS,
// Blesta, FOSSBilling). A client points at the sidecar instead of the API:
// a request the API would refuse gets exactly the API's error answer,
// without a round trip; one that passes gets {"status":"OK"} and its
// warnings, or, with an upstream, is forwarded unchanged and the upstream's
// answer returned. With an upstream the sidecar is a drop-in API base URL:
// every other path goes through untouched, so a panel that sends all its
// calls to one base URL (Blesta's LogicBoxes module) can point at it.
package sidecar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// MaxBody is the largest request body read (and the CLI's request limit).
const MaxBody = apihttp.MaxBody

// Headers a caller may send to name what the API's parameters cannot: the
// TLD(s) the contact is for and its role. They are not forwarded.
const (
	HeaderTLD  = apihttp.HeaderTLD
	HeaderRole = apihttp.HeaderRole
	// HeaderFix (any value but "" or "false") asks for the request with
	// every sure fix applied, as contactlint fix makes it: the answer is
	// {"status":"OK"|"ERROR","fixed":"name=…&…","changes":[…],
	// "response":…,"violations":[…]}, the status and response those of the
	// fixed request. It is never forwarded.
	HeaderFix = apihttp.HeaderFix
)

// Options configure a Handler. The zero value serves without an upstream
// and logs nothing.
type Options struct {
	// Upstream, when set, makes the sidecar a drop-in API base URL: a
	// checked request that passes is forwarded unchanged, and so is every
	// request the rules do not describe (domains/register,
	// customers/details, …); the upstream's answer is returned.
	// https://httpapi.com or the test server.
	Upstream *url.URL
	// Client sends to Upstream. It never follows redirects: a redirect is
	// returned to the caller as it came, so that credentials in the body
	// or query never reach another host. Nil: a client whose transport
	// does not add compression, so bodies pass byte for byte.
	Client *http.Client
	// Logger logs each request's path, status and duration — never its
	// parameters, so never api-key or auth-password.
	Logger *slog.Logger
	// MaxInFlight bounds the requests served at once; beyond it a request
	// is answered 503 with Retry-After at once. 0 means DefaultMaxInFlight.
	MaxInFlight int
	// Version, when set, is reported by /healthz, so that a deployment can
	// be checked for the build it runs.
	Version string
}

// DefaultMaxInFlight is MaxInFlight's default: far above what a panel
// sends at once, low enough that 1 MiB bodies cannot exhaust memory.
const DefaultMaxInFlight = 128

// Handler serves the API's paths (/api/contacts/add.json, …), /healthz and
// GET /rules.
type Handler struct {
	eng    *engine.Engine
	opts   Options
	client *http.Client
	mux    *http.ServeMux
	slots  chan struct{} // a token per request in flight
}

// New returns a Handler checking with eng, which must not be nil.
func New(eng *engine.Engine, opts Options) (*Handler, error) {
	if eng == nil {
		return nil, errors.New("sidecar: New needs an engine")
	}
	if u := opts.Upstream; u != nil && (u.Scheme != "http" && u.Scheme != "https" || u.Host == "") {
		return nil, fmt.Errorf("sidecar: the upstream %q is not an http(s) URL", u)
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = DefaultMaxInFlight
	}
	h := &Handler{eng: eng, opts: opts, client: upstreamClient(opts.Client), mux: http.NewServeMux(), slots: make(chan struct{}, opts.MaxInFlight)}
	h.mux.HandleFunc("/healthz", h.health)
	h.mux.HandleFunc("GET /rules", h.rules)
	h.mux.HandleFunc("/", h.api)
	return h, nil
}

// upstreamClient is c (or a default) made never to follow a redirect, and
// by default not to add compression of its own.
func upstreamClient(c *http.Client) *http.Client {
	out := &http.Client{}
	if c != nil {
		*out = *c
	}
	if out.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DisableCompression = true // what the caller asked for, not gzip of our own
		out.Transport = t
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return out
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.opts.Logger == nil {
		h.serve(w, r)
		return
	}
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.serve(sw, r)
	h.opts.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/healthz" {
		h.mux.ServeHTTP(w, r) // answers even when busy
		return
	}
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
		h.mux.ServeHTTP(w, r)
	default:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "too many requests in flight; retry shortly")
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (h *Handler) health(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if h.opts.Version == "" {
		io.WriteString(w, `{"status":"OK"}`+"\n")
		return
	}
	json.NewEncoder(w).Encode(struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}{"OK", h.opts.Version})
}

// rules lists what the engine checks: its rule files, commands, contact
// types and TLDs.
func (h *Handler) rules(w http.ResponseWriter, _ *http.Request) {
	out := struct {
		Files    []string             `json:"files"`
		Commands []engine.CommandInfo `json:"commands"`
		Types    []string             `json:"types"`
		TLDs     []string             `json:"tlds"`
	}{Files: h.eng.Files(), Commands: h.eng.Commands(), Types: h.eng.Types(), TLDs: h.eng.TLDs()}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}

// api checks a call on the API's path and answers as the API would; with
// an upstream, what it does not check goes through untouched.
func (h *Handler) api(w http.ResponseWriter, r *http.Request) {
	if !apihttp.Checked(h.eng, r.Method, r.URL.Path) {
		if h.opts.Upstream != nil {
			h.forward(w, r, r.Body, r.ContentLength)
			return
		}
		h.notChecked(w, r)
		return
	}
	var body []byte
	var err error
	if r.Body != nil && r.Body != http.NoBody { // a GET has none: io.ReadAll would still allocate
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "the request body is larger than 1 MiB")
			return
		}
		writeError(w, http.StatusBadRequest, "the request body could not be read")
		return
	}
	req, err := apihttp.Request(r, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "the parameters could not be read: "+err.Error())
		return
	}
	if f := r.Header.Get(HeaderFix); f != "" && !strings.EqualFold(f, "false") {
		h.fix(w, req)
		return
	}
	res := h.eng.Check(req)
	if !res.OK() {
		// The live API answers errors with HTTP 500 and this body.
		w.Header().Set("Content-Type", apihttp.RefusalContentType)
		w.WriteHeader(apihttp.RefusalStatus)
		w.Write(res.APIResponseStyle(engine.Wire))
		return
	}
	if h.opts.Upstream != nil {
		h.forward(w, r, bytes.NewReader(body), int64(len(body)))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(okAnswer(make([]byte, 0, 64+256*len(res.Violations)), res.Violations))
}

// okAnswer appends the answer to a request that passes:
// {"status":"OK","warnings":[…]} and a newline, as encoding/json's Encoder
// writes it with HTML escaping off.
func okAnswer(b []byte, warnings []engine.Violation) []byte {
	b = append(b, `{"status":"OK","warnings":[`...)
	for i := range warnings {
		if i > 0 {
			b = append(b, ',')
		}
		b = warnings[i].AppendJSON(b)
	}
	return append(b, "]}\n"...)
}

// fix answers a request with its fixes applied (HeaderFix).
func (h *Handler) fix(w http.ResponseWriter, req engine.Request) {
	fixed, changes, res := h.eng.Fix(req)
	type change struct {
		Param  string `json:"param"`
		From   string `json:"from"`
		To     string `json:"to"`
		Code   string `json:"code"`
		Before string `json:"before,omitempty"`
	}
	out := struct {
		Status     string             `json:"status"`
		Fixed      string             `json:"fixed"`
		Changes    []change           `json:"changes"`
		Response   json.RawMessage    `json:"response"`
		Violations []engine.Violation `json:"violations"`
	}{Status: "OK", Fixed: engine.EncodeQuery(fixed.Params), Changes: []change{}, Response: res.APIResponseStyle(engine.Wire), Violations: res.Violations}
	if !res.OK() {
		out.Status = "ERROR"
	}
	if out.Violations == nil {
		out.Violations = []engine.Violation{}
	}
	for _, c := range changes {
		out.Changes = append(out.Changes, change{c.Param, c.From, c.To, c.Code, c.Before})
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}

// notChecked answers, without an upstream, a request the sidecar does not
// check: it has nowhere to send it.
func (h *Handler) notChecked(w http.ResponseWriter, r *http.Request) {
	switch {
	case !strings.HasPrefix(r.URL.Path, "/api/"):
		writeError(w, http.StatusNotFound, "no such path: the API's paths are /api/<command>.json")
	case r.Method != http.MethodGet && r.Method != http.MethodPost:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "the API takes GET and POST")
	case !strings.HasSuffix(r.URL.Path, ".json"):
		writeError(w, http.StatusNotFound, "no such path: the API's paths end in .json")
	default:
		res := h.eng.Check(engine.Request{Command: r.URL.Path})
		writeError(w, http.StatusNotFound, res.Violations[0].Message+"; without -upstream it has nowhere to go")
	}
}

// hopHeaders are a connection's own, never forwarded either way (RFC
// 9110, 7.6.1), with those a Connection header names; ours stay here too.
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "Transfer-Encoding", "Te", "Trailer", "Upgrade", HeaderTLD, HeaderRole, HeaderFix}

// endToEnd copies src without the hop-by-hop headers.
func endToEnd(src http.Header) http.Header {
	out := src.Clone()
	for _, v := range src.Values("Connection") {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out.Del(name)
			}
		}
	}
	for _, k := range hopHeaders {
		out.Del(k)
	}
	return out
}

// forward sends the request to the upstream as it came — method, path,
// query, body and the caller's own headers — and copies the answer back
// as it came, a redirect included.
func (h *Handler) forward(w http.ResponseWriter, r *http.Request, body io.Reader, length int64) {
	up := h.opts.Upstream
	u := *up
	u.Path = strings.TrimSuffix(up.Path, "/") + r.URL.Path
	u.RawPath = strings.TrimSuffix(up.EscapedPath(), "/") + r.URL.EscapedPath() // %2F stays %2F
	u.RawQuery = r.URL.RawQuery
	out, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), body)
	if err != nil {
		writeError(w, http.StatusBadGateway, "the upstream request could not be made")
		return
	}
	out.ContentLength = length
	if length == 0 {
		out.Body = http.NoBody
	}
	out.Header = endToEnd(r.Header)
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header.Set("User-Agent", "") // none of Go's: the caller sent none
	}
	resp, err := h.client.Do(out)
	if err != nil {
		writeError(w, http.StatusBadGateway, "the upstream did not answer")
		return
	}
	defer resp.Body.Close()
	dst := w.Header()
	for k, vs := range endToEnd(resp.Header) {
		dst[k] = vs
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// writeError answers in the API's error form.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	b, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Message string `json:"message"`
	}{"ERROR", msg})
	w.Write(append(b, '\n'))
}
