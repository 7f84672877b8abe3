package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/input"
	"github.com/contactlint/contactlint/internal/text/suggest"
)

// newFlagSet is a command's flag set: its errors go to stderr, under the
// command's usage text; parseArgs sends -h to standard output.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), usage)
		fl.PrintDefaults()
	}
	return fl
}

// wantsHelp reports whether args ask for help (-h, -help, --help) before
// any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}

// envName is the environment variable that may set flag name:
// max-in-flight → CONTACTLINT_MAX_IN_FLIGHT.
func envName(name string) string {
	return "CONTACTLINT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// flagsFromEnv sets each of fl's flags whose variable is set in the
// environment. It runs before parsing, so a flag on the command line wins.
func flagsFromEnv(fl *flag.FlagSet, getenv func(string) string) error {
	var err error
	fl.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		if v := getenv(name); v != "" && err == nil {
			if e := fl.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s=%q: %v", name, v, e)
			}
			if l, ok := f.Value.(*listFlag); ok {
				l.inherited = true
			}
		}
	})
	return err
}

// parseArgs parses args, flags and arguments in any order, and returns the
// arguments, with the conventions operators bring from other linters: -h
// (its help on stdout) and --version after any command; a flag that takes
// one value refused when given twice; a misspelt flag answered with the
// nearest one, not the whole list; then, for a command that reads one,
// the configuration file (.contactlint.yaml) for every flag the command
// line did not set. When ok is false the command is over, with code:
// exitOK after -h or --version, exitTrouble on a bad flag or
// configuration (said on stderr).
func parseArgs(fl *flag.FlagSet, args []string, stdout io.Writer) (rest []string, code int, ok bool) {
	stderr := fl.Output()
	if wantsHelp(args) {
		// Help is output asked for: standard output, so that
		// contactlint check -h | less shows it.
		fl.SetOutput(stdout)
		fl.Usage()
		return nil, exitOK, false
	}
	if wantsVersion(args) {
		fmt.Fprintln(stdout, readVersion())
		return nil, exitOK, false
	}
	if err := givenOnce(fl, args); err != nil {
		fmt.Fprintf(stderr, "contactlint %s: %v\n", fl.Name(), err)
		return nil, exitTrouble, false
	}
	fl.SetOutput(io.Discard) // the flag package's errors are worded below
	rest, err := parseInterspersed(fl, args)
	fl.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		fmt.Fprintf(stderr, "contactlint %s: %s\n", fl.Name(), flagError(fl, err))
		return nil, exitTrouble, false
	}
	if err := applyConfig(fl); err != nil {
		fmt.Fprintf(stderr, "contactlint %s: %v\n", fl.Name(), err)
		return nil, exitTrouble, false
	}
	return rest, exitOK, true
}

// wantsVersion reports whether args ask for the version (--version,
// -version) before any "--".
func wantsVersion(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-version", "--version":
			return true
		}
	}
	return false
}

// flagError words a flag package error, with the nearest flag for one
// that is not defined.
func flagError(fl *flag.FlagSet, err error) string {
	msg := err.Error()
	// A choice flag's own words name the value: `invalid value "x" for
	// flag -format: "x" is not a format…` would say it twice.
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if i := strings.Index(rest, " for flag -"); i >= 0 {
			name, _, _ := strings.Cut(rest[i+len(" for flag -"):], ":")
			if f := fl.Lookup(name); f != nil {
				if _, choice := f.Value.(choiceFlag); choice {
					msg = rest[i+len(" for flag "):]
				}
			}
		}
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fl.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		hint := ""
		if near := suggest.Closest(name, names); near != "" {
			hint = " (did you mean -" + near + "?)"
		}
		return fmt.Sprintf("-%s is not a flag of contactlint %s%s; contactlint %s -h lists them", name, fl.Name(), hint, fl.Name())
	}
	return msg + "; contactlint " + fl.Name() + " -h lists the flags"
}

// choiceFlag takes one of its choices, and refuses any other wherever it
// is set — command line, environment or configuration — in the same
// words: the choices are declared once, with the flag.
type choiceFlag struct {
	value         *string
	command, name string
	choices       []string
}

func (c choiceFlag) String() string {
	if c.value == nil {
		return ""
	}
	return *c.value
}

func (c choiceFlag) Set(v string) error {
	if !slices.Contains(c.choices, v) {
		return fmt.Errorf("%q is not a %s of contactlint %s (%s)", v, c.name, c.command, strings.Join(c.choices, ", "))
	}
	*c.value = v
	return nil
}

// choiceVar defines fl's flag name, taking one of choices, the first its
// default, into p.
func choiceVar(fl *flag.FlagSet, p *string, name string, choices []string, usage string) {
	*p = choices[0]
	fl.Var(choiceFlag{value: p, command: fl.Name(), name: name, choices: choices}, name, usage)
}

// listFlag is a repeatable flag: each use adds a value (-rules a -rules
// b). Every other flag takes one value, and a second is refused.
type listFlag struct {
	values []string
	// inherited: the values came from the environment, and the command
	// line's replace them rather than add to them.
	inherited bool
}

func (l *listFlag) String() string { return strings.Join(l.values, ",") }

func (l *listFlag) Set(v string) error {
	if l.inherited {
		l.values, l.inherited = nil, false
	}
	l.values = append(l.values, v)
	return nil
}

// givenOnce refuses a flag that takes one value given twice on the
// command line: the flag package would keep the last, silently dropping
// the first (-rules a -rules b once lost a).
func givenOnce(fl *flag.FlagSet, args []string) error {
	seen := map[string]bool{}
	for _, a := range args {
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fl.Lookup(name)
		if f == nil {
			continue
		}
		if _, repeatable := f.Value.(*listFlag); repeatable {
			continue
		}
		if seen[name] {
			return fmt.Errorf("-%s is given twice; it takes one value", name)
		}
		seen[name] = true
	}
	return nil
}

// parseFlags parses a command that takes flags only: from the environment
// first when getenv is set (a flag on the command line wins), then args.
// When ok is false the command is over, with code.
func parseFlags(fl *flag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) (code int, ok bool) {
	if getenv != nil {
		if err := flagsFromEnv(fl, getenv); err != nil {
			fmt.Fprintf(stderr, "contactlint %s: %v\n", fl.Name(), err)
			return exitTrouble, false
		}
	}
	rest, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code, false
	}
	if !noArgs(fl, rest, stderr) {
		return exitTrouble, false
	}
	return exitOK, true
}

// noArgs refuses arguments to a command that takes only flags.
func noArgs(fl *flag.FlagSet, rest []string, stderr io.Writer) bool {
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "contactlint %s: unexpected argument %q\n", fl.Name(), rest[0])
		return false
	}
	return true
}

// parseInterspersed lets flags follow file names (check x.jsonl -format
// jsonl); everything after "--" is a file.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var files, after []string
	for i, a := range args {
		if a == "--" {
			args, after = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			break
		}
		files, args = append(files, args[0]), args[1:]
	}
	return append(files, after...), nil
}

// inputFlags are the flags of the commands that read requests (check,
// fix): the input format and the number of workers.
type inputFlags struct {
	input   string
	workers int
	exclude listFlag
	columns listFlag
	cols    *input.Columns // columns, read by validate
}

func (f *inputFlags) register(fl *flag.FlagSet, verb string) {
	fl.StringVar(&f.input, "input", "", "input format: "+strings.Join(input.FormatNames(), ", ")+" (default: by extension, else detected from the content)")
	fl.IntVar(&f.workers, "j", runtime.GOMAXPROCS(0), "requests "+verb+" in parallel (output order is the input's whatever -j)")
	fl.Var(&f.columns, "columns", "CSV: what a header's columns are — param=column (zipcode=postcode), param=a+b (name=firstname+lastname, joined by a space), a panel's export (whmcs, blesta, fossbilling; recognised by its header without this), or none; repeatable")
	fl.Var(&f.exclude, "exclude", "in a directory, skip files and directories whose name or path matches this glob (*.draft.jsonl, old/*); repeatable. .git, node_modules, vendor and hidden directories are skipped unless named")
}

// pipeline is the pipeline that reads the inputs these flags describe.
func (f *inputFlags) pipeline(eng *contactlint.Engine, format input.Format, stdin io.Reader, stderr io.Writer) *pipeline {
	return &pipeline{eng: eng, workers: f.workers, format: format, stdin: stdin, stderr: stderr, keys: input.ExportKeys(eng), exclude: f.exclude.values, columns: f.cols}
}

// validate checks the flags and that files are named, saying why not on
// stderr.
func (f *inputFlags) validate(fl *flag.FlagSet, files []string, stderr io.Writer) (input.Format, bool) {
	if len(files) == 0 {
		fmt.Fprintf(stderr, "contactlint %s: name the files to %s, or - for standard input\n", fl.Name(), fl.Name())
		return input.FormatAuto, false
	}
	if f.workers < 1 {
		fmt.Fprintf(stderr, "contactlint %s: -j must be at least 1\n", fl.Name())
		return input.FormatAuto, false
	}
	format, err := input.ParseFormat(f.input)
	if err != nil {
		fmt.Fprintf(stderr, "contactlint %s: %v\n", fl.Name(), err)
		return input.FormatAuto, false
	}
	if f.cols, err = input.ParseColumns(f.columns.values); err != nil {
		fmt.Fprintf(stderr, "contactlint %s: %v\n", fl.Name(), err)
		return input.FormatAuto, false
	}
	for _, g := range f.exclude.values {
		if _, err := filepath.Match(g, ""); err != nil {
			fmt.Fprintf(stderr, "contactlint %s: -exclude %q: %v\n", fl.Name(), g, err)
			return input.FormatAuto, false
		}
	}
	return format, true
}
