package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// githubPrinter writes GitHub Actions workflow commands: an annotation
// per violation, ::error file=F,line=L,title=code::field: message, for the
// first limit of each input file — GitHub shows only 10 errors and 10
// warnings of a step, so the rest of a large export would be lost — and a
// notice of how many more. With summaryPath ($GITHUB_STEP_SUMMARY) every
// violation also goes into a Markdown table of the job's summary.
type githubPrinter struct {
	w           *bufio.Writer
	limit       int
	summaryPath string

	file    string
	shown   int // annotations of file so far
	omitted map[string]int
	files   []string // with omitted annotations, in order

	rows    strings.Builder // the summary's table rows
	nRows   int
	counts  struct{ errors, warnings, unreadable int }
	dropped int // rows beyond maxSummaryRows
}

// GitHub takes a job summary of up to 1 MiB; a table row is ~150 bytes.
const maxSummaryRows = 5000

func (p *githubPrinter) Print(r *record) error {
	if r.file != p.file {
		p.file, p.shown = r.file, 0
	}
	if r.err != nil {
		p.counts.unreadable++
		p.annotate("error", r, "input", "the request could not be read: "+r.err.Error())
		p.row(r, "error", "input", "request", "the request could not be read: "+r.err.Error())
		return nil
	}
	for _, v := range r.violations() {
		level := "error"
		if v.Severity == engine.Warning {
			level = "warning"
			p.counts.warnings++
		} else {
			p.counts.errors++
		}
		msg := v.Field + ": " + v.Message
		if v.Role != "" {
			msg = v.Role + ": " + msg
		}
		msg += fixNote(v)
		p.annotate(level, r, v.Code, msg)
		p.row(r, level, v.Code, v.Field, msg)
	}
	return nil
}

func (p *githubPrinter) annotate(level string, r *record, title, msg string) {
	if p.shown >= p.limit {
		if p.omitted == nil {
			p.omitted = map[string]int{}
		}
		if p.omitted[r.file] == 0 {
			p.files = append(p.files, r.file)
		}
		p.omitted[r.file]++
		return
	}
	p.shown++
	props := "file=" + ghProperty(r.file)
	if r.line > 0 {
		props += fmt.Sprintf(",line=%d", r.line)
	}
	props += ",title=" + ghProperty(title)
	fmt.Fprintf(p.w, "::%s %s::%s\n", level, props, ghData(msg))
}

func (p *githubPrinter) row(r *record, level, code, field, msg string) {
	if p.summaryPath == "" {
		return
	}
	if p.nRows >= maxSummaryRows {
		p.dropped++
		return
	}
	p.nRows++
	fmt.Fprintf(&p.rows, "| %s | %d | %s | %s | `%s` | %s |\n", mdCell(r.file), r.line, level, mdCell(field), mdCell(code), mdCell(msg))
}

func (p *githubPrinter) Close() error {
	for _, f := range p.files {
		more := "the job summary lists them"
		if p.summaryPath == "" {
			more = "-format text or sarif lists them"
		}
		fmt.Fprintf(p.w, "::notice file=%s,title=contactlint::%d more violations in this file were not annotated (GitHub shows 10 errors and 10 warnings a step); %s\n", ghProperty(f), p.omitted[f], more)
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if p.summaryPath == "" {
		return nil
	}
	f, err := os.OpenFile(p.summaryPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "## contactlint\n\n%d errors, %d warnings, %d requests that could not be read.\n\n", p.counts.errors, p.counts.warnings, p.counts.unreadable)
	if p.nRows > 0 {
		bw.WriteString("| file | line | severity | field | code | message |\n|---|---:|---|---|---|---|\n")
		bw.WriteString(p.rows.String())
	}
	if p.dropped > 0 {
		fmt.Fprintf(bw, "\n…and %d more (the summary's size is bounded); -format csv or sarif lists every one.\n", p.dropped)
	}
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// mdCell makes text safe in a Markdown table cell: no pipes or line
// breaks, no HTML, no control characters.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;").Replace(printable(s))
}

// ghData escapes an annotation's message as the runner reads it, and the
// other control characters as the text output does.
func ghData(s string) string {
	return printable(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

// ghProperty escapes a property value: also the separators : and ,.
func ghProperty(s string) string {
	return printable(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}
