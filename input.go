package contactlint

import (
	"io"

	"github.com/contactlint/contactlint/internal/input"
)

// ReadRequests reads the requests of r, as contactlint check reads a
// file: format is jsonl, json, yaml, csv, tsv or query ("" to tell from
// the content). Each request is handed to fn in input order with the line
// it starts on: a single contact's (req), or a contact set's (set; req
// then holds only its envelope); one that cannot be read comes with err,
// and reading goes on. The error is for the input as a whole: an unknown format, or r
// failing. Exported contacts (contacts/details, contacts/search) are read
// with eng's field keys; eng may be nil for the default engine.
func ReadRequests(r io.Reader, format string, eng *Engine, fn func(line int, req Request, set *SetRequest, err error)) error {
	f, err := input.ParseFormat(format) // "" is FormatAuto
	if err != nil {
		return err
	}
	if eng == nil {
		if eng, err = Default(); err != nil {
			return err
		}
	}
	return input.Read(r, f, input.Options{Keys: input.ExportKeys(eng)}, func(line int, decode func() (input.Decoded, error), err error) {
		if err != nil {
			fn(line, Request{}, nil, err)
			return
		}
		d, err := decode()
		fn(line, d.Req, d.Set, err)
	})
}
