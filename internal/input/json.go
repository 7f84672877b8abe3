package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

const errTooLong = "the request is longer than 1 MiB (1048576 bytes)"

func readJSONL(br *bufio.Reader, emit emitFunc, sp *Spiller) error {
	var buf, lead []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var spill *SpillFile
		var err error
		end := ""
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			switch {
			case bytes.HasSuffix(chunk, []byte("\r\n")):
				end = "\r\n"
			case bytes.HasSuffix(chunk, []byte("\n")):
				end = "\n"
			}
			switch {
			case tooLong:
				spill.write(chunk)
			case len(buf)+len(chunk) > MaxRequest+2: // room for \r\n
				tooLong = true
				spill = sp.start(buf)
				spill.write(chunk)
				buf = buf[:0]
			default:
				buf = append(buf, chunk...)
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			spill.remove()
			return err
		}
		switch text := bytes.TrimRight(buf, "\r\n"); {
		case tooLong:
			emit(line, nil, &Error{msg: errTooLong, Spill: spill.done()}, Layout{Lead: lead, End: end})
			lead = nil
		case len(bytes.TrimSpace(text)) > 0:
			emit(line, text, nil, Layout{Lead: lead, End: end})
			lead = nil
		default:
			lead = append(lead, buf...) // a blank line, kept as it was
		}
		if err != nil {
			return nil
		}
	}
}

// readJSON splits a stream of JSON values — one, several one after
// another, or an array of them — into each value's bytes, in bounded
// memory: it finds where a value ends (strings, escapes, brackets) without
// decoding it, so a value over MaxRequest is reported (or spilled)
// and reading goes on after it. Decode then judges each value.
//
// A value left open (a missing } or ") would swallow every value after
// it: the reader resynchronises at the next line that begins with {,
// reports the broken value as one unreadable record with its bytes, and
// reads on from there. Where it cannot (no such line, or the broken value
// too long to keep), it says how many bytes were left unread.
func readJSON(br *bufio.Reader, emit emitFunc, sp *Spiller) error {
	s := jsonStream{emit: emit, sp: sp, line: 1}
	return s.read(br)
}

type jsonStream struct {
	emit    emitFunc
	sp      *Spiller
	line    int
	inArray bool
	values  int
}

func (s *jsonStream) read(br *bufio.Reader) error {
	next := func() (byte, error) {
		c, err := br.ReadByte()
		if c == '\n' {
			s.line++
		}
		return c, err
	}
	skipSpace := func() (byte, error) {
		for {
			c, err := next()
			if err != nil || !isJSONSpace(c) {
				return c, err
			}
		}
	}
	unread := func(c byte) {
		br.UnreadByte()
		if c == '\n' {
			s.line--
		}
	}
	for {
		c, err := skipSpace()
		if errors.Is(err, io.EOF) {
			if s.inArray {
				return &Error{Line: s.line, msg: "invalid JSON: the input ends inside an array (a missing ])"}
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case c == '[' && s.values == 0 && !s.inArray:
			s.inArray = true
			continue
		case s.inArray && c == ']':
			s.inArray = false
			continue
		case s.inArray && c == ',' && s.values > 0:
			continue
		}
		s.values++
		start := s.line
		v := valueBuf{max: MaxRequest, spill: s.sp}
		v.add(c)
		err = v.scan(c, next, unread)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			v.discard()
			return err
		}
		if err == nil && v.over {
			s.emit(start, nil, v.tooLong(), Layout{})
			continue
		}
		if err != nil && v.over {
			v.discard()
			return &Error{Line: start, msg: fmt.Sprintf("invalid JSON: the value that begins here is not closed; %d bytes from here to the end were not read", v.n)}
		}
		at := -1
		if err != nil || bytes.IndexByte(v.buf, '\n') >= 0 && !json.Valid(v.buf) {
			at = lineStartObject(v.buf)
		}
		if at < 0 {
			if err != nil {
				return &Error{Line: start, msg: fmt.Sprintf("invalid JSON: the value that begins here is not closed; %d bytes from here to the end were not read", len(v.buf))}
			}
			s.emit(start, v.buf, nil, Layout{})
			continue
		}
		// Resynchronise: the broken value is a record of its own, and
		// reading goes on at the object its bytes swallowed.
		broken, rest := v.buf[:at], v.buf[at:]
		s.emit(start, nil, &Error{Line: start, Raw: bytes.TrimRight(broken, " \t\r\n,"),
			msg: fmt.Sprintf("invalid JSON: the value that begins here is not closed before line %d, where reading goes on", start+bytes.Count(broken, []byte("\n")))}, Layout{})
		s.line = start + bytes.Count(broken, []byte("\n"))
		br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(bytes.Clone(rest)), br), 64<<10)
	}
}

// lineStartObject is the offset of the first { that begins a line of b
// (after blanks), past b's own start; -1 when there is none.
func lineStartObject(b []byte) int {
	for i := 1; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] == '{' {
			return j
		}
	}
	return -1
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// valueBuf collects one value's bytes up to max; beyond, it stops keeping
// them (over), and hands them to a spiller when there is one.
type valueBuf struct {
	buf   []byte
	max   int
	over  bool
	n     int // bytes seen
	spill *Spiller
	file  *SpillFile
}

func (v *valueBuf) add(c byte) {
	v.n++
	switch {
	case !v.over && len(v.buf) < v.max:
		v.buf = append(v.buf, c)
	case !v.over:
		v.over = true
		v.file = v.spill.start(v.buf)
		v.buf = nil
		v.file.writeByte(c)
	default:
		v.file.writeByte(c)
	}
}

func (v *valueBuf) tooLong() error {
	return &Error{msg: errTooLong, Spill: v.file.done()}
}

func (v *valueBuf) discard() { v.file.remove() }

// scan reads the rest of the value that began with c: a string, an object
// or array (to its matching close, strings and escapes honoured), or a
// bare word (a number, true, false, null — or junk, for Decode to
// name) up to the next separator.
func (v *valueBuf) scan(c byte, next func() (byte, error), unread func(byte)) error {
	switch c {
	case '"':
		return v.scanString(next)
	case '{', '[':
		depth := 1
		for depth > 0 {
			c, err := next()
			if err != nil {
				return err
			}
			v.add(c)
			switch c {
			case '"':
				if err := v.scanString(next); err != nil {
					return err
				}
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		return nil
	}
	for {
		c, err := next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if isJSONSpace(c) || c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == '"' {
			unread(c) // the separator, or the next value, is the caller's
			return nil
		}
		v.add(c)
	}
}

func (v *valueBuf) scanString(next func() (byte, error)) error {
	for {
		c, err := next()
		if err != nil {
			return err
		}
		v.add(c)
		switch c {
		case '\\':
			c, err := next()
			if err != nil {
				return err
			}
			v.add(c)
		case '"':
			return nil
		}
	}
}
