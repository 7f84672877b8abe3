package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// githubPrinter writes GitHub Actions workflow commands, one annotation
// per violation: ::error file=F,line=L,title=code::field: message.
type githubPrinter struct{ w *bufio.Writer }

func (p *githubPrinter) Print(r *record) error {
	if r.err != nil {
		p.annotate("error", r, "input", "the request could not be read: "+r.err.Error())
		return nil
	}
	for _, v := range r.violations() {
		level := "error"
		if v.Severity == engine.Warning {
			level = "warning"
		}
		msg := v.Field + ": " + v.Message
		if v.Role != "" {
			msg = v.Role + ": " + msg
		}
		if v.Fix != "" {
			msg += fmt.Sprintf(" (fix: %q)", v.Fix)
		}
		p.annotate(level, r, v.Code, msg)
	}
	return nil
}

func (p *githubPrinter) annotate(level string, r *record, title, msg string) {
	props := "file=" + ghProperty(r.file)
	if r.line > 0 {
		props += fmt.Sprintf(",line=%d", r.line)
	}
	props += ",title=" + ghProperty(title)
	fmt.Fprintf(p.w, "::%s %s::%s\n", level, props, ghData(msg))
}

func (p *githubPrinter) Close() error { return p.w.Flush() }

// ghData escapes an annotation's message as the runner reads it, and the
// other control characters as the text output does.
func ghData(s string) string {
	return printable(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

// ghProperty escapes a property value: also the separators : and ,.
func ghProperty(s string) string {
	return printable(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}
