package input

import (
	"bytes"
	"errors"
	"io"

	"github.com/contactlint/contactlint/engine"
)

// Item is one request as read, or the reason it could not be read (Err).
// A JSON request comes as its bytes, for a caller to keep as it likes
// and decode later (Decode): the CLI copies them into storage it reuses,
// rather than a copy of each and a closure to decode it. The other kinds
// come with their own way to decode.
type Item struct {
	Line int
	Err  error
	// Raw is a JSON request's bytes. They are the reader's, valid only
	// while the function given the item runs: one who decodes later keeps
	// a copy and points Raw at it.
	Raw    []byte
	Layout Layout
	keys   map[string]string
	hint   string                  // added to the message of a request that cannot be decoded
	decode func() (Decoded, error) // the other kinds'
}

// JSON reports whether the item is a JSON request's bytes (Raw).
func (it *Item) JSON() bool { return it.Err == nil && it.decode == nil }

// Decode decodes the item: a JSON request with the members of its
// objects split in sc and its parameters and TLDs put in st (either may
// be nil), so that a caller reusing them decodes without allocating
// beyond the request's one string.
func (it *Item) Decode(sc *Scratch, st *Storage) (Decoded, error) {
	if it.Err != nil {
		return Decoded{}, it.Err
	}
	if it.decode != nil {
		return it.decode()
	}
	d, err := decode(it.Raw, it.keys, sc, st)
	d.Raw, d.Layout = it.Raw, it.Layout
	if err != nil && it.hint != "" {
		addHint(err, it.hint)
	}
	return d, err
}

func addHint(err error, hint string) {
	var ie *Error
	if errors.As(err, &ie) {
		ie.msg += hint
	}
}

// Scratch is one decoder's reusable storage: the members of the objects
// it splits. Nothing decoded points into it, so that it serves the next
// request at once.
type Scratch struct {
	members, inner []Member
}

// maxKeptMembers bounds what Trim keeps.
const maxKeptMembers = 256

// Trim lets go of room a request with thousands of members grew: kept,
// it would be held for good.
func (sc *Scratch) Trim() {
	if cap(sc.members) > maxKeptMembers {
		sc.members = nil
	}
	if cap(sc.inner) > maxKeptMembers {
		sc.inner = nil
	}
}

// Storage is where a decoded request's parameters and TLDs go (Req.Params,
// Req.TLDs): its owner's to reuse once done with the request decoded into
// it last.
type Storage struct {
	Params []engine.Param
	TLDs   []string
}

// Read reads one input in the given format. Its error is fatal for
// this input (an I/O error, or JSON that cannot be resynchronised); every
// other problem is passed to emit and reading goes on. Each request comes
// with its own copy and a function to decode it: ReadItems spares both.
func Read(r io.Reader, format Format, o Options, emit ItemFunc) error {
	return ReadItems(r, format, o, func(it Item) {
		if it.Err != nil {
			emit(it.Line, nil, it.Err)
			return
		}
		if it.JSON() {
			it.Raw = bytes.Clone(it.Raw) // the reader reuses its buffer
		}
		emit(it.Line, func() (Decoded, error) { return it.Decode(nil, nil) }, nil)
	})
}
