package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/contactlint/contactlint/engine"
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

func runCheck(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := newFlagSet("check", fmt.Sprintf(checkUsage, input.Help()), stderr)
	format := fl.String("format", "text", "output format: "+strings.Join(outputFormats, ", "))
	var in inputFlags
	in.register(fl, "checked")
	var ef engineFlags
	ef.register(fl, true)
	wire := fl.Bool("wire", false, "with -format api: the live API's bytes (= as \\u003d)")
	color := fl.String("color", "auto", "colour text output: auto (on a terminal), always or never")
	failLevel := fl.String("fail-level", "error", "what fails a request (exit 1): error, or warning too")
	progressMode := fl.String("progress", "auto", "a progress bar on standard error: auto (a terminal, and a large input), always or never")
	skip := fl.String("skip", "", "violation codes not to report, comma-separated (postal-code,unknown-param); they no longer fail a request")
	only := fl.String("only", "", "report only these violation codes, comma-separated")
	baselineIn := fl.String("baseline", "", "a baseline file (-write-baseline): report only violations not in it")
	baselineOut := fl.String("write-baseline", "", "write the violations found to this baseline file, for -baseline next time")
	quiet := fl.Bool("quiet", false, "no summary line on standard error")
	annotations := fl.Int("annotations", 10, "with -format github: annotations per input file (GitHub shows 10 errors and 10 warnings a step); all go to $GITHUB_STEP_SUMMARY when set")
	minSeverity := fl.String("min-severity", "warning", "the least severity shown: warning, or error (warnings hidden in every format; counts unchanged)")
	files, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code
	}
	inFormat, ok := in.validate(fl, files, stderr)
	if !ok {
		return exitTrouble
	}
	if *failLevel != "error" && *failLevel != "warning" {
		fmt.Fprintf(stderr, "contactlint check: unknown -fail-level %q (want error or warning)\n", *failLevel)
		return exitTrouble
	}
	if *minSeverity != "error" && *minSeverity != "warning" {
		fmt.Fprintf(stderr, "contactlint check: unknown -min-severity %q (want warning or error)\n", *minSeverity)
		return exitTrouble
	}
	var flt filter
	var err error
	if flt.skip, err = parseCodes("skip", *skip); err == nil {
		flt.only, err = parseCodes("only", *only)
	}
	if err == nil && *baselineIn != "" {
		flt.baseline, err = readBaseline(*baselineIn)
	}
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	style := engine.Plain
	if *wire {
		style = engine.Wire
	}
	useColor, err := colorFor(*color, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	p, err := newPrinter(*format, stdout, printOptions{style: style, color: useColor, annotations: *annotations, stepSummary: getenv("GITHUB_STEP_SUMMARY")})
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	show, total, err := progressFor(*progressMode, stderr, files, stdin)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint check:", err)
		return exitTrouble
	}
	eng, ok := ef.load("check", stderr)
	if !ok {
		return exitTrouble
	}

	pl := &pipeline{eng: eng, workers: in.workers, format: inFormat, stdin: stdin, stderr: stderr, keys: input.ExportKeys(eng),
		keyed: *baselineIn != "" || *baselineOut != ""}
	var written *baselineWriter
	if *baselineOut != "" {
		written = &baselineWriter{counts: map[baselineKey]int{}}
	}
	var bar *progress
	if show {
		pl.bytesRead = new(atomic.Int64)
		bar = startProgress(stderr, &pl.mu, total, pl.bytesRead, 200*time.Millisecond)
	}
	sum := newSummary(*failLevel == "warning")
	pl.run(files, func(rec *record) {
		if written != nil {
			written.add(rec) // before filtering: the baseline is all that was found
		}
		flt.apply(rec)
		sum.add(rec)
		if *minSeverity == "error" {
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
		if err := written.write(*baselineOut); err != nil {
			pl.fail(*baselineOut, err)
		}
	}
	sum.known = flt.known
	if !*quiet {
		fmt.Fprintln(stderr, sum)
	}
	return sum.exitCode(pl, "check", files, stderr)
}

// colorFor decides whether text output is coloured: auto colours only a
// terminal (and never when NO_COLOR is set).
func colorFor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return os.Getenv("NO_COLOR") == "" && isTerminal(w), nil
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
