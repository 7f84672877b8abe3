package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

const checkUsage = `Usage: contactlint check [flags] FILE…|-

Checks each request and reports what the API would reject. A request is
one JSON object: the API parameters, or an envelope
  {"command":"contacts/add","tld":"es","role":"registrant","params":{…}}
Files ending .jsonl/.ndjson hold one request per line; .json files hold an
object, an array, or objects one after another; other inputs (- for
standard input) are detected. A directory stands for its .json, .jsonl
and .ndjson files.

Flags:
`

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: "+strings.Join(outputFormats, ", "))
	input := fl.String("input", "", "input format: jsonl or json (default: by extension, else detected)")
	rulesDir := fl.String("rules", "", "a directory of rule files that add to or override the embedded ones")
	wire := fl.Bool("wire", false, "with -format api: the live API's bytes (= as \\u003d)")
	noPhone := fl.Bool("no-phone-validity", false, "skip checking phone numbers against numbering plans")
	fl.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fl.PrintDefaults()
	}
	files, err := parseInterspersed(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "contactlint check: name the files to check, or - for standard input")
		return exitTrouble
	}
	inFormat, err := parseInputFormat(*input)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	style := engine.Plain
	if *wire {
		style = engine.Wire
	}
	p, err := newPrinter(*format, stdout, style)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	var opts []contactlint.Option
	if *rulesDir != "" {
		opts = append(opts, contactlint.WithRulesDir(*rulesDir))
	}
	if *noPhone {
		opts = append(opts, contactlint.WithoutPhoneValidity())
	}
	eng, err := contactlint.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "contactlint check: the rules do not compile:\n%v\n", err)
		return exitTrouble
	}

	c := &checker{eng: eng, p: p, stderr: stderr}
	for _, name := range files {
		c.input(name, inFormat, stdin)
	}
	if err := p.Close(); err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		c.trouble = true
	}
	fmt.Fprintf(stderr, "contactlint: %d checked, %d passed, %d failed", c.n, c.passed, c.n-c.passed)
	if c.unreadable > 0 {
		fmt.Fprintf(stderr, " (%d could not be read)", c.unreadable)
	}
	fmt.Fprintln(stderr)
	switch {
	case c.trouble:
		return exitTrouble
	case c.passed < c.n:
		return exitFailed
	}
	return exitOK
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

type checker struct {
	eng        *contactlint.Engine
	p          printer
	stderr     io.Writer
	n, passed  int
	unreadable int
	trouble    bool // exit 2: an input, or part of one, could not be read
}

// input checks one command-line argument: -, a file or a directory.
func (c *checker) input(name string, format inputFormat, stdin io.Reader) {
	if name == "-" {
		c.read("<stdin>", stdin, format)
		return
	}
	st, err := os.Stat(name)
	if err != nil {
		c.fail(name, err)
		return
	}
	if !st.IsDir() {
		c.file(name, format)
		return
	}
	var found []string
	err = filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && formatOf(p, formatAuto) != formatAuto {
			found = append(found, p)
		}
		return nil
	})
	if err != nil {
		c.fail(name, err)
	}
	sort.Strings(found)
	for _, f := range found {
		c.file(f, format)
	}
}

func (c *checker) file(name string, format inputFormat) {
	f, err := os.Open(name)
	if err != nil {
		c.fail(name, err)
		return
	}
	defer f.Close()
	c.read(name, f, formatOf(name, format))
}

func (c *checker) read(name string, r io.Reader, format inputFormat) {
	err := readRequests(r, format, func(line int, data []byte, err error) {
		rec := &record{index: c.n, file: name, line: line, err: err}
		if err == nil {
			var d decoded
			switch d, rec.err = decodeRequest(data); {
			case rec.err != nil:
			case d.set != nil:
				s := c.eng.CheckSet(*d.set)
				rec.set = &s
			default:
				rec.res = c.eng.Check(d.req)
			}
		}
		c.emit(rec)
	})
	if err != nil {
		var ie *inputError
		if errors.As(err, &ie) {
			// JSON that breaks mid-stream: a record names the place, and
			// the rest of this input is skipped.
			c.emit(&record{index: c.n, file: name, line: ie.line, err: err})
			return
		}
		c.fail(name, err)
	}
}

func (c *checker) emit(rec *record) {
	c.n++
	switch {
	case rec.err != nil:
		c.unreadable++
		c.trouble = true
	case rec.ok():
		c.passed++
	}
	if err := c.p.Print(rec); err != nil {
		c.fail("output", err)
	}
}

// fail reports an input that cannot be read at all.
func (c *checker) fail(name string, err error) {
	fmt.Fprintf(c.stderr, "contactlint: %s: %v\n", name, err)
	c.trouble = true
}
