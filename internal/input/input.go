// Package input reads requests as operators keep them — JSON Lines, JSON,
// YAML, CSV and TSV, query strings, exported contacts — each with the line
// it starts on, and a record naming its line for one that cannot be read.
// The CLI's check and fix read through it; contactlint.ReadRequests is
// its public face.
package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
	"github.com/contactlint/contactlint/internal/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// MaxRequest bounds one request: the sidecar's body limit, and far
// beyond any real contact. A longer line is reported, not read.
const MaxRequest = apihttp.MaxBody

// Format is how an input is read.
type Format int

const (
	FormatAuto  Format = iota // sniffed from the content
	FormatJSONL               // one request per line
	FormatJSON                // one object, an array of them, or objects one after another
	FormatYAML                // documents, each a request or a list of them
	FormatCSV                 // a header row of parameter names, a request per row
	FormatTSV                 // CSV separated by tabs
	FormatQuery               // a query string per line, as sent to the API
)

// Kind is one way requests are written down. This table is the only
// list of them: the -input flag, the file extensions (and so what a
// directory is read for), the help text, detection and the readers all
// come from it.
type Kind struct {
	format Format
	names  []string // -input values, the first the kind's name
	exts   []string
	doc    string
}

var kinds = [...]Kind{
	{FormatJSONL, []string{"jsonl", "ndjson"}, []string{".jsonl", ".ndjson"}, "one JSON request per line"},
	{FormatJSON, []string{"json"}, []string{".json"}, "a JSON object, an array of them, or objects one after another"},
	{FormatYAML, []string{"yaml", "yml"}, []string{".yaml", ".yml"}, "YAML documents, each a request or a list of them"},
	{FormatCSV, []string{"csv"}, []string{".csv"}, "a header row of parameter names, then a request per row; , or ; or tab"},
	{FormatTSV, []string{"tsv"}, []string{".tsv", ".tab"}, "CSV with tabs"},
	{FormatQuery, []string{"query", "qs"}, []string{".qs", ".query"}, "a query string or request URL per line, as sent to the API"},
}

// String is the format's name (jsonl, csv, …; auto for FormatAuto).
func (f Format) String() string { return f.kind().names[0] }

func (f Format) kind() Kind {
	for _, k := range kinds {
		if k.format == f {
			return k
		}
	}
	return Kind{names: []string{"auto"}}
}

// Formats lists the formats there are, FormatAuto aside.
func Formats() []Format {
	out := make([]Format, len(kinds))
	for i, k := range kinds {
		out[i] = k.format
	}
	return out
}

// FormatNames are the kinds' names, for -input's help.
func FormatNames() []string {
	var out []string
	for _, k := range kinds {
		out = append(out, k.names[0])
	}
	return out
}

func ParseFormat(s string) (Format, error) {
	if s == "" {
		return FormatAuto, nil
	}
	for _, k := range kinds {
		if slices.Contains(k.names, strings.ToLower(s)) {
			return k.format, nil
		}
	}
	return 0, fmt.Errorf("unknown input format %q (want %s)", s, strings.Join(FormatNames(), ", "))
}

// Extensions are the file extensions a directory is read for.
func Extensions() []string {
	var out []string
	for _, k := range kinds {
		out = append(out, k.exts...)
	}
	return out
}

// FormatOf picks the format by file extension; formatAuto for an
// extension of no kind (.txt), whose content is then sniffed.
func FormatOf(name string, forced Format) Format {
	if forced != FormatAuto {
		return forced
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, k := range kinds {
		if slices.Contains(k.exts, ext) {
			return k.format
		}
	}
	return FormatAuto
}

// Help describes the kinds, for the commands' help.
func Help() string {
	var b strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %-6s %-16s %s\n", k.names[0], strings.Join(k.exts, " "), k.doc)
	}
	return b.String()
}

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
}

// ReadItems is Read handing over each request as an Item.
func ReadItems(r io.Reader, format Format, o Options, emit func(Item)) error {
	keys, sp := o.Keys, o.Spill
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
		for i, raw := range expandSearchExport(data) {
			lay := lay
			if i > 0 {
				lay = Layout{End: lay.End} // a search page's contacts: one line each
			}
			emit(Item{Line: line, Raw: raw, Layout: lay, keys: keys, hint: h})
		}
	}
	other := func(line int, decode func() (Decoded, error), err error) {
		emit(Item{Line: line, Err: err, decode: decode})
	}
	switch format {
	case FormatJSON:
		return readJSON(br, jsonItem, sp)
	case FormatYAML:
		return readYAML(br, keys, other)
	case FormatCSV:
		return readCSV(br, 0, o.Columns, other)
	case FormatTSV:
		return readCSV(br, '\t', o.Columns, other)
	case FormatQuery:
		return readQuery(br, other)
	}
	return readJSONL(br, jsonItem, sp)
}

// detect sniffs an input's kind from its start, as far as the reader's
// buffer holds it; nothing is consumed (fix writes blank lines back). An
// array is JSON, and so is a first object spread over several lines; a
// first line of name=value pairs or a URL is query strings; a YAML
// document marker, mapping key or list item is YAML; a row of two or more
// names separated by commas, semicolons or tabs is a CSV header. Anything
// else is JSON Lines, where one broken line does not stop the lines after
// it from being checked (and each says what is wrong with it).
func detect(br *bufio.Reader) (format Format, sure bool) {
	peek, _ := br.Peek(br.Size())
	i := 0
	for i < len(peek) && isJSONSpace(peek[i]) {
		i++
	}
	switch {
	case i == len(peek):
		return FormatJSONL, true
	case peek[i] == '[':
		return FormatJSON, true
	}
	peek = peek[i:]
	nl := bytes.IndexByte(peek, '\n')
	first := peek
	if nl >= 0 {
		first = peek[:nl]
	}
	first = bytes.TrimSuffix(first, []byte("\r"))
	// Comment lines (YAML's, and those query-string files may carry) say
	// nothing of the kind: classify the first line after them.
	for rest := peek; len(first) > 0 && first[0] == '#'; {
		next := bytes.IndexByte(rest, '\n')
		if next < 0 {
			break
		}
		rest = bytes.TrimLeft(rest[next+1:], " \t\r\n")
		first, _, _ = bytes.Cut(rest, []byte("\n"))
		first = bytes.TrimSuffix(first, []byte("\r"))
	}
	switch {
	case peek[0] == '{':
		if nl < 0 {
			return FormatJSONL, true
		}
		dec := json.NewDecoder(bytes.NewReader(peek))
		var v json.RawMessage
		if err := dec.Decode(&v); err == nil && dec.InputOffset() > int64(nl) {
			return FormatJSON, true
		}
		return FormatJSONL, true
	case looksLikeQuery(first):
		return FormatQuery, true
	case looksLikeYAML(first):
		return FormatYAML, true
	case looksLikeCSVHeader(first):
		return FormatCSV, true
	}
	return FormatJSONL, false
}

// looksLikeYAML: a document marker or directive, a "key:" of a mapping,
// or "- " of a list.
func looksLikeYAML(line []byte) bool {
	if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("%YAML")) || bytes.HasPrefix(line, []byte("- ")) || bytes.Equal(line, []byte("-")) {
		return true
	}
	key, _, ok := bytes.Cut(line, []byte(":"))
	return ok && isName(bytes.Trim(bytes.TrimSpace(key), `"'`)) && (len(line) == len(key)+1 || line[len(key)+1] == ' ' || line[len(key)+1] == '\t')
}

// looksLikeCSVHeader: two or more parameter names (quoted or not)
// separated by commas, semicolons or tabs.
func looksLikeCSVHeader(line []byte) bool {
	for _, sep := range []string{"\t", ";", ","} {
		cells := bytes.Split(line, []byte(sep))
		if len(cells) < 2 {
			continue
		}
		ok := true
		for _, c := range cells {
			if !isName(bytes.Trim(bytes.TrimSpace(c), `"`)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// isName: what a parameter or envelope key looks like (attr-name1,
// address-line-1, contact.emailaddr, phone_cc).
func isName(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

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

var envelopeKeys = []string{"command", "tld", "role", "method", "params", "current", "contacts"}

// Decoded is one input request: a single contact's, or a contact set.
type Decoded struct {
	Req engine.Request
	Set *engine.SetRequest
	// contactID names an exported contact (its entityid), for reports.
	ContactID string
	// envelope: the request was written as an envelope (fix writes it
	// back the same way); export: as an exported contact.
	Envelope, Export bool
	// CSV is the row a CSV request was read from: fix -w rewrites its
	// cells in place.
	CSV *CSVRecord
	// raw is the request as read, for JSON inputs: fix writes back one it
	// cannot decode as it was, and edits the others in place; layout is
	// where it was among the input's lines.
	Raw    []byte
	Layout Layout
}

// Decode reads one request: bare API parameters, an envelope
// {"command":…,"tld":…,"role":…,"params":{…}}, or a contact set
// {"command":…,"tld":…,"contacts":{"registrant":{…},"admin":{…},…}}.
// Parameter values are strings, numbers or booleans (as written), or arrays
// of them for a repeated parameter; null leaves a parameter out.
func Decode(data []byte, keys map[string]string) (Decoded, error) {
	return decode(data, keys, nil, nil)
}

// decode is Decode with the members of the objects split in sc, and the
// request's parameters and TLDs in st (new storage when nil).
func decode(data []byte, keys map[string]string, sc *Scratch, st *Storage) (Decoded, error) {
	var d Decoded
	if !utf8.Valid(data) {
		return d, Errorf("the request is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(data))
	}
	if sc == nil {
		sc = new(Scratch)
	}
	if st == nil {
		st = new(Storage)
	}
	// One string of the whole request; its keys and plain values are
	// substrings of it, not a string each (a request has ~15 of each):
	// the one allocation of a request read as it usually is.
	src := string(data)
	members, ok := scanObjectIn(sc.members, data, src)
	if ok {
		sc.members = members
	} else {
		src = ""
		var err error
		if members, err = decodeMembers(data, "a request"); err != nil {
			return d, err
		}
	}
	var err error
	envelope, set := false, false
	for _, m := range members {
		envelope = envelope || m.Key == "params"
		set = set || m.Key == "contacts"
	}
	if !envelope && !set {
		if isExport(members) {
			return decodeExport(members, keys, src, st)
		}
		d.Req.Params, err = decodeParamsIn(st.Params[:0], members, src)
		st.Params = d.Req.Params
		return d, err
	}
	if envelope && set {
		return d, Errorf("an envelope has params (one contact) or contacts (a contact set), not both")
	}
	d.Envelope = true
	d.Req, err = decodeEnvelope(members, src, sc, st)
	if err != nil || !set {
		return d, err
	}
	if d.Req.Role != "" {
		return d, Errorf("a contact set names each contact's role in contacts, not in role")
	}
	d.Set = &engine.SetRequest{Command: d.Req.Command, TLD: strings.Join(d.Req.TLDs, ",")}
	for _, m := range members {
		if m.Key != "contacts" {
			continue
		}
		roles, err := objectMembers(m.Val, `"contacts"`)
		if err != nil {
			return d, err
		}
		seen := map[string]bool{}
		for _, r := range roles {
			if !slices.Contains(tldspec.Roles(), r.Key) {
				msg := fmt.Sprintf("contacts: %q is not a role (registrant, admin, tech, billing)", r.Key)
				msg += suggest.Hint(r.Key, tldspec.Roles())
				return d, Errorf("%s", msg)
			}
			if seen[r.Key] {
				return d, Errorf("contacts: the role %q is given twice", r.Key)
			}
			seen[r.Key] = true
			params, err := objectMembers(r.Val, "a contact")
			if err != nil {
				return d, err
			}
			ps, err := decodeParams(params)
			if err != nil {
				return d, err
			}
			d.Set.Contacts = append(d.Set.Contacts, engine.RoleRequest{Role: r.Key, Params: ps})
		}
	}
	return d, nil
}

// setEnvelopeField sets an envelope's command, tld, role or method, and
// reports whether key names one.
func setEnvelopeField(req *engine.Request, key, v string) bool {
	switch key {
	case "command":
		req.Command = v
	case "tld":
		req.TLDs = engine.SplitTLDs(v)
	case "role":
		req.Role = v
	case "method":
		req.Method = v
	default:
		return false
	}
	return true
}

// decodeEnvelope reads an envelope's command, tld, role and params. src
// is the request as a string, when its members were scanned from it (see
// scanObjectIn): plain strings are taken from it, and the params object's
// members are split into sc and its parameters put in st.
func decodeEnvelope(members []Member, src string, sc *Scratch, st *Storage) (engine.Request, error) {
	var req engine.Request
	for _, m := range members {
		switch m.Key {
		case "tld":
			if s, ok := plainString(m, src); ok {
				st.TLDs = appendTLDs(st.TLDs[:0], s)
				req.TLDs = nil // as SplitTLDs gives none
				if len(st.TLDs) > 0 {
					req.TLDs = st.TLDs
				}
				continue
			}
			// One TLD, or a list for a contact that serves several.
			var tlds []string
			if err := json.Unmarshal(m.Val, &tlds); err == nil {
				req.TLDs = engine.SplitTLDs(strings.Join(tlds, ","))
				continue
			}
			var list string
			if err := json.Unmarshal(m.Val, &list); err != nil {
				return req, Errorf(`"tld" must be a string or a list of strings`)
			}
			req.TLDs = engine.SplitTLDs(list)
		case "command", "role", "method":
			s, ok := plainString(m, src)
			if !ok {
				var err error
				if s, err = unmarshalString(m.Val); err != nil {
					return req, Errorf("%q must be a string", m.Key)
				}
			}
			setEnvelopeField(&req, m.Key, s)
		case "current":
			cur, err := objectMembers(m.Val, `"current"`)
			if err != nil {
				return req, err
			}
			if req.Current, err = decodeParams(cur); err != nil {
				return req, err
			}
		case "params":
			inner := ""
			if src != "" && m.VS >= 0 {
				inner = src[m.VS : m.VS+len(m.Val)]
			}
			params, ok := scanObjectIn(sc.inner, m.Val, inner)
			if ok {
				sc.inner = params
			} else {
				var err error
				inner = ""
				if params, err = decodeMembers(m.Val, `"params"`); err != nil {
					return req, err
				}
			}
			var err error
			if req.Params, err = decodeParamsIn(st.Params[:0], params, inner); err != nil {
				return req, err
			}
			st.Params = req.Params
		case "contacts":
		default:
			msg := fmt.Sprintf("unknown envelope key %q (an envelope has %s)", m.Key, strings.Join(envelopeKeys, ", "))
			msg += suggest.Hint(m.Key, envelopeKeys)
			return req, Errorf("%s", msg)
		}
	}
	return req, nil
}

// plainString is a member's value when it is a string without escapes,
// taken from src (the object's bytes as a string) without a copy.
func plainString(m Member, src string) (string, bool) {
	v := m.Val
	if src == "" || m.VS < 0 || len(v) < 2 || v[0] != '"' || bytes.IndexByte(v, '\\') >= 0 {
		return "", false
	}
	return src[m.VS+1 : m.VS+len(v)-1], true
}

// plainScalar is plainString, or a number or boolean as written (scalar
// reads them so): a parameter's value taken from src.
func plainScalar(m Member, src string) (string, bool) {
	if v, ok := plainString(m, src); ok {
		return v, true
	}
	if src == "" || m.VS < 0 || len(m.Val) == 0 {
		return "", false
	}
	switch c := m.Val[0]; {
	case c == 't', c == 'f', c == '-', c >= '0' && c <= '9':
		return src[m.VS : m.VS+len(m.Val)], true
	}
	return "", false
}

// unmarshalString decodes a JSON string (escapes and all); a function of
// its own, so that the string escapes to the heap only when decoded so.
func unmarshalString(raw []byte) (string, error) {
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// appendTLDs is engine.SplitTLDs appending to dst.
func appendTLDs(dst []string, list string) []string {
	for tld := range strings.SplitSeq(list, ",") {
		if tld = strings.TrimSpace(tld); tld != "" {
			dst = append(dst, tld)
		}
	}
	return dst
}

// invalidJSON words a decoding error for people: "EOF" alone says nothing.
func invalidJSON(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return Errorf("invalid JSON: the request ends inside a value")
	}
	return Errorf("invalid JSON: %v", err)
}

type Member struct {
	Key string
	Val json.RawMessage
	// at and vs are where the member's key and value begin in the object's
	// bytes, when the fast scanner read it (fix edits values in place);
	// -1 from the encoding/json path.
	At, VS int
}

// objectMembers lists a JSON object's members in order, duplicates kept.
func objectMembers(data []byte, what string) ([]Member, error) {
	if members, ok := ScanObject(data); ok {
		return members, nil
	}
	return decodeMembers(data, what)
}

// decodeMembers is objectMembers through encoding/json: slower, and the
// one that words what is wrong.
func decodeMembers(data []byte, what string) ([]Member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, invalidJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, Errorf("%s is a JSON object, not %s", what, describe(tok))
	}
	var out []Member
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, invalidJSON(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, invalidJSON(err)
		}
		out = append(out, Member{Key: kt.(string), Val: raw, At: -1, VS: -1})
	}
	if _, err := dec.Token(); err != nil {
		return nil, invalidJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, Errorf("invalid JSON: more data after %s", what)
	}
	return out, nil
}

func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

func decodeParams(members []Member) ([]engine.Param, error) { return decodeParamsIn(nil, members, "") }

// decodeParamsIn is decodeParams appending to params, with plain values
// taken from src, the object the members were scanned from as a string
// (see scanObjectIn).
func decodeParamsIn(params []engine.Param, members []Member, src string) ([]engine.Param, error) {
	if params == nil {
		params = make([]engine.Param, 0, len(members))
	}
	for _, m := range members {
		if v, ok := plainScalar(m, src); ok {
			params = append(params, engine.Param{Name: m.Key, Value: v})
			continue
		}
		if len(m.Val) > 0 && m.Val[0] == '[' {
			var items []json.RawMessage
			if err := json.Unmarshal(m.Val, &items); err != nil {
				return nil, Errorf("parameter %q: invalid JSON: %v", m.Key, err)
			}
			for _, it := range items {
				v, ok, err := scalar(m.Key, it)
				if err != nil {
					return nil, err
				}
				if ok {
					params = append(params, engine.Param{Name: m.Key, Value: v})
				}
			}
			continue
		}
		v, ok, err := scalar(m.Key, m.Val)
		if err != nil {
			return nil, err
		}
		if ok {
			params = append(params, engine.Param{Name: m.Key, Value: v})
		}
	}
	return params, nil
}

// scalar reads a parameter value: a string, a number or boolean as
// written, or null (no value).
func scalar(name string, raw json.RawMessage) (string, bool, error) {
	switch c := raw[0]; {
	case c == '"':
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), true, nil // raw is valid JSON: no escape, no quote inside
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false, Errorf("parameter %q: invalid JSON: %v", name, err)
		}
		return s, true, nil
	case c == 'n':
		return "", false, nil
	case c == 't', c == 'f', c == '-', c >= '0' && c <= '9':
		return string(raw), true, nil
	}
	return "", false, Errorf("parameter %q: a value is a string, a number, a boolean or a list of them, not an object", name)
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// Spiller keeps the bytes of requests over the size limit in temporary
// files, so that contactlint fix can write them back unchanged without
// holding them in memory. A nil spiller keeps nothing (check).
type Spiller struct{ dir string }

// SpillFile is one request's bytes being kept; its methods do nothing on
// nil, so readers call them whether or not they keep.
type SpillFile struct {
	f   *os.File
	w   *bufio.Writer
	err error
}

func (s *Spiller) start(prefix []byte) *SpillFile {
	if s == nil {
		return nil
	}
	f, err := os.CreateTemp(s.dir, "contactlint-spill-*")
	sf := &SpillFile{f: f, err: err}
	if err == nil {
		sf.w = bufio.NewWriterSize(f, 64<<10)
		sf.write(prefix)
	}
	return sf
}

func (f *SpillFile) write(p []byte) {
	if f != nil && f.err == nil {
		_, f.err = f.w.Write(p)
	}
}

func (f *SpillFile) writeByte(c byte) {
	if f != nil && f.err == nil {
		f.err = f.w.WriteByte(c)
	}
}

// done ends the writing; the file is then ready to be copied out.
func (f *SpillFile) done() *SpillFile {
	if f != nil && f.err == nil {
		f.err = f.w.Flush()
	}
	return f
}

// copyTo writes the kept bytes, without a line end they came with, to w
// and removes the file.
func (f *SpillFile) CopyTo(w io.Writer) error {
	if f == nil {
		return nil
	}
	defer f.remove()
	if f.err != nil {
		return f.err
	}
	st, err := f.f.Stat()
	if err != nil {
		return err
	}
	n := st.Size()
	for _, end := range []string{"\r\n", "\n"} { // the line end is the writer's
		tail := make([]byte, len(end))
		if n >= int64(len(end)) {
			if _, err := f.f.ReadAt(tail, n-int64(len(end))); err == nil && string(tail) == end {
				n -= int64(len(end))
				break
			}
		}
	}
	_, err = io.Copy(w, io.NewSectionReader(f.f, 0, n))
	return err
}

func (f *SpillFile) remove() {
	if f != nil && f.f != nil {
		f.f.Close()
		os.Remove(f.f.Name())
		f.f = nil
	}
}
