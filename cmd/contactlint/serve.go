package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"runtime"
	"time"

	"github.com/contactlint/contactlint/sidecar"
)

const serveUsage = `Usage: contactlint serve [flags]

Serves contactlint over HTTP. Two faces, kept apart:

  /check/api/<command>.json  what would the API answer? A request the API
      would refuse gets the API's exact error answer (HTTP 500, as the
      API sends it); one that passes gets {"status":"OK","warnings":[…]}.
      Never forwarded, whatever -upstream says. ContactLint.php's check()
      and every panel guide use it.
  /api/<command>.json  the API's own path. With -upstream the sidecar is
      a drop-in API base URL for a panel's real calls: a checked call that
      passes is forwarded and the upstream's answer returned, and so is
      every path it does not check (domains/register, …); redirects are
      returned, never followed. Without -upstream it answers as /check/.

With -upstream, each forwarded call that was checked has its verdict
compared with the API's answer (/metrics: contactlint_api_agreement_total;
-disagreements FILE records them, without credentials or personal
values). -mode observe forwards every call whatever the check says, to
see false errors too: run it on a share of traffic.

Headers Contactlint-Tld and Contactlint-Role name the TLD(s) and role.
/healthz answers OK; /metrics serves Prometheus metrics; GET /rules lists
the loaded rules. Stops gracefully on SIGINT or SIGTERM.

Every flag can also come from the environment, as CONTACTLINT_ and the
flag's name upper-cased with _ for - (CONTACTLINT_ADDR,
CONTACTLINT_UPSTREAM, CONTACTLINT_RULES, CONTACTLINT_MAX_IN_FLIGHT, …);
a flag on the command line wins.

Flags:
`

// serveConfig is what serve's flags set.
type serveConfig struct {
	addr, upstream, logFormat, mode, disagreements string
	engine                                         engineFlags
	quiet, trustForwarded, disagreementValues      bool
	upstreamTimeout, drain, bodyTimeout            time.Duration
	maxInFlight, maxConns                          int
	disagreementsSize                              int64
}

func newServeFlags(stderr io.Writer) (*flag.FlagSet, *serveConfig) {
	var c serveConfig
	fl := newFlagSet("serve", serveUsage, stderr)
	fl.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fl.StringVar(&c.upstream, "upstream", "", "the API base URL (https://test.httpapi.com) that /api/ calls which pass, and every path not checked, are forwarded to; /check/ is never forwarded")
	c.engine.register(fl, true)
	fl.BoolVar(&c.quiet, "quiet", false, "log failures only (by default also each call's id, path, outcome, status and duration; never its parameters)")
	fl.StringVar(&c.logFormat, "log-format", "text", "log as text (logfmt) or json")
	fl.DurationVar(&c.upstreamTimeout, "upstream-timeout", sidecar.DefaultUpstreamTimeout, "how long a forwarded call may take, its answer included")
	fl.DurationVar(&c.drain, "drain", 0, "how long calls in flight may finish after SIGTERM or SIGINT (default: the body and upstream timeouts and 30s more, so a forwarded call and its answer are never cut)")
	fl.IntVar(&c.maxInFlight, "max-in-flight", sidecar.DefaultMaxInFlight, "calls checked or forwarded at once; beyond, 503 with Retry-After (a body on its way holds none)")
	fl.IntVar(&c.maxConns, "max-conns", 0, "open client connections; at the bound idle ones are closed first (0: the lower of 1024 and the open-file limit less -max-in-flight and 64)")
	fl.DurationVar(&c.bodyTimeout, "body-timeout", sidecar.DefaultBodyTimeout, "how long a request's body may take to arrive; beyond, 408")
	fl.BoolVar(&c.trustForwarded, "trust-forwarded", false, "keep the client's X-Forwarded-For (appending to it), X-Forwarded-Host/-Proto and Forwarded: for a sidecar behind a proxy of yours")
	fl.StringVar(&c.mode, "mode", "enforce", "with -upstream: enforce (a call the API would refuse is answered here) or observe (every call is forwarded; the verdict is only compared with the API's answer)")
	fl.StringVar(&c.disagreements, "disagreements", "", "with -upstream: record each compared call in this file (JSON Lines, appended, rotated): no credential, no personal value")
	fl.Int64Var(&c.disagreementsSize, "disagreements-size", 64<<20, "the disagreement log's size in bytes past which it is rotated (FILE.1 … FILE.3 kept)")
	fl.BoolVar(&c.disagreementValues, "disagreement-values", false, "keep the values of the parameters involved in each disagreement in the log: personal data, for a debugging session only")
	return fl, &c
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fl, c := newServeFlags(stderr)
	if code, ok := parseFlags(fl, args, getenv, stdout, stderr); !ok {
		return code
	}
	opts, ok := c.options(stderr)
	if !ok {
		return exitTrouble
	}
	// First, while the heap holds little: the block then comes fresh
	// from the system, not from pages the compile used and freed, which
	// the runtime would zero and so make resident.
	headroom := gcHeadroom(getenv)
	defer runtime.KeepAlive(headroom)
	eng, ok := c.engine.load("serve", stderr)
	if !ok {
		return exitTrouble
	}
	h, err := sidecar.New(eng, opts)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint serve:", err)
		return exitTrouble
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint serve:", err)
		return exitTrouble
	}
	defer h.Close()
	srv, lim := h.NewServer(ln)
	fmt.Fprintf(stderr, "contactlint: serving on http://%s (%s; at most %d connections, %d calls in flight)\n", ln.Addr(), faces(h, opts), opts.MaxConns, opts.MaxInFlight)
	if opts.DisagreementValues {
		fmt.Fprintf(stderr, "contactlint serve: WARNING: -disagreement-values: %s keeps the VALUES of the parameters in each disagreement (names, addresses, e-mail, phone numbers, IDs): personal data. For a debugging session only; delete the file after.\n", opts.DisagreementLog)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(lim) }()
	select {
	case err := <-errc:
		fmt.Fprintln(stderr, "contactlint serve:", err)
		return exitTrouble
	case <-ctx.Done():
	}
	// Stop accepting at once; let requests in flight finish — a forwarded
	// call cut here would still be carried out upstream, and a client's
	// retry could create a second contact.
	shutdown, cancel := context.WithTimeout(context.Background(), c.drain)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "contactlint serve: shutdown:", err)
		return exitTrouble
	}
	fmt.Fprintln(stderr, "contactlint: stopped")
	return exitOK
}

// faces says what the sidecar does with each kind of call: the start-up
// line an operator reads to know whether, and where, it forwards.
func faces(h *sidecar.Handler, opts sidecar.Options) string {
	up := h.Forwarding()
	if up == "" {
		return "check-only: /check/api/… and /api/…; nothing is forwarded (no -upstream)"
	}
	s := "check-only: /check/api/…, never forwarded; /api/… checked and forwarded to " + up
	if opts.Mode == sidecar.Observe {
		s = "check-only: /check/api/…, never forwarded; /api/… forwarded to " + up + " whatever the check says (observe mode)"
	}
	s += ", verdicts compared with the API's answers"
	if opts.DisagreementLog != "" {
		s += " and recorded in " + opts.DisagreementLog
	}
	return s
}

// options are the sidecar's options as the flags set them, or false after
// saying on stderr what is wrong.
func (c *serveConfig) options(stderr io.Writer) (sidecar.Options, bool) {
	opts := sidecar.Options{
		UpstreamTimeout: c.upstreamTimeout,
		MaxInFlight:     c.maxInFlight,
		BodyTimeout:     c.bodyTimeout,
		TrustForwarded:  c.trustForwarded,
		Version:         version(),
	}
	if c.upstream != "" {
		u, err := url.Parse(c.upstream)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "contactlint serve: -upstream %q is not an http(s) URL\n", redact(c.upstream))
			return opts, false
		}
		opts.Upstream = u
	}
	if c.drain <= 0 {
		c.drain = drainFor(c.bodyTimeout, c.upstreamTimeout)
	}
	var err error
	if opts.Mode, err = sidecar.ParseMode(c.mode); err != nil {
		fmt.Fprintln(stderr, "contactlint serve: -"+err.Error())
		return opts, false
	}
	if (opts.Mode == sidecar.Observe || c.disagreements != "") && opts.Upstream == nil {
		fmt.Fprintln(stderr, "contactlint serve: -mode observe and -disagreements compare with the API: they need -upstream")
		return opts, false
	}
	if c.disagreementValues && c.disagreements == "" {
		fmt.Fprintln(stderr, "contactlint serve: -disagreement-values needs -disagreements")
		return opts, false
	}
	opts.DisagreementLog, opts.DisagreementLogSize, opts.DisagreementValues = c.disagreements, c.disagreementsSize, c.disagreementValues
	var ok bool
	if opts.MaxConns, ok = maxConns(c.maxConns, c.maxInFlight, openFileLimit(), stderr); !ok {
		return opts, false
	}
	logger, ok := newLogger(c.logFormat, c.quiet, stderr)
	opts.Logger = logger
	return opts, ok
}

// redact is an -upstream value as it may be printed: without a password
// or its query's values.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return sidecar.RedactURL(u)
	}
	return "(unreadable)"
}

// fileHeadroom is what -max-conns leaves of the open-file limit beyond
// the upstream calls: the listener, logs, /healthz past the bound, DNS.
const fileHeadroom = 64

// maxConns is -max-conns, or its default under the open-file limit
// (0 when unknown). A bound the limit cannot hold is said at start, not
// found out when accept fails.
func maxConns(flag, inFlight int, fileLimit uint64, stderr io.Writer) (int, bool) {
	if flag < 0 {
		fmt.Fprintln(stderr, "contactlint serve: -max-conns must not be negative")
		return 0, false
	}
	if fileLimit == 0 { // not known on this system
		if flag == 0 {
			return sidecar.DefaultMaxConns, true
		}
		return flag, true
	}
	room := int(min(fileLimit, 1<<30)) - inFlight - fileHeadroom
	if flag == 0 {
		if room < 16 {
			return 0, stop(stderr, fileLimit, inFlight)
		}
		return min(sidecar.DefaultMaxConns, room), true
	}
	if flag > room {
		fmt.Fprintf(stderr, "contactlint serve: warning: -max-conns %d leaves too few of the %d open files allowed for %d upstream calls; raise the limit (LimitNOFILE=, ulimit -n)\n", flag, fileLimit, inFlight)
	}
	return flag, true
}

func stop(stderr io.Writer, fileLimit uint64, inFlight int) bool {
	fmt.Fprintf(stderr, "contactlint serve: the open-file limit %d is too low for -max-in-flight %d; raise it (LimitNOFILE=, ulimit -n) or lower -max-in-flight\n", fileLimit, inFlight)
	return false
}

// newLogger is the sidecar's log on stderr: text (logfmt) or JSON, failures
// only with -quiet.
func newLogger(format string, quiet bool, stderr io.Writer) (*slog.Logger, bool) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if quiet {
		opts.Level = slog.LevelWarn
	}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(stderr, opts)), true
	case "json":
		return slog.New(slog.NewJSONHandler(stderr, opts)), true
	}
	fmt.Fprintf(stderr, "contactlint serve: -log-format %q: text or json\n", format)
	return nil, false
}

// drainFor is the default drain after a stop signal: long enough for a
// call that started just before it — its body still arriving, then
// forwarded.
func drainFor(bodyTimeout, upstreamTimeout time.Duration) time.Duration {
	return bodyTimeout + upstreamTimeout + 30*time.Second // as the write timeout: the answer's writing too
}

// headroomBytes is heap the collector's goal counts and no cycle marks.
// Until the phone and postal data left the heap for tables in the binary,
// the sidecar's live heap held 2 MB of that data, which every collection
// marked, and the collector let the heap grow to twice the live heap
// before the next: 2 × (live + 2 MB). With the block counted and never
// resident, the pages in use still peak at 2 × live + 4 MiB, what they
// were, at any load (measured: 29.9 MiB peak RSS at 8 connections against
// 32.6 before, 69.4 at 900 against 72.3), while each cycle marks half what
// it did — and collections, not handlers, were what the sidecar cost above
// a bare net/http server (docs/performance.md).
const headroomBytes = 4 << 20

// gcHeadroom returns the headroom block, to be kept alive while serving:
// pointer-free, so never scanned, and never written, so never resident
// (but for up to 2 MiB a kernel that backs the heap with transparent huge
// pages, set to always, may fault in around it).
// An operator who sets GOGC or GOMEMLIMIT tunes the collector themselves
// (and a limit would count the block): none then.
func gcHeadroom(getenv func(string) string) []byte {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	return make([]byte, headroomBytes)
}
