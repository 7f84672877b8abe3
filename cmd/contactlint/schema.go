package main

import (
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
	fl := newFlagSet("schema", schemaUsage, stderr)
	q := queryFlags(fl)
	var ef engineFlags
	ef.register(fl, false)
	if code, ok := parseFlags(fl, args, nil, stdout, stderr); !ok {
		return code
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
