// Package sidecar serves contactlint over HTTP for services not written in
// Go (most LogicBoxes integrations are PHP: WHMCS, Blesta, FOSSBilling).
//
// It has two faces, kept apart so that a panel cannot confuse them:
//
//   - /check/api/<command>.json asks "what would the API answer?": a
//     request the API would refuse gets exactly the API's error answer,
//     one that passes gets {"status":"OK","warnings":[…]}. It is never
//     forwarded, whatever the upstream.
//   - /api/<command>.json is the API's own path. With an upstream the
//     sidecar is a drop-in API base URL, a validating proxy: a checked
//     call that passes is forwarded and the upstream's answer returned,
//     and so is every path the rules do not describe. Without an
//     upstream it answers as /check/ does.
//
// Forwarding goes through net/http/httputil.ReverseProxy: a cut upstream
// answer aborts the client's connection, 1xx and upgrades, trailers and
// streamed answers pass, redirects are returned and never followed.
package sidecar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
	"github.com/contactlint/contactlint/internal/calibrate"
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
	// HeaderWarning is set on an answer to a call forwarded unchecked
	// (a body the API is not known to read as parameters) or checked
	// without some of its parameters: it says why.
	HeaderWarning = apihttp.HeaderWarning
	// HeaderRequestID carries each call's id, as the log names it.
	HeaderRequestID = "Contactlint-Request-Id"
)

// CheckPrefix is the path prefix of the check-only face: CheckPrefix +
// "/api/contacts/add.json".
const CheckPrefix = apihttp.CheckPrefix

// Defaults of Options' limits.
const (
	// DefaultMaxInFlight is MaxInFlight's default: far above what a panel
	// sends at once, low enough that 1 MiB bodies cannot exhaust memory.
	DefaultMaxInFlight = 128
	// DefaultMaxConns is MaxConns' default, for a process allowed at
	// least DefaultMaxConns + DefaultMaxInFlight + 64 open files.
	DefaultMaxConns = 1024
	// DefaultBodyTimeout is how long a request's body may take to arrive.
	DefaultBodyTimeout = 30 * time.Second
	// DefaultUpstreamTimeout is how long a forwarded call may take.
	DefaultUpstreamTimeout = 60 * time.Second
)

// Options configure a Handler. The zero value serves without an upstream
// and logs nothing.
type Options struct {
	// Upstream, when set, makes /api/ a drop-in API base URL: a checked
	// request that passes is forwarded unchanged, and so is every request
	// the rules do not describe (domains/register, customers/details, …);
	// the upstream's answer is returned. https://httpapi.com or the test
	// server. /check/ is never forwarded.
	Upstream *url.URL
	// Transport sends to Upstream. Redirects are never followed: one is
	// returned to the caller as it came, so that credentials in the body
	// or query never reach another host. Nil: a clone of
	// http.DefaultTransport that adds no compression of its own, so
	// bodies pass byte for byte.
	Transport http.RoundTripper
	// UpstreamTimeout bounds a forwarded call, its answer's body included:
	// one cut by it aborts the client's connection, as any cut answer
	// does. 0 means DefaultUpstreamTimeout.
	UpstreamTimeout time.Duration
	// Logger logs each call (at Info: its id, method, path, command,
	// outcome, status and duration) and each failure (at Warn, with its
	// reason) — never a parameter value, so never api-key or
	// auth-password.
	Logger *slog.Logger
	// MaxInFlight bounds the calls checked or forwarded at once; beyond
	// it a call is answered 503 with Retry-After at once. A call holds no
	// slot while its body arrives. It also bounds the request bodies held
	// in memory at once, to MaxInFlight × MaxBody. 0 means
	// DefaultMaxInFlight.
	MaxInFlight int
	// MaxConns bounds the connections NewServer's listener keeps open
	// (idle keep-alive connections are closed first to make room). 0 means
	// DefaultMaxConns.
	MaxConns int
	// BodyTimeout is how long a request's body may take to arrive; beyond
	// it the call is answered 408 and its connection closed. 0 means
	// DefaultBodyTimeout.
	BodyTimeout time.Duration
	// TrustForwarded keeps the client's X-Forwarded-For (appending the
	// client's address to it), X-Forwarded-Host, X-Forwarded-Proto and
	// Forwarded: for a sidecar behind a proxy of the operator's. Without
	// it they are replaced by the sidecar's own.
	TrustForwarded bool
	// Version, when set, is reported by /healthz and /metrics, so that a
	// deployment can be checked for the build it runs.
	Version string

	// Mode is Enforce (the default) or Observe; either way, with an
	// upstream, each forwarded call that was checked has its verdict
	// compared with the API's answer, counted in /metrics
	// (contactlint_api_agreement_total) and recorded in DisagreementLog.
	Mode Mode
	// DisagreementLog, when set, is the file (JSON Lines, appended) each
	// compared call is recorded in: a disagreement in full, an agreement
	// in short. It never holds a credential, nor (unless
	// DisagreementValues) a personal value. It needs an Upstream.
	DisagreementLog string
	// DisagreementLogSize is the log's size past which it is rotated
	// (FILE.1 … FILE.3 kept); 0 means 64 MiB.
	DisagreementLogSize int64
	// DisagreementValues keeps the values of the parameters involved in
	// each disagreement: personal data, for a debugging session only.
	DisagreementValues bool
}

// Handler serves the check-only paths (/check/api/contacts/add.json, …),
// the API's paths (/api/contacts/add.json, …), /healthz, /metrics and
// GET /rules.
type Handler struct {
	eng     *engine.Engine
	opts    Options
	proxy   *httputil.ReverseProxy
	slots   chan struct{} // a token per call checked or forwarded
	bodies  budget        // request body bytes held in memory
	metrics *metrics
	log     *slog.Logger
	ids     *idSource
	epoch   time.Time // of now
	// exchanges recycles the record of a call, with its parameter list
	// and answer buffer: a checked call allocates only what net/http
	// does, its body, and the unescaped values.
	exchanges sync.Pool
	// Calibration: the rules' vocabulary to read the API's answers with,
	// and the disagreement log.
	vocab     *calibrate.Vocab
	dlog      *calibrate.Log
	logErrors limiter
}

// New returns a Handler checking with eng, which must not be nil.
func New(eng *engine.Engine, opts Options) (*Handler, error) {
	if eng == nil {
		return nil, errors.New("sidecar: New needs an engine")
	}
	if u := opts.Upstream; u != nil && (u.Scheme != "http" && u.Scheme != "https" || u.Host == "") {
		return nil, fmt.Errorf("sidecar: the upstream %q is not an http(s) URL", RedactURL(u))
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = DefaultMaxInFlight
	}
	if opts.MaxConns <= 0 {
		opts.MaxConns = DefaultMaxConns
	}
	if opts.BodyTimeout <= 0 {
		opts.BodyTimeout = DefaultBodyTimeout
	}
	if opts.UpstreamTimeout <= 0 {
		opts.UpstreamTimeout = DefaultUpstreamTimeout
	}
	h := &Handler{
		eng:     eng,
		opts:    opts,
		slots:   make(chan struct{}, opts.MaxInFlight),
		bodies:  budget{limit: int64(opts.MaxInFlight) * MaxBody},
		metrics: newMetrics(opts.Version),
		log:     opts.Logger,
		ids:     &idSource{},
		epoch:   time.Now(),
	}
	h.ids.init()
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if opts.Upstream == nil && (opts.Mode == Observe || opts.DisagreementLog != "") {
		return nil, errors.New("sidecar: observe mode and a disagreement log need an upstream to compare with")
	}
	if opts.Upstream != nil {
		h.proxy = h.newProxy()
		h.vocab = calibrate.NewVocab(eng)
	}
	if opts.DisagreementLog != "" {
		var err error
		if h.dlog, err = calibrate.OpenLog(opts.DisagreementLog, opts.DisagreementLogSize); err != nil {
			return nil, fmt.Errorf("sidecar: the disagreement log: %w", err)
		}
	}
	return h, nil
}

// now is the time since the handler was made: a monotonic clock read
// once, where time.Now reads the wall clock too.
func (h *Handler) now() time.Duration { return time.Since(h.epoch) }

// Close closes the disagreement log, if any, once the server has stopped.
func (h *Handler) Close() error {
	if h.dlog == nil {
		return nil
	}
	return h.dlog.Close()
}

// Forwarding reports where /api/ calls are forwarded: the upstream
// without credentials, or "" when they are not.
func (h *Handler) Forwarding() string {
	if h.opts.Upstream == nil {
		return ""
	}
	return RedactURL(h.opts.Upstream)
}

// RedactURL is an upstream URL as it may be printed: no password, and its
// query's values masked (an api-key may be given there, to be sent on
// every call).
func RedactURL(u *url.URL) string {
	c := *u
	if c.RawQuery != "" {
		var parts []string
		for pair := range strings.SplitSeq(c.RawQuery, "&") {
			name, _, _ := strings.Cut(pair, "=")
			parts = append(parts, name+"=…")
		}
		c.RawQuery = strings.Join(parts, "&")
	}
	return c.Redacted()
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := h.begin(w, r)
	defer h.finish(x, r)
	if len(r.TransferEncoding) > 0 {
		// net/http has dropped a Content-Length sent beside it; RFC 9112
		// §6.3 asks to close such a connection after answering.
		w.Header().Set("Connection", "close")
	}
	overflow := overflowConn(r.Context())
	if overflow {
		// A connection past MaxConns serves one /healthz or /metrics.
		w.Header().Set("Connection", "close")
	}
	// The body's deadline (a call takes no slot while it arrives), unless
	// the server's ReadTimeout sets it: NewServer's does, one timer less
	// per call.
	if !bodyBounded(r, h.opts.BodyTimeout) {
		http.NewResponseController(w).SetReadDeadline(time.Now().Add(h.opts.BodyTimeout))
	}
	switch p := r.URL.Path; {
	case p == "/healthz": // answers even when busy
		h.health(x.w)
	case p == "/metrics":
		h.metrics.handler.ServeHTTP(x.w, r)
	case overflow:
		h.busy(x, "too many connections; retry shortly")
	case p == "/rules" && r.Method == http.MethodGet:
		h.rules(x.w)
	default:
		// Any spelling of /check/… (//check/…, /Check/…, /check;x=1/…,
		// /x/../check/…) is the check-only face's: never forwarded.
		if rest, only := apihttp.CheckOnly(p); only {
			h.checkOnly(x, r, rest)
			return
		}
		h.api(x, r)
	}
}

// bodyBounded reports whether r's server bounds its body's arrival as
// the sidecar would: a ReadTimeout no longer than the body's.
func bodyBounded(r *http.Request, body time.Duration) bool {
	srv, _ := r.Context().Value(http.ServerContextKey).(*http.Server)
	return srv != nil && srv.ReadTimeout > 0 && srv.ReadTimeout <= body
}

func (h *Handler) health(w http.ResponseWriter) {
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
func (h *Handler) rules(w http.ResponseWriter) {
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

// acquire takes a slot for a call to be checked or forwarded, or answers
// 503 and reports false.
func (h *Handler) acquire(x *exchange) bool {
	select {
	case h.slots <- struct{}{}:
		x.slot = true
		h.metrics.inFlight.Inc()
		return true
	default:
		h.busy(x, "too many requests in flight; retry shortly")
		return false
	}
}

func (h *Handler) release(x *exchange) {
	if x.slot {
		x.slot = false
		<-h.slots
		h.metrics.inFlight.Dec()
	}
}

// busy answers 503 with Retry-After.
func (h *Handler) busy(x *exchange, msg string) {
	x.outcome = outcomeBusy
	x.w.Header().Set("Retry-After", "1")
	writeError(x.w, http.StatusServiceUnavailable, msg)
}
