package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

const healthzUsage = `Usage: contactlint healthz [flags]

Asks the sidecar at -addr for /healthz and exits 0 when it answers OK,
1 when it does not. For a container's HEALTHCHECK, where there is no curl:
it reads CONTACTLINT_ADDR as serve does, so the two agree without flags.

Flags:
`

func runHealthz(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fl := newFlagSet("healthz", healthzUsage, stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "the address the sidecar listens on")
	timeout := fl.Duration("timeout", 5*time.Second, "how long to wait for the answer")
	if code, ok := parseFlags(fl, args, getenv, stdout, stderr); !ok {
		return code
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "contactlint healthz: -addr %q: %v\n", *addr, err)
		return exitTrouble
	}
	// A sidecar listening on every interface is reached on loopback.
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	client := &http.Client{Timeout: *timeout}
	resp, err := client.Get("http://" + net.JoinHostPort(host, port) + "/healthz")
	if err != nil {
		fmt.Fprintln(stderr, "contactlint healthz:", err)
		return exitFailed
	}
	defer resp.Body.Close()
	var health struct{ Status, Version string }
	err = json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&health)
	if resp.StatusCode != http.StatusOK || err != nil || health.Status != "OK" {
		fmt.Fprintf(stderr, "contactlint healthz: %s answered %s\n", *addr, resp.Status)
		return exitFailed
	}
	fmt.Fprintln(stdout, "OK", health.Version)
	return exitOK
}
