package sidecar

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// Outcomes of a call: the outcome label of contactlint_requests_total and
// of the log.
const (
	outcomePassed        = "passed"         // check-only: the API would take it
	outcomeRefused       = "refused"        // answered with the API's refusal; not sent
	outcomeForwarded     = "forwarded"      // sent upstream, its answer returned
	outcomeUpstreamError = "upstream_error" // the upstream failed, or its answer was cut
	outcomeBusy          = "busy"           // answered 503: too many calls, bodies or connections
	outcomeInvalid       = "invalid"        // a 4xx of the sidecar's own (no such path, body too large, …)
	outcomeFixed         = "fixed"          // a Contactlint-Fix answer
	outcomeCanceled      = "canceled"       // the client went away first
)

// commandOther is the command label of an API call the rules do not
// describe.
const commandOther = "other"

// exchange is what one call did, for its log line and metrics.
type exchange struct {
	w     *respWriter // &rw
	rw    respWriter  // one allocation with the exchange
	id    string
	began time.Duration // Handler.now
	// command is the checked command, commandOther for another API call,
	// "" for the sidecar's own paths (not counted).
	command string
	outcome string
	reason  string // why a call failed or was not checked: never a value
	slot    bool   // holds one of MaxInFlight
	held    int64  // body bytes counted against the budget
	// forwarded: the call went to the upstream; cut is the error that
	// stopped reading its answer.
	forwarded      bool
	upstreamStatus int
	cut            error
	bodyErr        atomic.Pointer[error] // what ended reading a body streamed on
	own            http.Header           // ours, held while forwarded: restoreOwn
	// pending is the checked call whose answer is to be compared;
	// compared, the outcome once it was.
	pending  *pending
	compared string
	// Kept from call to call when the exchange is recycled: the list the
	// parameters are read into, and the buffer an answer is written from.
	params []engine.Param
	buf    []byte
}

// begin starts a call's record and names it in the answer.
func (h *Handler) begin(w http.ResponseWriter, r *http.Request) *exchange {
	x, _ := h.exchanges.Get().(*exchange)
	if x == nil {
		x = new(exchange)
	}
	*x = exchange{began: h.now(), rw: respWriter{ResponseWriter: w, status: http.StatusOK}, params: x.params, buf: x.buf}
	x.w = &x.rw
	x.id = h.ids.next(r.Header.Get(HeaderRequestID))
	w.Header().Set(HeaderRequestID, x.id)
	return x
}

// finish gives back what the call held, counts and logs it. A cut
// upstream answer arrives here as http.ErrAbortHandler, raised again
// after, so that the client's connection is aborted, never ended as if
// the answer were whole.
func (h *Handler) finish(x *exchange, r *http.Request) {
	p := recover()
	h.release(x)
	h.bodies.give(x.held)
	if p == http.ErrAbortHandler {
		// A read of the upstream's answer that failed only because the
		// client went away (the call's context ended with it) is the
		// client's doing, not the upstream's.
		if x.cut != nil && !(errors.Is(x.cut, context.Canceled) && r.Context().Err() != nil) {
			x.outcome, x.reason = outcomeUpstreamError, "the upstream's answer was cut: "+upstreamReason(x.cut)
			h.metrics.upstreamErrors.WithLabelValues(upstreamKind(x.cut)).Inc()
		} else {
			x.outcome, x.reason = outcomeCanceled, "the client went away during the answer"
		}
	}
	if x.command != "" {
		if x.outcome == "" {
			x.outcome = outcomeInvalid
		}
		h.metrics.requests.WithLabelValues(x.command, x.outcome).Inc()
	}
	h.logCall(x, r, p)
	if p != nil {
		panic(p)
	}
	h.recycle(x)
}

// recycle keeps x for another call, unless the call was forwarded: then
// the proxy's callbacks have held it, and it is left to the collector
// rather than trusted to be let go of. What x held is dropped; only its
// list and buffer are kept, and not when a large call grew them.
func (h *Handler) recycle(x *exchange) {
	if x.forwarded || x.pending != nil {
		return
	}
	params, buf := x.params, x.buf
	clear(params[:cap(params)]) // the values of this call's parameters
	if cap(params) > 64 {
		params = nil
	}
	if cap(buf) > 4096 {
		buf = nil
	}
	*x = exchange{params: params[:0], buf: buf[:0]}
	h.exchanges.Put(x)
}

func (h *Handler) logCall(x *exchange, r *http.Request, p any) {
	level := slog.LevelInfo
	switch {
	case p != nil && p != http.ErrAbortHandler:
		level = slog.LevelError
	case x.outcome == outcomeUpstreamError:
		level = slog.LevelWarn
	case x.command == "":
		level = slog.LevelDebug // /healthz, /metrics, /rules: polled
	}
	ctx := r.Context()
	if !h.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs, slog.String("id", x.id), slog.String("method", r.Method), slog.String("path", apihttp.LogPath(r.URL.Path)))
	if x.command != "" {
		attrs = append(attrs, slog.String("command", x.command), slog.String("outcome", x.outcome))
	}
	attrs = append(attrs, slog.Int("status", x.w.status), slog.Duration("duration", h.now()-x.began))
	if x.forwarded && x.upstreamStatus != 0 {
		attrs = append(attrs, slog.Int("upstream_status", x.upstreamStatus))
	}
	if x.compared != "" {
		attrs = append(attrs, slog.String("api_agreement", x.compared))
	}
	if x.reason != "" {
		attrs = append(attrs, slog.String("reason", x.reason))
	}
	if p != nil && p != http.ErrAbortHandler {
		attrs = append(attrs, slog.Any("panic", p))
	}
	h.log.LogAttrs(ctx, level, "request", attrs...)
}

// respWriter notes the status answered. Unwrap lets
// http.ResponseController (and so ReverseProxy) flush and hijack through
// it.
type respWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *respWriter) WriteHeader(code int) {
	if !w.wrote && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *respWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// WriteString writes s without a copy to bytes first.
func (w *respWriter) WriteString(s string) (int, error) {
	w.wrote = true
	return io.WriteString(w.ResponseWriter, s)
}

func (w *respWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// idSource names calls: a random prefix per process and a counter, or
// the id the caller sent when it is a plain token.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func (s *idSource) init() {
	var b [4]byte
	rand.Read(b[:])
	s.prefix = hex.EncodeToString(b[:]) + "-"
}

func (s *idSource) next(given string) string {
	if plainID(given) {
		return given
	}
	var buf [64]byte // on the stack: the id is one allocation
	return string(strconv.AppendUint(append(buf[:0], s.prefix...), s.n.Add(1), 10))
}

// plainID reports whether an id sent by a caller may be logged as it is:
// 1 to 64 letters, digits and ._:- only.
func plainID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}
