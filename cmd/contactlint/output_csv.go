package main

import (
	"bufio"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// csvPrinter writes a row per violation, for spreadsheets: where it is,
// what, and the fix. A request that passes with no warning has no row; an
// unreadable one has a row of code "input".
type csvPrinter struct {
	w   *bufio.Writer
	cw  *csv.Writer
	hdr bool
}

var csvHeader = []string{"file", "line", "index", "contact-id", "role", "field", "param", "code", "severity", "message", "fix", "expected"}

func newCSVPrinter(w *bufio.Writer) *csvPrinter { return &csvPrinter{w: w, cw: csv.NewWriter(w)} }

func (p *csvPrinter) Print(r *record) error {
	if !p.hdr {
		p.hdr = true
		p.cw.Write(csvHeader)
	}
	row := func(v engine.Violation) error {
		return p.cw.Write([]string{cell(r.file), strconv.Itoa(r.line), strconv.Itoa(r.index), cell(r.contactID), v.Role, v.Field, v.Param, v.Code, v.Severity.String(), cell(v.Message), cell(v.Fix), cell(v.Expected)})
	}
	if r.err != nil {
		return row(engine.Violation{Field: "request", Code: "input", Severity: engine.Error, Message: "the request could not be read: " + r.err.Error()})
	}
	for _, v := range r.violations() {
		if err := row(v); err != nil {
			return err
		}
	}
	return nil
}

func (p *csvPrinter) Close() error {
	if !p.hdr {
		p.cw.Write(csvHeader)
	}
	p.cw.Flush()
	if err := p.cw.Error(); err != nil {
		return err
	}
	return p.w.Flush()
}

// cell guards a value from an untrusted export against a spreadsheet
// reading it as a formula (=, +, -, @ first): a leading apostrophe, as
// OWASP's CSV-injection advice has it.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
