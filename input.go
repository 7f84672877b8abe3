package contactlint

import (
	"io"
	"strings"

	"github.com/contactlint/contactlint/internal/input"
)

// ReadRequests reads the requests of r, as contactlint check reads a
// file: format is jsonl, json, yaml, csv, tsv or query ("" to tell from
// the content). Each request is handed to fn in input order with the line
// it starts on: a single contact's (req), or a contact set's (set; req
// then holds only its envelope); one that cannot be read comes with err,
// and reading goes on (an *UndecodedError comes with a request that was
// read, in part: see below). The error is for the input as a whole: an unknown format, or r
// failing. Exported contacts (contacts/details, contacts/search) are read
// with eng's field keys; eng may be nil for the default engine.
//
// A query line with parameters whose %-escapes cannot be decoded comes
// with the request read without them (as the sidecar checks such a call)
// and an *UndecodedError naming them: written back, that request would
// lose them.
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
	return input.Read(r, f, input.Options{Keys: input.ExportKeys(eng), Secret: eng.MayHoldSecret}, func(line int, decode func() (input.Decoded, error), err error) {
		if err != nil {
			fn(line, Request{}, nil, err)
			return
		}
		d, err := decode()
		if d.Trailer {
			return // comment lines, no request
		}
		if err == nil && len(d.Unread) > 0 {
			err = &UndecodedError{Params: d.Unread}
		}
		fn(line, d.Req, d.Set, err)
	})
}

// UndecodedError names the parameters of a request left out because
// their %-escapes could not be decoded ("(undecodable-name)" for one
// whose name could not be): the request was read without them.
type UndecodedError struct {
	Params []string
}

func (e *UndecodedError) Error() string {
	return "parameters " + strings.Join(e.Params, ", ") + " could not be decoded (a malformed %-escape); the request was read without them"
}
