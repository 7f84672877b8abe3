package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

const schemaUsage = `Usage: contactlint schema [flags]

Writes a JSON Schema (draft 2020-12) of one request — its parameters as
the API takes them — for a command, contact type, TLD and role, generated
from the compiled rules: for form builders. A request the engine passes
always validates; rules JSON Schema cannot say (check digits, a postal
prefix against a province) are named in the property's description and
left to contactlint. Warnings are not in the schema.

Flags:
`

func runSchema(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("schema", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var q engine.Query
	fl.StringVar(&q.Command, "command", "contacts/add", "the command (API path without .json)")
	fl.StringVar(&q.Type, "type", "", "the contact type (EsContact, …); the schema then holds type to it")
	fl.StringVar(&q.TLD, "tld", "", "the TLD the contact is for (es, br, …)")
	fl.StringVar(&q.Role, "role", "", "the contact's role: registrant, admin, tech or billing")
	rulesDir := fl.String("rules", "", "a directory of rule files that add to or override the embedded ones")
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
	var opts []contactlint.Option
	if *rulesDir != "" {
		opts = append(opts, contactlint.WithRulesDir(*rulesDir))
	}
	eng, err := contactlint.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "contactlint schema: the rules do not compile:\n%v\n", err)
		return exitTrouble
	}
	s, err := eng.Schema(q)
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
