package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// junitPrinter writes JUnit XML as Jenkins and GitLab read it (the
// schema in conformance/testdata): a testsuite per input, a testcase per
// request, a failure per error, warnings as the testcase's system-out, an
// unreadable request as an error. A suite's counts come before its cases,
// so each suite is held until its input ends — in memory, or past
// junitSpoolLimit in a temporary file.
type junitPrinter struct {
	w     *bufio.Writer
	suite *junitSuite
	total struct{ tests, failures, errors int }
	began bool
	err   error
	spool int // junitSpoolLimit unless set (tests)
}

const junitSpoolLimit = 8 << 20

type junitSuite struct {
	limit                   int
	name                    string
	tests, failures, errors int
	buf                     bytes.Buffer
	file                    *os.File // the cases, once buf outgrew junitSpoolLimit
}

func (s *junitSuite) Write(p []byte) (int, error) {
	if s.file != nil {
		return s.file.Write(p)
	}
	if s.buf.Len()+len(p) <= s.limit {
		return s.buf.Write(p)
	}
	f, err := os.CreateTemp("", "contactlint-junit-*")
	if err != nil {
		return 0, err
	}
	os.Remove(f.Name()) // gone when closed
	s.file = f
	if _, err := s.buf.WriteTo(f); err != nil {
		return 0, err
	}
	return f.Write(p)
}

func (p *junitPrinter) Print(r *record) error {
	if p.suite != nil && p.suite.name != r.file {
		p.flush()
	}
	if p.suite == nil {
		p.suite = &junitSuite{name: r.file, limit: junitSpoolLimit}
		if p.spool > 0 {
			p.suite.limit = p.spool
		}
	}
	s := p.suite
	s.tests++
	name := fmt.Sprintf("line %d", r.line)
	if r.contactID != "" {
		name += ", contact " + r.contactID
	}
	fmt.Fprintf(s, "    <testcase name=\"%s\" classname=\"%s\">", xmlAttr(name), xmlAttr(r.file))
	var out strings.Builder
	failed := false
	switch {
	case r.err != nil:
		s.errors++
		fmt.Fprintf(s, "\n      <error type=\"input\" message=\"%s\"></error>", xmlAttr("the request could not be read: "+r.err.Error()))
	default:
		for _, v := range r.violations() {
			where := v.Field
			if v.Role != "" {
				where = v.Role + ": " + where
			}
			if v.Severity == engine.Warning {
				fmt.Fprintf(&out, "warning %s: %s (%s)%s\n", where, v.Message, v.Code, fixNote(v))
				continue
			}
			failed = true
			detail := fmt.Sprintf("%s (%s, %s)%s", where, v.Code, v.Rule, fixNote(v))
			fmt.Fprintf(s, "\n      <failure type=\"%s\" message=\"%s\">%s</failure>", xmlAttr(v.Code), xmlAttr(where+": "+v.Message), xmlText(detail))
		}
	}
	if failed {
		s.failures++
	}
	if out.Len() > 0 {
		fmt.Fprintf(s, "\n      <system-out>%s</system-out>", xmlText(out.String()))
	}
	if r.err != nil || failed || out.Len() > 0 {
		io.WriteString(s, "\n    ")
	}
	io.WriteString(s, "</testcase>\n")
	return nil
}

// fixNote is what follows a violation's message in text, annotations
// and JUnit: its fix, and what would pass.
func fixNote(v engine.Violation) string {
	note := ""
	if v.Fix != "" {
		note = fmt.Sprintf(" (fix: %q)", v.Fix)
	}
	if v.Expected != "" {
		note += " (expected: " + v.Expected + ")"
	}
	return note
}

// flush writes the suite held so far.
func (p *junitPrinter) flush() {
	s := p.suite
	p.suite = nil
	if s == nil {
		return
	}
	p.head()
	p.total.tests += s.tests
	p.total.failures += s.failures
	p.total.errors += s.errors
	fmt.Fprintf(p.w, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">\n", xmlAttr(s.name), s.tests, s.failures, s.errors)
	if s.file != nil {
		if _, err := s.file.Seek(0, io.SeekStart); err == nil {
			_, err = io.Copy(p.w, s.file)
			p.setErr(err)
		} else {
			p.setErr(err)
		}
		s.file.Close()
	} else {
		s.buf.WriteTo(p.w)
	}
	p.w.WriteString("  </testsuite>\n")
}

func (p *junitPrinter) setErr(err error) {
	if p.err == nil {
		p.err = err
	}
}

// head writes the document's start once. The totals of testsuites would
// need every suite first; they are left out (the schema makes them
// optional, and Jenkins and GitLab add up the suites).
func (p *junitPrinter) head() {
	if !p.began {
		p.began = true
		p.w.WriteString(xml.Header + "<testsuites name=\"contactlint\">\n")
	}
}

func (p *junitPrinter) Close() error {
	p.flush()
	p.head()
	p.w.WriteString("</testsuites>\n")
	if err := p.w.Flush(); err != nil {
		return err
	}
	return p.err
}

// xmlAttr escapes an attribute value: EscapeText escapes quotes and line
// breaks too, and makes characters XML cannot carry at all (most control
// characters) U+FFFD.
func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmlText escapes character data, its line breaks kept as they are.
func xmlText(s string) string {
	return strings.ReplaceAll(xmlAttr(s), "&#xA;", "\n")
}
