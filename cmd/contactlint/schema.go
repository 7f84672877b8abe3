package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/contactlint/contactlint/engine"
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

// schemaOptions are schema's flags.
type schemaOptions struct {
	query  *engine.Query
	engine engineFlags
}

func newSchemaFlags(stderr io.Writer) (*flag.FlagSet, *schemaOptions) {
	var o schemaOptions
	fl := newFlagSet("schema", schemaUsage, stderr)
	o.query = queryFlags(fl)
	o.engine.register(fl, false)
	addConfigFlags(fl)
	return fl, &o
}

func runSchema(args []string, stdout, stderr io.Writer) int {
	fl, o := newSchemaFlags(stderr)
	if code, ok := parseFlags(fl, args, nil, stdout, stderr); !ok {
		return code
	}
	q, ef := o.query, &o.engine
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
