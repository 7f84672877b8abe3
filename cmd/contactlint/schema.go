package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

const schemaUsage = `Usage: contactlint schema [flags]

Writes a JSON Schema (draft 2020-12) of one request — its parameters as
the API takes them — for a command, contact type, TLD and role, generated
from the compiled rules: for form builders. A request the engine passes
always validates (values trimmed of surrounding white space); rules JSON Schema cannot say (check digits, a postal
prefix against a province) are named in the property's description and
left to contactlint. Warnings are not in the schema.

Flags:
`

func runSchema(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("schema", flag.ContinueOnError)
	fl.SetOutput(stderr)
	q := queryFlags(fl)
	var ef engineFlags
	ef.register(fl, false)
	fl.Usage = func() {
		fmt.Fprint(stderr, schemaUsage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "contactlint schema: unexpected argument %q\n", fl.Arg(0))
		return exitTrouble
	}
	eng, ok := ef.load("schema", stderr)
	if !ok {
		return exitTrouble
	}
	s, err := eng.Schema(*q)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint schema:", err)
		return exitTrouble
	}
	if _, err := stdout.Write(s); err != nil {
		fmt.Fprintln(stderr, "contactlint schema:", err)
		return exitTrouble
	}
	return exitOK
}
