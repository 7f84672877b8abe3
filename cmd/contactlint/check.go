package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
	"github.com/contactlint/contactlint/internal/input"
)

const checkUsage = `Usage: contactlint check [flags] FILE…|-

Checks each request and reports what the API would reject. A request is
one object: the API parameters, or an envelope
  {"command":"contacts/add","tld":"es","role":"registrant","params":{…}}
A file's kind is its extension's; standard input, and a file of another
extension, are read for what their content is (-input names it instead).
A directory stands for its files of the extensions below. A byte-order
mark is skipped.

Inputs:
%s
Flags:
`

// checkOptions are check's flags.
type checkOptions struct {
	format, color, failLevel, progress string
	skip, only                         string
	baselineIn, baselineOut            string
	minSeverity                        string
	wire, quiet                        bool
	annotations                        int
	in                                 inputFlags
	engine                             engineFlags
}

func newCheckFlags(stderr io.Writer) (*flag.FlagSet, *checkOptions) {
	var o checkOptions
	fl := newFlagSet("check", fmt.Sprintf(checkUsage, input.Help()), stderr)
	choiceVar(fl, &o.format, "format", outputFormats, "output `format`: "+strings.Join(outputFormats, ", "))
	o.in.register(fl, "checked")
	o.engine.register(fl, true)
	fl.BoolVar(&o.wire, "wire", false, "with -format api: the live API's bytes (= as \\u003d)")
	fl.StringVar(&o.color, "color", "auto", "colour text output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR forces it), always or never")
	fl.StringVar(&o.failLevel, "fail-level", "error", "what fails a request (exit 1): error, or warning too")
	fl.StringVar(&o.progress, "progress", "auto", "a progress bar on standard error: auto (a terminal, and a large input), always or never")
	fl.StringVar(&o.skip, "skip", "", "violation codes not to report, comma-separated (postal-code,unknown-param); they no longer fail a request")
	fl.StringVar(&o.only, "only", "", "report only these violation codes, comma-separated")
	fl.StringVar(&o.baselineIn, "baseline", "", "a baseline file (-write-baseline): report only violations not in it")
	fl.StringVar(&o.baselineOut, "write-baseline", "", "write the violations found to this baseline file, for -baseline next time")
	fl.BoolVar(&o.quiet, "quiet", false, "no summary line on standard error")
	fl.IntVar(&o.annotations, "annotations", 10, "with -format github: annotations per input file (GitHub shows 10 errors and 10 warnings a step); all go to $GITHUB_STEP_SUMMARY when set")
	fl.StringVar(&o.minSeverity, "min-severity", "warning", "the least severity shown: warning, or error (warnings hidden in every format; counts unchanged)")
	addConfigFlags(fl)
	return fl, &o
}

func runCheck(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl, o := newCheckFlags(stderr)
	files, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code
	}
	inFormat, ok := o.in.validate(fl, files, stderr)
	if !ok {
		return exitTrouble
	}
	flt, p, err := o.outputs(getenv, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	show, total, err := progressFor(o.progress, getenv, stderr, files, stdin)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	eng, ok := o.engine.load("check", stderr)
	if !ok {
		return exitTrouble
	}
	pl := o.in.pipeline(eng, inFormat, stdin, stderr)
	pl.keyed = o.baselineIn != "" || o.baselineOut != ""
	var bar *progress
	if show {
		pl.bytesRead = new(atomic.Int64)
		bar = startProgress(stderr, &pl.mu, total, pl.bytesRead, 200*time.Millisecond)
	}
	sum := o.check(pl, files, flt, p, bar)
	sum.known = flt.known
	if !o.quiet && !pl.nothingRead() && sum.found() {
		fmt.Fprintln(stderr, sum)
	}
	return sum.exitCode(pl, "check", files, stderr)
}

// outputs validates the choices of what is reported and how, and makes
// the filter and the printer.
func (o *checkOptions) outputs(getenv func(string) string, stdout io.Writer) (*filter, printer, error) {
	if o.failLevel != "error" && o.failLevel != "warning" {
		return nil, nil, fmt.Errorf("unknown -fail-level %q (want error or warning)", o.failLevel)
	}
	if o.minSeverity != "error" && o.minSeverity != "warning" {
		return nil, nil, fmt.Errorf("unknown -min-severity %q (want warning or error)", o.minSeverity)
	}
	flt := &filter{}
	var err error
	if flt.skip, err = parseCodes("skip", o.skip); err == nil {
		flt.only, err = parseCodes("only", o.only)
	}
	if err == nil && o.baselineIn != "" {
		flt.baseline, err = readBaseline(o.baselineIn)
	}
	if err != nil {
		return nil, nil, err
	}
	style := engine.Plain
	if o.wire {
		style = engine.Wire
	}
	useColor, err := colorFor(o.color, getenv, stdout)
	if err != nil {
		return nil, nil, err
	}
	p, err := newPrinter(o.format, stdout, printOptions{style: style, color: useColor, annotations: o.annotations, stepSummary: getenv("GITHUB_STEP_SUMMARY")})
	return flt, p, err
}

// check runs the pipeline: each record filtered, counted and printed,
// the baseline written when asked.
func (o *checkOptions) check(pl *pipeline, files []string, flt *filter, p printer, bar *progress) *summary {
	var written *baselineWriter
	if o.baselineOut != "" {
		written = &baselineWriter{counts: map[baselineKey]int{}}
	}
	sum := newSummary(o.failLevel == "warning")
	pl.run(files, func(rec *record) {
		if rec.trailer {
			return // no request
		}
		if len(rec.unread) > 0 { // said here, in the records' order
			pl.note("%s:%d: %s", rec.file, rec.line, apihttp.UnreadWarning(rec.unread))
		}
		if written != nil {
			written.add(rec) // before filtering: the baseline is all that was found
		}
		flt.apply(rec)
		sum.add(rec)
		if o.minSeverity == "error" {
			hideWarnings(rec)
		}
		if bar != nil {
			bar.done.Add(1)
		}
		if err := p.Print(rec); err != nil {
			pl.fail("output", err)
		}
	})
	if bar != nil {
		bar.finish()
	}
	if err := p.Close(); err != nil {
		pl.fail("output", err)
	}
	if written != nil {
		if err := written.write(o.baselineOut); err != nil {
			pl.fail(o.baselineOut, err)
		}
	}
	return sum
}

// colorFor decides whether text output is coloured. auto follows the
// conventions terminals share: never when NO_COLOR is set (no-color.org),
// always when FORCE_COLOR is (and not 0 or false), never when TERM is
// dumb, else only on a terminal.
func colorFor(mode string, getenv func(string) string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if getenv("NO_COLOR") != "" {
			return false, nil
		}
		if f := getenv("FORCE_COLOR"); f != "" && f != "0" && !strings.EqualFold(f, "false") {
			return true, nil
		}
		return getenv("TERM") != "dumb" && isTerminal(w), nil
	}
	return false, fmt.Errorf("unknown -color %q (want auto, always or never)", mode)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
