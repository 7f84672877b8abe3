package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/input"
)

const fixUsage = `Usage: contactlint fix [flags] FILE…|-

Writes each request back with every fix contactlint is sure of applied —
separators out of phone numbers and IDs, a leading +CC split into phone-cc
and phone, a spreadsheet's zero fraction (12345.0), country names to ISO
codes, codes and postal codes in the case and with the separator their
format wants, provinces spelt as the spec spells them — and reports on
standard error what it changed (a secret's value never). A fix is written
only when the fixed value passes its rule. It never changes a number's
value (1.5 stays 1.5), never deletes a postal code's character to make it
fit, and leaves what it is not sure of: a number whose phone-cc says
another country, a repeated parameter, a modification back to the current
value. Reads what check reads; writes JSON Lines (or query strings with
-format query; a contact set stays JSON). A request that cannot be read is
written back unchanged when it came as JSON; with -w, a file with one is
not rewritten at all. Exit codes: 0 every fixed request passes, 1 some
still has an error or could not be read, 2 usage or input trouble, or no
request found.

Inputs:
%s
Flags:
`

// change is one value contactlint fix changed.
type change = engine.Change

// changeLine is how fix reports a change: the values, unless the
// parameter is secret, and what the fix left out.
func changeLine(c change) string {
	var b strings.Builder
	if c.Role != "" {
		b.WriteString(c.Role + ": ")
	}
	if c.Secret {
		fmt.Fprintf(&b, "%s: changed, value not shown (secret) (%s)", c.Param, c.Code)
	} else {
		fmt.Fprintf(&b, "%s: %q -> %q (%s)", c.Param, c.From, c.To, c.Code)
	}
	if c.Dropped != "" {
		fmt.Fprintf(&b, "; warning: %q is left out: the API has no field for it", c.Dropped)
	}
	return b.String()
}

// fixOptions are fix's flags.
type fixOptions struct {
	format  string
	inPlace bool
	in      inputFlags
	engine  engineFlags
}

func newFixFlags(stderr io.Writer) (*flag.FlagSet, *fixOptions) {
	var o fixOptions
	fl := newFlagSet("fix", fmt.Sprintf(fixUsage, input.Help()), stderr)
	choiceVar(fl, &o.format, "format", []string{"jsonl", "query"}, "output `format`: jsonl, or query (one query string per request)")
	fl.BoolVar(&o.inPlace, "w", false, "write each JSON Lines, CSV or TSV file (or JSON file of objects) back in place, atomically, when something in it changed and every record of it was read; a file it may not or cannot rewrite is left as it was, exit 2")
	o.in.register(fl, "fixed")
	o.engine.register(fl, true)
	addConfigFlags(fl)
	return fl, &o
}

func runFix(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// The change report and the reader's notes share standard error from
	// two goroutines.
	stderr = &syncWriter{w: stderr}
	fl, o := newFixFlags(stderr)
	files, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code
	}
	inFormat, ok := o.in.validate(fl, files, stderr)
	if !ok {
		return exitTrouble
	}
	if o.inPlace && (slices.Contains(files, "-") || o.format != "jsonl") {
		fmt.Fprintln(stderr, "contactlint fix: -w rewrites files, as JSON Lines: not standard input, not with -format query")
		return exitTrouble
	}
	eng, ok := o.engine.load("fix", stderr)
	if !ok {
		return exitTrouble
	}
	dst := &fixOutput{stdout: bufio.NewWriter(stdout), inPlace: o.inPlace, stderr: stderr}
	if o.inPlace {
		defer dst.onSignal()()
	}
	pl := o.in.pipeline(eng, inFormat, stdin, stderr)
	pl.spill = &input.Spiller{}
	pl.transform = func(d input.Decoded, rec *record) { fixRecord(eng, d, rec, o.format == "query") }
	sum := newSummary(false)
	nChanges := 0
	pl.run(files, func(rec *record) {
		if rec.trailer { // no request: a query file's last comments
			if o.format == "query" {
				dst.writer(rec, pl).Write(rec.layout.Lead)
			}
			return
		}
		sum.add(rec)
		nChanges += writeFixed(rec, o, pl, dst, stderr)
	})
	dst.finish(pl)
	if !pl.nothingRead() && sum.found() {
		fmt.Fprintf(stderr, "%s; %d values changed\n", sum, nChanges)
	}
	return sum.exitCode(pl, "fix", files, stderr)
}

// writeFixed writes one record, fixed, to where it goes, reports its
// changes on stderr, and returns how many there were.
func writeFixed(rec *record, o *fixOptions, pl *pipeline, dst *fixOutput, stderr io.Writer) int {
	if rec.err != nil {
		writeUnread(rec, dst.writer(rec, pl), pl, o, stderr)
		return 0
	}
	where := fmt.Sprintf("%s:%d", rec.file, rec.line)
	if len(rec.unread) > 0 {
		fmt.Fprintf(stderr, "%s: not fixed: parameters %s could not be decoded (a malformed %%-escape), and a fix would lose them; written back unchanged\n", where, strings.Join(rec.unread, ", "))
	}
	line, err := fixedBytes(rec, o, pl.keys)
	if err != nil {
		fmt.Fprintf(stderr, "%s: not fixed: %v; written back as it was\n", where, err)
		rec.changes = nil
	}
	out := dst.writer(rec, pl)
	if out == discard {
		return 0 // a file -w leaves alone: its changes are not written, nor said as if they were
	}
	for _, c := range rec.changes {
		fmt.Fprintf(stderr, "%s: %s\n", where, changeLine(c))
	}
	if o.inPlace || rec.fixed.CSV == nil {
		out.Write(leadOf(rec, o)) // a CSV header is no line of JSON Lines
	}
	out.Write(line)
	out.WriteString(lineEnd(rec.layout))
	return len(rec.changes)
}

// fixedBytes is a fixed request as fix writes it: a query string with
// -format query; with -w, a CSV row with only its fixed cells replaced;
// else the request's own JSON with only the fixed values replaced, or,
// when its bytes are not known, written anew. The error says why a CSV
// row's or a JSON request's fixes cannot be written in place (it is then
// written as it was).
func fixedBytes(rec *record, o *fixOptions, keys map[string]string) ([]byte, error) {
	d := rec.fixed
	switch {
	case o.format == "query" && d.Set == nil:
		if d.Line != "" {
			// A query line: only its fixed pairs rewritten, every other
			// byte (its URL, escapes, spacing) as it came.
			var names []string
			for _, c := range rec.changes {
				if !slices.Contains(names, c.Param) {
					names = append(names, c.Param)
				}
			}
			return []byte(input.PatchQuery(*d, names)), nil
		}
		return []byte(engine.EncodeQuery(d.Req.Params)), nil
	case o.inPlace && d.CSV != nil:
		patched, err := patchCSV(*d, rec.changes)
		if err != nil {
			return d.CSV.Raw, err
		}
		return patched, nil
	}
	if d.Raw != nil && len(rec.changes) == 0 {
		return d.Raw, nil // nothing fixed: the record as it came
	}
	if patched, ok := input.PatchJSON(*d, rec.changes, keys); ok {
		return patched, nil
	}
	if d.Raw != nil {
		// Written anew, a JSON request would lose its nulls, numbers
		// and spacing: it goes back as it was, unfixed.
		return d.Raw, errors.New("its fixes cannot be placed in its JSON with certainty (a repeated key?)")
	}
	return input.EncodeRequest(*d), nil
}

// patchCSV is a CSV row with the cells fix changed replaced, every other
// byte as it was. A change with no cell of its own to go in (a joined
// column, a calling code the export has no column for) leaves the whole
// row as it was: half a fix (a number without its new calling code)
// would change the data.
func patchCSV(d input.Decoded, changes []change) ([]byte, error) {
	type edit struct {
		start, end int
		text       []byte
	}
	var edits []edit
	seen := map[string]bool{}
	for i, c := range changes {
		if seen[c.Param] {
			continue // the value fix ends with is the fixed request's
		}
		seen[c.Param] = true
		start, end, cell, quoted, ok := d.CSV.Cell(c.Param)
		if !ok || !c.Secret && c.Before == "" && cell != c.From {
			// No cell, or one whose text is not the value (a phone
			// split from +CC.NNNN, a quote undone): not written.
			return nil, fmt.Errorf("%s has no column of its own to write %s fix in", c.Param, changes[i].Code)
		}
		v, _ := d.Value("", c.Param)
		edits = append(edits, edit{start, end, input.QuoteCSV(v, d.CSV.Sep, quoted)})
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out := slices.Clone(d.CSV.Raw)
	for _, e := range edits {
		out = slices.Concat(out[:e.start], e.text, out[e.end:])
	}
	return out, nil
}

// writeUnread writes back a record that could not be read, as it was,
// when its bytes are known (JSON inputs) — one over the size limit from
// where it was kept meanwhile: nothing is lost.
func writeUnread(rec *record, out *bufio.Writer, pl *pipeline, o *fixOptions, stderr io.Writer) {
	where := fmt.Sprintf("%s:%d", rec.file, rec.line)
	if rec.query && o.format != "query" {
		// A query line is no line of JSON Lines (-format query carries
		// JSON lines: contact sets, and records as they came).
		var ie *input.Error
		if errors.As(rec.err, &ie) && ie.Spill != nil {
			ie.Spill.CopyTo(io.Discard) // and removes it
		}
		fmt.Fprintf(stderr, "%s: input: %v (not written: -format %s cannot carry it as it came)\n", where, rec.err, o.format)
		return
	}
	var ie *input.Error
	if errors.As(rec.err, &ie) && ie.Raw != nil {
		rec.raw = ie.Raw // a JSON value left open, as it was
	}
	if errors.As(rec.err, &ie) && ie.Spill != nil {
		fmt.Fprintf(stderr, "%s: input: %v (written back unchanged)\n", where, rec.err)
		out.Write(leadOf(rec, o))
		if err := ie.Spill.CopyTo(out); err != nil {
			pl.fail(where, err)
		}
		out.WriteString(lineEnd(rec.layout))
		return
	}
	if kind := input.FormatOf(rec.file, pl.format); !o.inPlace && (kind == input.FormatCSV || kind == input.FormatTSV) {
		rec.raw = nil // a CSV row is no line of the JSON Lines written
	}
	if rec.raw == nil {
		fmt.Fprintf(stderr, "%s: input: %v\n", where, rec.err)
		return
	}
	fmt.Fprintf(stderr, "%s: input: %v (written back unchanged)\n", where, rec.err)
	var c bytes.Buffer
	if !rec.query && bytes.ContainsAny(rec.raw, "\r\n") && json.Compact(&c, rec.raw) == nil {
		rec.raw = c.Bytes() // a JSON array's member on several lines: one line
	}
	out.Write(leadOf(rec, o))
	out.Write(rec.raw)
	out.WriteString(lineEnd(rec.layout))
}

// fixRecord applies the engine's fixes to a decoded request, and keeps
// the fixed request, its changes and its result on the record.
func fixRecord(eng *contactlint.Engine, d input.Decoded, rec *record, queryOut bool) {
	if len(d.Unread) > 0 {
		// Written back without them, they would be lost: no fix at all.
		// As a query line it goes back as it came, with check's verdict;
		// JSON Lines cannot carry it.
		if queryOut {
			rec.fixed, rec.res = &d, eng.Check(d.Req)
			return
		}
		rec.err = input.Errorf("parameters %s could not be decoded (a malformed %%-escape), so contactlint cannot fix the request without losing them", strings.Join(d.Unread, ", "))
		rec.raw, rec.query = []byte(d.Line), true
		return
	}
	fixed := d
	if d.Set != nil {
		set, changes, res := eng.FixSet(*d.Set)
		fixed.Set, rec.changes, rec.set = &set, changes, &res
	} else {
		fixed.Req, rec.changes, rec.res = eng.Fix(d.Req)
	}
	rec.fixed = &fixed
}

// leadOf is what goes before a record: the blank lines before it, and a
// query file's comment lines where they fit (-format query), never in
// JSON Lines.
func leadOf(rec *record, o *fixOptions) []byte {
	l := rec.layout.Lead
	if !rec.query || o.format == "query" || !bytes.Contains(l, []byte("#")) {
		return l
	}
	var out []byte
	for line := range bytes.Lines(l) {
		if t := bytes.TrimSpace(line); len(t) == 0 || t[0] != '#' {
			out = append(out, line...)
		}
	}
	return out
}

// lineEnd is the line end a request came with; "\n" when none is known.
func lineEnd(l input.Layout) string {
	if l.End == "" {
		return "\n"
	}
	return l.End
}
