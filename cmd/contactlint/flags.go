package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/contactlint/contactlint/internal/input"
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
		}
	})
	return err
}

// parseArgs parses args, flags and arguments in any order, and returns the
// arguments. When ok is false the command is over, with code: exitOK after
// -h (its help on stdout), exitTrouble on a bad flag (the flag package has
// said why, on stderr).
func parseArgs(fl *flag.FlagSet, args []string, stdout io.Writer) (rest []string, code int, ok bool) {
	if wantsHelp(args) {
		// Help is output asked for: standard output, so that
		// contactlint check -h | less shows it.
		fl.SetOutput(stdout)
		fl.Usage()
		return nil, exitOK, false
	}
	rest, err := parseInterspersed(fl, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		return nil, exitTrouble, false
	}
	return rest, exitOK, true
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
}

func (f *inputFlags) register(fl *flag.FlagSet, verb string) {
	fl.StringVar(&f.input, "input", "", "input format: "+strings.Join(input.FormatNames(), ", ")+" (default: by extension, else detected from the content)")
	fl.IntVar(&f.workers, "j", runtime.GOMAXPROCS(0), "requests "+verb+" in parallel (output order is the input's whatever -j)")
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
	return format, true
}
