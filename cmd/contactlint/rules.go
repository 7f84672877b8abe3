package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

const rulesUsage = `Usage: contactlint rules lint [flags] DIR…

Reads the rule files of each DIR as --rules would (over the embedded rules,
in the order given: a file at the same path in a later DIR replaces the
earlier one), compiles them, and reports every diagnostic: errors that stop
the rules from loading, and warnings. Exit codes: 0 no error
(nor warning, with -fail-level warning), 1 the rules have problems, 2
usage error or a DIR that cannot be read.

Flags:
`

// lintOptions are rules lint's flags.
type lintOptions struct {
	format, failLevel string
}

func newLintFlags(stderr io.Writer) (*flag.FlagSet, *lintOptions) {
	var o lintOptions
	fl := newFlagSet("rules lint", rulesUsage, stderr)
	choiceVar(fl, &o.format, "format", []string{"text", "json", "sarif"}, "output `format`: text, json or sarif")
	fl.StringVar(&o.failLevel, "fail-level", "error", "what fails (exit 1): error, or warning too")
	addConfigFlags(fl)
	return fl, &o
}

func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "lint" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
			fl, _ := newLintFlags(stdout)
			fl.Usage() // help asked for: on standard output, flags and all
			return exitOK
		}
		fmt.Fprint(stderr, "contactlint rules: want a subcommand: lint\n\n"+rulesUsage)
		return exitTrouble
	}
	fl, o := newLintFlags(stderr)
	dirs, code, ok := parseArgs(fl, args[1:], stdout)
	if !ok {
		return code
	}
	level, sources, err := o.validate(dirs)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint rules lint:", err)
		return exitTrouble
	}
	diags := lintRules(sources)
	if err := o.write(stdout, diags); err != nil {
		fmt.Fprintln(stderr, "contactlint rules lint:", err)
		return exitTrouble
	}
	errs := 0
	for _, d := range diags {
		if d.Severity == tldspec.Error {
			errs++
		}
	}
	fmt.Fprintf(stderr, "contactlint: %s, %s\n", plural(errs, "error"), plural(len(diags)-errs, "warning"))
	if errs > 0 || level == tldspec.Warning && len(diags) > 0 {
		return exitFailed
	}
	return exitOK
}

// validate checks lint's flags and directories: the severity that fails,
// and the rule sources, the embedded rules first.
func (o *lintOptions) validate(dirs []string) (tldspec.Severity, []tldspec.Source, error) {
	level, ok := tldspec.ParseSeverity(o.failLevel)
	if !ok {
		return 0, nil, fmt.Errorf("unknown -fail-level %q (want error or warning)", o.failLevel)
	}
	if len(dirs) == 0 {
		return 0, nil, errors.New("name the rule directories to lint")
	}
	sources := []tldspec.Source{{Name: rules.Name, FS: rules.FS()}}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return 0, nil, err
		}
		if !st.IsDir() {
			return 0, nil, fmt.Errorf("%s is not a directory", d)
		}
		sources = append(sources, tldspec.Source{Name: d, FS: os.DirFS(d)})
	}
	return level, sources, nil
}

// write prints the diagnostics in lint's format.
func (o *lintOptions) write(stdout io.Writer, diags tldspec.Diagnostics) error {
	w := bufio.NewWriter(stdout)
	switch o.format {
	case "json":
		writeDiagnosticsJSON(w, diags)
	case "sarif":
		writeDiagnosticsSARIF(w, diags)
	default:
		for _, d := range diags {
			fmt.Fprintln(w, d.Error())
		}
	}
	return w.Flush()
}

// lintRules loads and compiles sources, and returns every diagnostic of
// both stages: compiling needs a loaded spec, so load errors come alone.
func lintRules(sources []tldspec.Source) tldspec.Diagnostics {
	spec, err := tldspec.Load(engine.Catalog(), sources...)
	if err != nil {
		return asDiagnostics(err)
	}
	e, err := engine.Compile(spec, engine.Options{})
	if err != nil {
		return asDiagnostics(err)
	}
	return e.Warnings()
}

func asDiagnostics(err error) tldspec.Diagnostics {
	var diags tldspec.Diagnostics
	if errors.As(err, &diags) {
		return diags
	}
	return tldspec.Diagnostics{{Severity: tldspec.Error, Code: "internal", Message: err.Error()}}
}

type diagnosticJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func writeDiagnosticsJSON(w io.Writer, diags tldspec.Diagnostics) {
	out := make([]diagnosticJSON, len(diags))
	for i, d := range diags {
		out[i] = diagnosticJSON{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Code: d.Code, Message: d.Message}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

// writeDiagnosticsSARIF writes one SARIF result per diagnostic, located at
// its rule file, line and column.
func writeDiagnosticsSARIF(w io.Writer, diags tldspec.Diagnostics) {
	results := make([]sarifResult, len(diags))
	var ids []string
	for i, d := range diags {
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(d.Pos.File)
		if d.Pos.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Col}
		}
		results[i] = sarifResult{RuleID: d.Code, Level: d.Severity.String(), Message: sarifText{d.Message}, Locations: []sarifLocation{loc}}
		if !slices.Contains(ids, d.Code) {
			ids = append(ids, d.Code)
		}
	}
	slices.Sort(ids)
	ruleList := make([]sarifRule, len(ids))
	for i, id := range ids {
		ruleList[i] = sarifRule{ID: id, ShortDescription: sarifText{"Rule file diagnostic " + id + "."}}
	}
	for i := range results {
		results[i].RuleIndex = slices.Index(ids, results[i].RuleID)
	}
	log := map[string]any{
		"version": sarifVersion,
		"$schema": sarifSchema,
		"runs":    []any{map[string]any{"tool": sarifTool(ruleList), "results": results}},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(log)
}

// plural is n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
