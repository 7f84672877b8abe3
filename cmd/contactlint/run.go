package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/contactlint/contactlint/internal/text/suggest"
)

// Exit codes, a contract scripts and CI depend on.
const (
	exitOK      = 0 // every request passes
	exitFailed  = 1 // some request has an error, or could not be read
	exitTrouble = 2 // usage error, an input that could not be opened, or no request at all
)

const usage = `contactlint checks LogicBoxes / ResellerClub contacts API requests before
they are sent, and answers as the API would.

Usage:
  contactlint check [flags] FILE…|-   check requests (JSON, JSON Lines, YAML,
                                      CSV, query strings, contact exports)
  contactlint explain [flags]         list the rules for a command, contact
                                      type, TLD and role, with their places
  contactlint fix [flags] FILE…|-     write requests back with fixes applied
  contactlint rules lint DIR…         report problems in rule files
  contactlint schema [flags]          a JSON Schema of a request, for forms
  contactlint serve [flags]           an HTTP sidecar on the API's own paths
  contactlint healthz [flags]         ask a running sidecar whether it is up
                                      (for a container's HEALTHCHECK)
  contactlint calibrate [flags] FILE… summarise disagreement logs; write a
                                      rule overlay of what the API takes
  contactlint version                 print the version (also --version)
  contactlint help [COMMAND]          print this help, or COMMAND's (COMMAND -h)

Run "contactlint COMMAND -h" for a command's flags.
Exit codes: 0 all requests pass; 1 some request has an error, or could
not be read; 2 usage error, an input that could not be opened, or no
request found.
`

// commandNames are the commands runEnv dispatches, for did-you-mean.
var commandNames = []string{"check", "explain", "fix", "rules", "schema", "serve", "healthz", "calibrate", "version", "help"}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(args, os.Getenv, stdin, stdout, stderr)
}

// runEnv is run with the environment as a function, for tests.
func runEnv(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitTrouble
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], getenv, stdin, stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "fix":
		return runFix(args[1:], stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "serve":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		return runServe(ctx, args[1:], getenv, stdout, stderr)
	case "healthz":
		return runHealthz(args[1:], getenv, stdout, stderr)
	case "calibrate":
		return runCalibrate(args[1:], stdout, stderr)
	case "version", "-version", "--version", "-v":
		fmt.Fprintln(stdout, readVersion())
		return exitOK
	case "help", "-h", "-help", "--help":
		// help CMD is CMD -h, as git and go say a command's help.
		if len(args) > 1 && args[0] == "help" && slices.Contains(commandNames, args[1]) && args[1] != "help" {
			return runEnv([]string{args[1], "-h"}, getenv, stdin, stdout, stderr)
		}
		if len(args) > 1 && args[0] == "help" {
			args = args[1:] // an unknown command: said below, with a hint
			break
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	hint := ""
	if near := suggest.Closest(args[0], commandNames); near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	fmt.Fprintf(stderr, "contactlint: unknown command %q%s; contactlint help lists the commands\n", args[0], hint)
	return exitTrouble
}
