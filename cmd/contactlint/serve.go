package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/contactlint/contactlint/sidecar"
)

const serveUsage = `Usage: contactlint serve [flags]

Serves the API's own paths (/api/contacts/add.json, …) over HTTP, GET or
POST, form or query parameters. A request the API would refuse gets the
API's exact error answer (HTTP 500, as the API sends it); one that passes
gets {"status":"OK","warnings":[…]}, or with -upstream is forwarded
unchanged and the upstream's answer returned. With -upstream the sidecar
is a drop-in API base URL: every path it does not check (domains/register,
customers/details, …) is forwarded unchanged too, and redirects are
returned, never followed. Headers Contactlint-Tld and Contactlint-Role
name the TLD(s) and role. /healthz answers OK; GET /rules lists the loaded
rules. Stops gracefully on SIGINT or SIGTERM.

Every flag can also come from the environment, as CONTACTLINT_ and the
flag's name upper-cased with _ for - (CONTACTLINT_ADDR,
CONTACTLINT_UPSTREAM, CONTACTLINT_RULES, CONTACTLINT_MAX_IN_FLIGHT, …);
a flag on the command line wins.

Flags:
`

// serveConfig is what serve's flags set.
type serveConfig struct {
	addr, upstream         string
	engine                 engineFlags
	quiet                  bool
	upstreamTimeout, drain time.Duration
	maxInFlight            int
}

func newServeFlags(stderr io.Writer) (*flag.FlagSet, *serveConfig) {
	var c serveConfig
	fl := newFlagSet("serve", serveUsage, stderr)
	fl.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fl.StringVar(&c.upstream, "upstream", "", "the API base URL (https://test.httpapi.com) that requests which pass, and every path not checked, are forwarded to")
	c.engine.register(fl, true)
	fl.BoolVar(&c.quiet, "quiet", false, "log nothing (by default each request's path, status and duration; never its parameters)")
	fl.DurationVar(&c.upstreamTimeout, "upstream-timeout", 60*time.Second, "how long a forwarded request may take")
	fl.DurationVar(&c.drain, "drain", 0, "how long requests in flight may finish after SIGTERM or SIGINT (default: the upstream timeout and 10s more, so a forwarded call is never cut)")
	fl.IntVar(&c.maxInFlight, "max-in-flight", sidecar.DefaultMaxInFlight, "requests served at once; beyond, 503 with Retry-After")
	return fl, &c
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fl, c := newServeFlags(stderr)
	if code, ok := parseFlags(fl, args, getenv, stdout, stderr); !ok {
		return code
	}
	var opts sidecar.Options
	if c.upstream != "" {
		u, err := url.Parse(c.upstream)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "contactlint serve: -upstream %q is not an http(s) URL\n", c.upstream)
			return exitTrouble
		}
		opts.Upstream = u
		opts.Client = &http.Client{Timeout: c.upstreamTimeout}
	}
	opts.MaxInFlight = c.maxInFlight
	opts.Version = version()
	if c.drain <= 0 {
		c.drain = drainFor(c.upstreamTimeout)
	}
	if !c.quiet {
		opts.Logger = slog.New(slog.NewTextHandler(stderr, nil))
	}
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
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      c.upstreamTimeout + 30*time.Second, // room for a slow upstream
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stderr, "contactlint: serving on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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

// drainFor is the default drain after a stop signal: long enough for a
// forwarded request that started just before it.
func drainFor(upstreamTimeout time.Duration) time.Duration { return upstreamTimeout + 10*time.Second }
