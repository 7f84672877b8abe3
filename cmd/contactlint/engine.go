package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

// engineFlags are the flags every command that compiles rules takes.
type engineFlags struct {
	rulesDirs listFlag
	noPhone   bool
}

func (f *engineFlags) register(fl *flag.FlagSet, phone bool) {
	fl.Var(&f.rulesDirs, "rules", "a directory of rule files that add to or override the embedded ones; repeatable, a later directory over an earlier one")
	if phone {
		fl.BoolVar(&f.noPhone, "no-phone-validity", false, "skip checking phone numbers against numbering plans")
	}
}

// load compiles the rules, or says on stderr why not.
func (f *engineFlags) load(command string, stderr io.Writer) (*contactlint.Engine, bool) {
	var opts []contactlint.Option
	for _, dir := range f.rulesDirs.values {
		// Said apart from a rule file's problems, which would otherwise
		// read as a defect of the embedded rules.
		st, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: no such directory\n", command, dir)
			return nil, false
		case err != nil:
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: %v\n", command, dir, err)
			return nil, false
		case !st.IsDir():
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: not a directory (name the directory that holds the rule files)\n", command, dir)
			return nil, false
		}
		opts = append(opts, contactlint.WithRulesDir(dir))
	}
	if f.noPhone {
		opts = append(opts, contactlint.WithoutPhoneValidity())
	}
	// Compiling allocates about four times what it keeps: collecting
	// while it runs was a fifth of a one-request check's time. The
	// collector resumes, at the setting it had, once the engine is built.
	gc := debug.SetGCPercent(-1)
	eng, err := contactlint.New(opts...)
	debug.SetGCPercent(gc)
	if err != nil {
		where := "the rules"
		if len(f.rulesDirs.values) > 0 {
			where = "the rules (the embedded ones and " + strings.Join(f.rulesDirs.values, ", ") + ")"
		}
		fmt.Fprintf(stderr, "contactlint %s: %s do not compile:\n%v\n", command, where, err)
		return nil, false
	}
	return eng, true
}

// queryFlags are explain's and schema's: what kind of request.
func queryFlags(fl *flag.FlagSet) *engine.Query {
	var q engine.Query
	fl.StringVar(&q.Command, "command", "contacts/add", "the command (API path without .json)")
	fl.StringVar(&q.Type, "type", "", "the contact type (EsContact, …)")
	fl.StringVar(&q.TLD, "tld", "", "the TLD the contact is for (es, br, …)")
	fl.StringVar(&q.Role, "role", "", "the contact's role: registrant, admin, tech or billing")
	return &q
}
