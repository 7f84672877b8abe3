package sidecar

import (
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// writeTimeout bounds an answer's writing, counted from a request's
// headers: room for its body to arrive, a slow upstream, and 30 s more.
func writeTimeout(o Options) time.Duration { return o.BodyTimeout + o.UpstreamTimeout + 30*time.Second }

// Fixed limits of NewServer's http.Server.
const (
	headerTimeout = 5 * time.Second
	idleTimeout   = 2 * time.Minute
	maxHeaderSize = 64 << 10
)

// NewServer returns an http.Server for h with the sidecar's limits, and
// ln bounded to Options.MaxConns connections, to serve it on:
//
//	srv, ln := h.NewServer(ln)
//	srv.Serve(ln)
//
// Headers must arrive within 5 s, and the whole request, its body
// included, within Options.BodyTimeout (the server's ReadTimeout, which
// net/http lifts once the body is read); the answer, from the headers,
// within the body and upstream timeouts and 30 s more (WriteTimeout); an
// idle connection is closed after 2 minutes. A Handler on a server
// without these timeouts sets the body's and a forwarded answer's
// deadlines per call.
func (h *Handler) NewServer(ln net.Listener) (*http.Server, net.Listener) {
	lim := newLimitListener(ln, h.opts.MaxConns, h.log, h.metrics)
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       h.opts.BodyTimeout,
		WriteTimeout:      writeTimeout(h.opts), // counted from the headers: the body, then the upstream
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderSize,
		ConnState:         lim.connState,
		ConnContext:       lim.connContext,
		ErrorLog:          slog.NewLogLogger(h.log.Handler(), slog.LevelWarn),
		// HTTP/1.1 only, under TLS too: the connection bound learns from
		// ConnState when a connection waits between requests, which
		// net/http does not say of an HTTP/2 one.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}, lim
}
