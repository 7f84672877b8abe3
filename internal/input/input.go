// Package input reads requests as operators keep them — JSON Lines, JSON,
// YAML, CSV and TSV, query strings, exported contacts — each with the line
// it starts on, and a record naming its line for one that cannot be read.
// The CLI's check and fix read through it; contactlint.ReadRequests is
// its public face.
package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/contactlint/contactlint/internal/apihttp"
)

// MaxRequest bounds one request: the sidecar's body limit, and far
// beyond any real contact. A longer line is reported, not read.
const MaxRequest = apihttp.MaxBody

// Error is a request that could not be read. The other requests of
// the input are still checked. line, when set, is where reading broke.
type Error struct {
	Line int
	msg  string
	// Raw holds the bytes of a record that could not be read, when they
	// are known (a JSON value left open): fix writes them back as they
	// were.
	Raw []byte
	// spill holds the bytes of a request over the size limit, when the
	// reader was asked to keep them (contactlint fix writes them back);
	// Layout, where it was.
	Spill  *SpillFile
	Layout Layout
}

func (e *Error) Error() string { return e.msg }

func Errorf(format string, args ...any) error {
	return &Error{msg: fmt.Sprintf(format, args...)}
}

// emitFunc receives each JSON request's starting line and raw bytes, or
// the reason it could not be read, and its place among the lines.
type emitFunc func(line int, data []byte, err error, lay Layout)

// Layout is where a request sits among the lines of a line-based input,
// so that fix writes it back in its place: the blank lines before it, as
// they were, and its own line end. The zero layout is one line, "\n".
type Layout struct {
	Lead []byte // blank lines before the request, with their line ends
	End  string // "\n" or "\r\n"; "" when not known, or at an end without one
	// Part: the request is one of a contacts/search page's contacts, read
	// from one JSON value it cannot be written back into as it came.
	Part bool
}

// ItemFunc receives each request's starting line and how to decode it, or
// the reason it could not be read. decode is safe to call later, on
// another goroutine.
type ItemFunc func(line int, decode func() (Decoded, error), err error)

// Options are how Read reads: Keys maps the API's internal keys
// (emailaddr) to parameters, for exports; Spill, when set, keeps requests
// over the size limit (fix writes them back); Columns maps a CSV header.
type Options struct {
	Keys    map[string]string
	Spill   *Spiller
	Columns *Columns
	// Secret tells a name that may hold a credential, never named when a
	// query line's parameter cannot be decoded (engine.MayHoldSecret).
	Secret func(name string) bool
}

// ReadItems is Read handing over each request as an Item.
func ReadItems(r io.Reader, format Format, o Options, emit func(Item)) error {
	keys := o.Keys
	br := bufio.NewReaderSize(r, 64<<10)
	// A byte-order mark (spreadsheets and Windows editors write one) is
	// no part of any kind's content.
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3)
	}
	hint := ""
	if format == FormatAuto {
		var sure bool
		format, sure = detect(br)
		if !sure {
			hint = " (read as JSON Lines: the start of this input is no JSON object, YAML, CSV header or query string; -input names its kind)"
		}
	}
	jsonItem := func(line int, data []byte, err error, lay Layout) {
		h := hint
		hint = "" // said once, on the first record, which it explains
		if err != nil {
			var ie *Error
			if errors.As(err, &ie) {
				ie.Layout = lay
				ie.msg += h
			}
			emit(Item{Line: line, Err: err})
			return
		}
		if !bytes.Contains(data, []byte(searchPageKey)) {
			emit(Item{Line: line, Raw: data, Layout: lay, keys: keys, hint: h})
			return
		}
		parts := expandSearchExport(data)
		page := len(parts) != 1 || len(parts[0]) != len(data)
		for i, raw := range parts {
			lay := lay
			if i > 0 {
				lay = Layout{End: lay.End} // a search page's contacts: one line each
			}
			lay.Part = page
			emit(Item{Line: line, Raw: raw, Layout: lay, keys: keys, hint: h})
		}
	}
	other := func(line int, decode func() (Decoded, error), err error) {
		emit(Item{Line: line, Err: err, decode: decode})
	}
	k := format.kind()
	if k.read == nil { // FormatAuto not sniffed sure: JSON Lines
		k = FormatJSONL.kind()
	}
	return k.read(br, &reading{o: o, json: jsonItem, other: other})
}
