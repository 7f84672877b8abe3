package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

const calibrateUsage = `Usage: contactlint calibrate [flags] FILE…

Summarises disagreement logs (contactlint serve -disagreements, or
Transport's Disagreements): how often contactlint answered as the live API
did, by command, contact type and TLD; each kind of disagreement with its
count and an example; the API's messages the catalogue does not word,
ready to add to it with source observed; and the rules the API was seen
taking (false errors), with the calls it refused on them too.

With -write-rules DIR it writes DIR/observed-severities.yaml, a rule
overlay (a severities section) that lowers those rules to warnings with
basis observed, each entry citing the counts it rests on; the file is
checked as rules lint checks it before it is kept. Load it with
-rules DIR (check, serve) or contactlint.WithRulesDir.

Give rotated logs too (FILE FILE.1 …, and the FILE.rotating a failed
rotation left). Exit codes: 0 done; 2 usage, a log that cannot be read,
or no record in the logs.

Flags:
`

type calibrateConfig struct {
	engine     engineFlags
	format     string
	writeRules string
	minCount   int
}

func runCalibrate(args []string, stdout, stderr io.Writer) int {
	var c calibrateConfig
	fl := newFlagSet("calibrate", calibrateUsage, stderr)
	c.engine.register(fl, false)
	choiceVar(fl, &c.format, "format", []string{"text", "json"}, "output `format`: text or json")
	fl.StringVar(&c.writeRules, "write-rules", "", "write a rule overlay lowering the rules the API was seen taking into this directory")
	fl.IntVar(&c.minCount, "min-count", 1, "how many calls the API must have been seen taking before a rule is lowered")
	files, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code
	}
	var bad string
	switch {
	case len(files) == 0:
		bad = "name the disagreement logs to read"
	case c.minCount < 1:
		bad = "-min-count is 1 or more"
	}
	if bad != "" {
		fmt.Fprintln(stderr, "contactlint calibrate:", bad)
		return exitTrouble
	}
	s := newCalSummary()
	if err := readLogs(files, s); err != nil {
		fmt.Fprintln(stderr, "contactlint calibrate:", err)
		return exitTrouble
	}
	if s.Calls == 0 {
		fmt.Fprintf(stderr, "contactlint calibrate: no record in %v (%d lines not read)\n", files, s.Unread)
		return exitTrouble
	}
	eng, ok := c.engine.load("calibrate", stderr)
	if !ok {
		return exitTrouble
	}
	s.sortOut()
	s.choose(eng, c.minCount)
	if c.writeRules != "" && !c.write(s, stdout, stderr) {
		return exitTrouble
	}
	if c.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		return exitOK
	}
	s.writeText(stdout)
	return exitOK
}

// write writes the overlay and holds it to rules lint, over the embedded
// rules and -rules: it must load and compile without a diagnostic.
func (c *calibrateConfig) write(s *calSummary, stdout, stderr io.Writer) bool {
	data := s.overlay(time.Now().UTC().Format("2006-01-02"))
	if data == nil {
		fmt.Fprintln(stderr, "contactlint calibrate: no rule to lower: nothing written")
		return true
	}
	// Linted as the directory would be with it, before anything is
	// written: an overlay that does not lint clean never replaces one that
	// did (a hand-edited one, perhaps).
	dirFS, err := withOverlay(c.writeRules, data)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint calibrate: -write-rules:", err)
		return false
	}
	sources := []tldspec.Source{{Name: rules.Name, FS: rules.FS()}}
	for _, d := range c.engine.rulesDirs.values {
		if filepath.Clean(d) != filepath.Clean(c.writeRules) {
			sources = append(sources, tldspec.Source{Name: d, FS: os.DirFS(d)})
		}
	}
	sources = append(sources, tldspec.Source{Name: c.writeRules, FS: dirFS})
	if diags := lintRules(sources); len(diags) > 0 {
		fmt.Fprintf(stderr, "contactlint calibrate: the overlay did not lint clean, and was not written:\n%v\n", diags)
		return false
	}
	path := filepath.Join(c.writeRules, overlayName)
	if err := os.MkdirAll(c.writeRules, 0o755); err != nil {
		fmt.Fprintln(stderr, "contactlint calibrate: -write-rules:", err)
		return false
	}
	if err := writeFileAtomic(path, data); err != nil {
		fmt.Fprintln(stderr, "contactlint calibrate: -write-rules:", err)
		return false
	}
	fmt.Fprintf(stderr, "contactlint calibrate: wrote %s\n", path)
	return true
}

// writeText prints the summary for a person.
func (s *calSummary) writeText(w io.Writer) {
	fmt.Fprintf(w, "%d calls compared in %d log(s), %s to %s", s.Calls, len(s.Logs), s.From, s.To)
	if s.Unread > 0 {
		fmt.Fprintf(w, " (%d lines not read)", s.Unread)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "\nAgreement with the live API (agreed/compared):")
	for _, t := range []struct {
		name string
		m    map[string]*rate
	}{{"command", s.ByCommand}, {"type", s.ByType}, {"tld", s.ByTLD}} {
		for _, k := range keys(t.m) {
			fmt.Fprintf(w, "  %-8s %-24s %s\n", t.name, k, t.m[k])
		}
	}
	fmt.Fprintln(w, "\nDisagreements (outcome, field, our code):")
	if len(s.Classes) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, c := range s.Classes {
		fmt.Fprintf(w, "  %-18s %-14s %-16s %4d  e.g. %s\n", c.Outcome, c.Field, c.Code, c.Count, example(c.Example))
	}
	s.writeUnknown(w)
	fmt.Fprintln(w, "\nRules the API was seen taking (-write-rules lowers them: their refusal is not certain):")
	if len(s.Lower) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, l := range s.Lower {
		if l.Taken == 0 {
			continue
		}
		verdict := "lower to a warning"
		if !l.Write {
			verdict = "kept: fewer calls than -min-count, or not a rule of these rules"
		}
		fmt.Fprintf(w, "  %s on %s: taken %d, refused %d: %s\n", l.Code, l.Param, l.Taken, l.Refused, verdict)
	}
}

// writeUnknown prints the API's unknown messages as catalogue entries.
func (s *calSummary) writeUnknown(w io.Writer) {
	fmt.Fprintln(w, "\nThe API's messages the catalogue does not word (add them with source observed):")
	if len(s.Unknown) == 0 {
		fmt.Fprintln(w, "  none")
		return
	}
	fmt.Fprintln(w, "  messages:")
	for i, u := range s.Unknown {
		text, _ := json.Marshal(u.Text)
		fmt.Fprintf(w, "    observed-%d:\n      text: %s\n      source: observed\n      ref: seen %d time(s) from the live API on %v (contactlint calibrate)\n", i+1, text, u.Count, u.Fields)
	}
}
