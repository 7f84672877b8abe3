package sidecar

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"strings"
	"syscall"
	"time"

	"github.com/contactlint/contactlint/internal/apihttp"
	"github.com/contactlint/contactlint/internal/calibrate"
)

// newProxy is the ReverseProxy that forwards to the upstream.
func (h *Handler) newProxy() *httputil.ReverseProxy {
	t := h.opts.Transport
	if t == nil {
		dt := http.DefaultTransport.(*http.Transport).Clone()
		dt.DisableCompression = true // what the caller asked for, not gzip of our own
		dt.MaxIdleConnsPerHost = 32
		t = dt
	}
	return &httputil.ReverseProxy{
		Rewrite:        h.rewrite,
		Transport:      t,
		FlushInterval:  -1, // streamed answers reach the client as they come
		ModifyResponse: h.upstreamAnswered,
		ErrorHandler:   h.upstreamFailed,
		// Failures are logged once, by finish, with the call's id.
		ErrorLog: log.New(io.Discard, "", 0),
	}
}

// rewrite points a call at the upstream, as it came otherwise.
func (h *Handler) rewrite(pr *httputil.ProxyRequest) {
	query := pr.In.URL.RawQuery
	pr.SetURL(h.opts.Upstream)
	// ReverseProxy drops query parameters it cannot parse; the upstream
	// gets the query as it was sent, as it gets the body.
	pr.Out.URL.RawQuery = joinQuery(h.opts.Upstream.RawQuery, query)
	apihttp.StripOwn(pr.Out.Header)
	pr.Out.Header.Del(HeaderRequestID)
	// Reading the body answered the client's 100-continue already; asked
	// again, the upstream's 100 would go to the client a second time.
	pr.Out.Header.Del("Expect")
	if h.opts.TrustForwarded {
		for _, k := range []string{"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded"} {
			if v, ok := pr.In.Header[k]; ok {
				pr.Out.Header[k] = v
			}
		}
		host, proto := pr.Out.Header["X-Forwarded-Host"], pr.Out.Header["X-Forwarded-Proto"]
		pr.SetXForwarded() // appends the client's address to X-Forwarded-For
		if host != nil {
			pr.Out.Header["X-Forwarded-Host"] = host
		}
		if proto != nil {
			pr.Out.Header["X-Forwarded-Proto"] = proto
		}
		return
	}
	pr.SetXForwarded()
}

func joinQuery(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "&" + b
}

type exchangeKey struct{}

func exchangeOf(r *http.Request) *exchange {
	x, _ := r.Context().Value(exchangeKey{}).(*exchange)
	return x
}

// forward sends an unchecked call upstream. Its body is read first, up to
// MaxBody, so that a slow one holds no slot; a larger one streams on.
func (h *Handler) forward(x *exchange, r *http.Request) {
	body, err := h.readBody(x, r)
	if err != nil && !errors.Is(err, errTooLarge) {
		h.bodyError(x, err)
		return
	}
	h.send(x, r, body)
}

// send forwards r with body, what of it was read so far (all of it
// unless more than MaxBody), taking a slot if the call holds none.
func (h *Handler) send(x *exchange, r *http.Request, body string) {
	if !x.slot && !h.acquire(x) {
		return
	}
	if int64(len(body)) == r.ContentLength || len(body) <= MaxBody {
		r.Body, r.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
		if len(body) == 0 {
			r.Body = http.NoBody
		}
	} else {
		r.Body = readCloser{io.MultiReader(strings.NewReader(body), &clientBody{r.Body, x}), r.Body}
	}
	// A call sent on is seen through, whatever the client does: net/http
	// ends the call's context when its connection reads EOF, which a
	// client that half-closes after sending (HTTP/1.0-style, nc -N) does
	// while it still waits for the answer; cancelling then would not undo
	// the call upstream, only lose its answer. A client gone for good is
	// noticed when its answer cannot be written.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), h.opts.UpstreamTimeout)
	defer cancel()
	if srv, _ := r.Context().Value(http.ServerContextKey).(*http.Server); srv == nil || srv.WriteTimeout <= 0 || srv.WriteTimeout > writeTimeout(h.opts) {
		// A client that reads nothing would hold the call's slot for good
		// on a server without a write timeout.
		http.NewResponseController(x.w).SetWriteDeadline(time.Now().Add(h.opts.UpstreamTimeout + 30*time.Second))
	}
	// The headers of ours set so far (the request id, warnings) go on the
	// upstream's answer when it comes: a 1xx before it (103, 100) would
	// send them with itself and clear them from the writer.
	x.own = x.w.Header().Clone()
	clear(x.w.Header())
	x.forwarded = true
	start := time.Now()
	h.proxy.ServeHTTP(x.w, r.WithContext(context.WithValue(ctx, exchangeKey{}, x)))
	h.metrics.upstreamSeconds.Observe(time.Since(start).Seconds())
	if x.outcome == "" {
		x.outcome = outcomeForwarded
	}
}

// restoreOwn puts the headers of ours set before the call was sent on h
// (the upstream's answer, or the writer's for an answer of our own), once.
func (x *exchange) restoreOwn(h http.Header) {
	for k, vs := range x.own {
		h[k] = append(vs, h[k]...)
	}
	x.own = nil
}

// readCloser reads from one reader and closes another: a body partly read
// already, sent on whole.
type readCloser struct {
	io.Reader
	io.Closer
}

// upstreamAnswered notes the upstream's answer and watches its body, so
// that a cut one is known as such. The answer to a checked call is read
// first (the API's answers to contacts calls are a few hundred bytes) and
// compared with the verdict before it is passed on.
func (h *Handler) upstreamAnswered(res *http.Response) error {
	x := exchangeOf(res.Request)
	if x == nil {
		return nil
	}
	x.upstreamStatus = res.StatusCode
	x.restoreOwn(res.Header)
	if res.StatusCode == http.StatusSwitchingProtocols { // its body is the connection itself
		return nil
	}
	if x.pending != nil {
		b, err := io.ReadAll(io.LimitReader(res.Body, calibrate.MaxCompared+1))
		if err != nil {
			res.Body.Close()
			x.cut = err
			return err // answered 502: a cut answer is never passed on as whole
		}
		h.compare(x, x.pending, res, b)
		res.Body = readCloser{io.MultiReader(bytes.NewReader(b), res.Body), res.Body}
	}
	res.Body = &watchedBody{ReadCloser: res.Body, x: x}
	return nil
}

// watchedBody notes the error that ends reading an upstream answer early.
type watchedBody struct {
	io.ReadCloser
	x *exchange
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && b.x.cut == nil {
		b.x.cut = err
	}
	return n, err
}

// upstreamFailed answers a call the upstream did not answer: 504 when it
// took too long, 502 otherwise, in the API's error form; one it began to
// answer and cut is aborted.
func (h *Handler) upstreamFailed(w http.ResponseWriter, r *http.Request, err error) {
	x := exchangeOf(r)
	if x == nil {
		writeError(w, http.StatusBadGateway, "the upstream did not answer")
		return
	}
	x.restoreOwn(w.Header())
	if be := x.bodyErr.Load(); be != nil && x.upstreamStatus == 0 {
		// The client's streamed body failed, not the upstream: it never
		// had a whole request.
		var ne net.Error
		if errors.As(*be, &ne) && ne.Timeout() {
			x.outcome, x.reason = outcomeInvalid, "the request body did not arrive in time"
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestTimeout, "the request body did not arrive within "+h.opts.BodyTimeout.String())
			return
		}
		x.outcome, x.reason = outcomeCanceled, "the client's body could not be read"
		panic(http.ErrAbortHandler)
	}
	if x.cut != nil && x.upstreamStatus != 0 {
		// The upstream answered, then broke off (a checked call's answer
		// is read whole first): the call may have taken effect, so the
		// client's connection is aborted as for any cut answer — never
		// "did not answer", which invites a retry and a second contact.
		panic(http.ErrAbortHandler)
	}
	if errors.Is(err, context.Canceled) && !errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		// Not the client's doing (the call's context ignores it): whatever
		// ended the call, it may have reached the upstream, so the
		// connection is aborted — never answered with a whole empty 200.
		x.outcome, x.reason = outcomeCanceled, "the call was canceled"
		panic(http.ErrAbortHandler)
	}
	x.outcome = outcomeUpstreamError
	x.reason = "the upstream did not answer: " + upstreamReason(err)
	h.metrics.upstreamErrors.WithLabelValues(upstreamKind(err)).Inc()
	if upstreamKind(err) == "timeout" {
		writeError(w, http.StatusGatewayTimeout, "the upstream did not answer within "+h.opts.UpstreamTimeout.String())
		return
	}
	writeError(w, http.StatusBadGateway, "the upstream did not answer")
}

// upstreamKind classes an upstream failure, for the metric's label.
func upstreamKind(err error) string {
	var dns *net.DNSError
	var rec tls.RecordHeaderError
	var alert tls.AlertError
	var cert *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE):
		return "file_descriptors"
	case errors.As(err, &dns):
		return "dns"
	case errors.As(err, &rec) || errors.As(err, &alert) || errors.As(err, &cert) || errors.As(err, &unknown) || errors.As(err, &hostErr):
		return "tls"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "closed"
	case strings.Contains(err.Error(), "malformed HTTP"):
		return "protocol"
	}
	return "other"
}

// upstreamReason is an upstream failure as it may be logged: its class
// and the transport's words, which name the upstream's address but never
// a request's path, query or body.
func upstreamReason(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '?'); i >= 0 {
		msg = msg[:i] + "…" // a query never reaches the log, whatever wraps the error
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return upstreamKind(err) + ": " + msg
}

// clientBody notes the error that ends reading a client's body streamed
// on (one past MaxBody): the client's failure, not the upstream's.
type clientBody struct {
	io.Reader
	x *exchange
}

func (b *clientBody) Read(p []byte) (int, error) {
	n, err := b.Reader.Read(p)
	if err != nil && err != io.EOF {
		b.x.bodyErr.CompareAndSwap(nil, &err)
	}
	return n, err
}
