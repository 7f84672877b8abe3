package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSV is read by a scanner of its own rather than encoding/csv: a quoted
// cell keeps its CR LF (encoding/csv makes it LF), and each cell's bytes
// are kept, so that fix -w changes only the cells it fixes and writes
// every other byte back as it was.
//
// An empty cell is a parameter not given; a quoted empty cell ("") is the
// parameter given empty.

// csvCell is one cell: its value, and where its bytes are in the record.
type csvCell struct {
	value      string
	start, end int // the cell's bytes in Record.Raw, quotes included
	quoted     bool
}

// CSVRecord is a CSV row as read: its bytes (without its line end), its
// cells, and the header it is read by. fix rewrites a cell in place.
type CSVRecord struct {
	Raw    []byte
	Sep    byte
	cells  []csvCell
	header []string // the parameter each column fills ("" for none)
}

// Cell returns where the cell of param is in Raw, its value and whether
// it is quoted; ok is false when no single column holds it.
func (r *CSVRecord) Cell(param string) (start, end int, value string, quoted, ok bool) {
	at := -1
	for i, h := range r.header {
		if h == param {
			if at >= 0 {
				return 0, 0, "", false, false
			}
			at = i
		}
	}
	if at < 0 || at >= len(r.cells) {
		return 0, 0, "", false, false
	}
	c := r.cells[at]
	return c.start, c.end, c.value, c.quoted, true
}

// QuoteCSV writes v as a CSV cell: quoted when the cell was, or when v
// holds the separator, a quote, a line end or surrounding spaces.
func QuoteCSV(v string, sep byte, quoted bool) []byte {
	if !quoted && !strings.ContainsAny(v, string(sep)+"\"\r\n") && strings.TrimSpace(v) == v {
		return []byte(v)
	}
	return []byte(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
}

// csvScanner splits CSV input into records (RFC 4180: quoted cells may
// hold separators, quotes doubled, and line ends).
type csvScanner struct {
	br   *bufio.Reader
	sep  byte
	line int // the line the next record starts on
	lead []byte
}

// errCSVTooLong stops a CSV input: a record cannot be resynchronised
// after one this long.
var errCSVTooLong = errors.New("a CSV record is longer than 1 MiB (1048576 bytes); the rest of this input is not read")

// next reads a record. A record that breaks the format (a quote in an
// unquoted cell, text after a closing quote, a quote never closed) comes
// back with err set and the scanner past it: reading goes on.
func (s *csvScanner) next() (rec csvRow, err error) {
	for {
		rec, err = s.scan()
		if err != nil || len(rec.raw) > 0 || rec.end == "" {
			return rec, err
		}
		// A blank line: kept as part of the next record's lead.
		s.lead = append(s.lead, rec.end...)
	}
}

// csvRow is one physical record as scanned.
type csvRow struct {
	line  int
	lead  []byte // blank lines (and the header) before it, as they were
	raw   []byte
	end   string
	cells []csvCell
	bad   string // why the record breaks the format, or ""
}

func (s *csvScanner) scan() (csvRow, error) {
	row := csvRow{line: s.line}
	var raw []byte
	var cell []byte
	start, quoted, inQuotes, afterQuote := 0, false, false, false
	finish := func() {
		row.cells = append(row.cells, csvCell{value: string(cell), start: start, end: len(raw), quoted: quoted})
		cell, quoted, afterQuote = cell[:0], false, false
		start = len(raw) + 1
	}
	for {
		c, err := s.br.ReadByte()
		if errors.Is(err, io.EOF) {
			if inQuotes && row.bad == "" {
				row.bad = "a quoted cell is not closed"
			}
			if len(raw) > 0 || len(row.cells) > 0 {
				finish()
			}
			row.raw = raw
			row.lead, s.lead = s.lead, nil
			return row, nil
		}
		if err != nil {
			return row, err
		}
		if len(raw) > MaxRequest {
			return row, errCSVTooLong
		}
		if c == '\n' {
			s.line++
		}
		switch {
		case inQuotes && c == '"':
			if p, _ := s.br.Peek(1); len(p) == 1 && p[0] == '"' {
				s.br.ReadByte()
				raw = append(raw, '"', '"')
				cell = append(cell, '"')
				continue
			}
			inQuotes, afterQuote = false, true
			raw = append(raw, c)
		case inQuotes:
			raw = append(raw, c)
			cell = append(cell, c) // a line end in a quoted cell, as it is
		case c == '\n' || c == '\r' && peekIs(s.br, '\n'):
			if c == '\r' {
				s.br.ReadByte()
				s.line++
				row.end = "\r\n"
			} else {
				row.end = "\n"
			}
			if len(raw) > 0 || len(row.cells) > 0 {
				finish()
			}
			row.raw = raw
			if len(raw) > 0 {
				row.lead, s.lead = s.lead, nil
			}
			return row, nil
		case c == s.sep:
			raw = append(raw, c)
			row.cells = append(row.cells, csvCell{value: string(cell), start: start, end: len(raw) - 1, quoted: quoted})
			cell, quoted, afterQuote = cell[:0], false, false
			start = len(raw)
		case c == '"' && len(raw) == start && !afterQuote:
			inQuotes, quoted = true, true
			raw = append(raw, c)
		case c == '"' && row.bad == "":
			row.bad = `a quote (") inside a cell that is not quoted`
			raw, cell = append(raw, c), append(cell, c)
		case afterQuote && row.bad == "":
			row.bad = "text after a quoted cell's closing quote"
			raw, cell = append(raw, c), append(cell, c)
		default:
			raw, cell = append(raw, c), append(cell, c)
		}
	}
}

func peekIs(br *bufio.Reader, c byte) bool {
	p, _ := br.Peek(1)
	return len(p) == 1 && p[0] == c
}

// readCSV reads a header row of parameter names (mapped by cols, when
// given), then a request per row. sep 0 is sniffed from the header:
// comma, semicolon or tab.
func readCSV(br *bufio.Reader, sep byte, cols *Columns, emit ItemFunc) error {
	if sep == 0 {
		sep = ','
		if first, _ := br.Peek(br.Size()); len(first) > 0 {
			line, _, _ := bytes.Cut(first, []byte("\n"))
			switch {
			case bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")):
				sep = ';'
			case bytes.Count(line, []byte("\t")) > bytes.Count(line, []byte(",")):
				sep = '\t'
			}
		}
	}
	s := &csvScanner{br: br, sep: sep, line: 1}
	head, err := s.next()
	if errors.Is(err, errCSVTooLong) {
		return &Error{Line: 1, msg: errCSVTooLong.Error()}
	}
	if err != nil {
		return err
	}
	if len(head.raw) == 0 {
		return nil
	}
	if head.bad != "" {
		return &Error{Line: head.line, msg: "invalid CSV header: " + head.bad}
	}
	names := make([]string, len(head.cells))
	for i, c := range head.cells {
		names[i] = strings.TrimSpace(c.value)
		if names[i] == "" {
			return &Error{Line: 1, msg: fmt.Sprintf("CSV header: column %d has no name", i+1)}
		}
	}
	m, err := cols.mapHeader(names)
	if err != nil {
		return &Error{Line: 1, msg: err.Error()}
	}
	// The header is part of the first record's lead: fix writes it back.
	lead := append(append(head.lead, head.raw...), head.end...)
	for {
		row, err := s.next()
		if errors.Is(err, errCSVTooLong) {
			return &Error{Line: row.line, msg: errCSVTooLong.Error()}
		}
		if err != nil {
			return err
		}
		if len(row.raw) == 0 {
			return nil
		}
		row.lead = append(lead, row.lead...)
		lead = nil
		lay := Layout{Lead: row.lead, End: row.end}
		switch {
		case row.bad != "":
			emit(row.line, nil, &Error{msg: "invalid CSV: " + row.bad, Layout: lay, Raw: row.raw})
			continue
		case len(row.cells) != len(names):
			emit(row.line, nil, &Error{msg: fmt.Sprintf("invalid CSV: %d cells where the header has %d", len(row.cells), len(names)), Layout: lay, Raw: row.raw})
			continue
		}
		rec := &CSVRecord{Raw: row.raw, Sep: sep, cells: row.cells, header: m.params}
		req := m.request(row.cells)
		emit(row.line, func() (Decoded, error) { return Decoded{Req: req, CSV: rec, Layout: lay}, nil }, nil)
	}
}
