package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

// engineFlags are the flags every command that compiles rules takes.
type engineFlags struct {
	rulesDir string
	noPhone  bool
}

func (f *engineFlags) register(fl *flag.FlagSet, phone bool) {
	fl.StringVar(&f.rulesDir, "rules", "", "a directory of rule files that add to or override the embedded ones")
	if phone {
		fl.BoolVar(&f.noPhone, "no-phone-validity", false, "skip checking phone numbers against numbering plans")
	}
}

// load compiles the rules, or says on stderr why not.
func (f *engineFlags) load(command string, stderr io.Writer) (*contactlint.Engine, bool) {
	var opts []contactlint.Option
	if f.rulesDir != "" {
		// Said apart from a rule file's problems, which would otherwise
		// read as a defect of the embedded rules.
		st, err := os.Stat(f.rulesDir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: no such directory\n", command, f.rulesDir)
			return nil, false
		case err != nil:
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: %v\n", command, f.rulesDir, err)
			return nil, false
		case !st.IsDir():
			fmt.Fprintf(stderr, "contactlint %s: -rules %s: not a directory (name the directory that holds the rule files)\n", command, f.rulesDir)
			return nil, false
		}
		opts = append(opts, contactlint.WithRulesDir(f.rulesDir))
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
		if f.rulesDir != "" {
			where = "the rules (the embedded ones and " + f.rulesDir + ")"
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
