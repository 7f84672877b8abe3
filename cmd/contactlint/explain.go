package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/contactlint/contactlint/engine"
)

const explainUsage = `Usage: contactlint explain [flags]

Lists the rules that apply to a request: each parameter in the spec's
order, whether it is required, what its value must be, and where each rule
is declared (file:line:col); then what conditions on the request's values
change.

Flags:
`

// explainOptions are explain's flags.
type explainOptions struct {
	query  *engine.Query
	format string
	engine engineFlags
}

func newExplainFlags(stderr io.Writer) (*flag.FlagSet, *explainOptions) {
	var o explainOptions
	fl := newFlagSet("explain", explainUsage, stderr)
	o.query = queryFlags(fl)
	choiceVar(fl, &o.format, "format", []string{"text", "json"}, "output `format`: text or json")
	o.engine.register(fl, false)
	addConfigFlags(fl)
	return fl, &o
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fl, o := newExplainFlags(stderr)
	if code, ok := parseFlags(fl, args, nil, stdout, stderr); !ok {
		return code
	}
	q, format, ef := o.query, &o.format, &o.engine
	eng, ok := ef.load("explain", stderr)
	if !ok {
		return exitTrouble
	}
	x, err := eng.Explain(*q)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint explain:", err)
		return exitTrouble
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(x); err != nil {
			fmt.Fprintln(stderr, "contactlint explain:", err)
			return exitTrouble
		}
		return exitOK
	}
	fmt.Fprint(stdout, x.Text())
	return exitOK
}
