package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

// maxRequestSize bounds one request: the sidecar's body limit, and far
// beyond any real contact. A longer line is reported, not read.
const maxRequestSize = 1 << 20

// inputFormat is how an input is read.
type inputFormat int

const (
	formatAuto  inputFormat = iota // by the first line
	formatJSONL                    // one request per line
	formatJSON                     // one object, an array of them, or objects one after another
	formatYAML                     // documents, each a request or a list of them
	formatCSV                      // a header row of parameter names, a request per row
	formatQuery                    // a query string per line, as sent to the API
)

var inputFormats = []string{"jsonl", "json", "yaml", "csv", "query"}

func parseInputFormat(s string) (inputFormat, error) {
	switch s {
	case "":
		return formatAuto, nil
	case "jsonl", "ndjson":
		return formatJSONL, nil
	case "json":
		return formatJSON, nil
	case "yaml", "yml":
		return formatYAML, nil
	case "csv":
		return formatCSV, nil
	case "query", "qs":
		return formatQuery, nil
	}
	return 0, fmt.Errorf("unknown input format %q (want %s)", s, strings.Join(inputFormats, ", "))
}

// formatOf picks the format by file extension.
func formatOf(name string, forced inputFormat) inputFormat {
	if forced != formatAuto {
		return forced
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".json":
		return formatJSON
	case ".yaml", ".yml":
		return formatYAML
	case ".csv":
		return formatCSV
	case ".qs", ".query":
		return formatQuery
	}
	return formatAuto
}

// inputError is a request that could not be read. The other requests of
// the input are still checked. line, when set, is where reading broke.
type inputError struct {
	line int
	msg  string
}

func (e *inputError) Error() string { return e.msg }

func inputErrorf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// emitFunc receives each JSON request's starting line and raw bytes, or
// the reason it could not be read.
type emitFunc func(line int, data []byte, err error)

// itemFunc receives each request's starting line and how to decode it, or
// the reason it could not be read. decode is safe to call later, on
// another goroutine.
type itemFunc func(line int, decode func() (decoded, error), err error)

// readRequests reads one input in the given format. Its error is fatal for
// this input (an I/O error, or JSON that cannot be resynchronised); every
// other problem is passed to emit and reading goes on. keys maps the
// API's internal keys (emailaddr) to parameters, for exports.
func readRequests(r io.Reader, format inputFormat, keys map[string]string, emit itemFunc) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if format == formatAuto {
		format = detect(br)
	}
	jsonItem := func(line int, data []byte, err error) {
		if err != nil {
			emit(line, nil, err)
			return
		}
		for _, raw := range expandSearchExport(data) {
			raw = bytes.Clone(raw) // the reader reuses its buffer
			emit(line, func() (decoded, error) {
				d, err := decodeRequest(raw, keys)
				d.raw = raw
				return d, err
			}, nil)
		}
	}
	switch format {
	case formatJSON:
		return readJSON(br, jsonItem)
	case formatYAML:
		return readYAML(br, keys, emit)
	case formatCSV:
		return readCSV(br, emit)
	case formatQuery:
		return readQuery(br, emit)
	}
	return readJSONL(br, jsonItem)
}

// detect: an array is JSON, and so is a first object spread over several
// lines; anything else is JSON Lines, where one broken line does not stop
// the lines after it from being checked.
func detect(br *bufio.Reader) inputFormat {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return formatJSONL
		}
		if b[0] == '[' {
			return formatJSON
		}
		if b[0] != ' ' && b[0] != '\t' && b[0] != '\r' && b[0] != '\n' {
			break
		}
		br.ReadByte()
	}
	peek, _ := br.Peek(br.Size())
	nl := bytes.IndexByte(peek, '\n')
	if first := peek[:max(nl, 0)]; nl < 0 {
		first = peek
		if looksLikeQuery(first) {
			return formatQuery
		}
		return formatJSONL
	} else if looksLikeQuery(first) {
		return formatQuery
	}
	dec := json.NewDecoder(bytes.NewReader(peek))
	var first json.RawMessage
	if err := dec.Decode(&first); err == nil && dec.InputOffset() > int64(nl) {
		return formatJSON
	}
	return formatJSONL
}

const errTooLong = "the request is longer than 1 MiB (1048576 bytes)"

func readJSONL(br *bufio.Reader, emit emitFunc) error {
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > maxRequestSize+2 { // room for \r\n
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		switch text := bytes.TrimRight(buf, "\r\n"); {
		case tooLong:
			emit(line, nil, inputErrorf("%s", errTooLong))
		case len(bytes.TrimSpace(text)) > 0:
			emit(line, text, nil)
		}
		if err != nil {
			return nil
		}
	}
}

func readJSON(br *bufio.Reader, emit emitFunc) error {
	lc := &lineCounter{r: br}
	dec := json.NewDecoder(lc)
	array := false
	if b, err := br.Peek(1); err == nil && b[0] == '[' {
		array = true
		if _, err := dec.Token(); err != nil {
			return jsonError(lc, err)
		}
	}
	for {
		if array && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return jsonError(lc, err)
			}
			array = false
			continue
		}
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) && !array {
			return nil
		}
		if err != nil {
			return jsonError(lc, err)
		}
		start := dec.InputOffset() - int64(len(raw))
		line := lc.lineAt(start)
		if len(raw) > maxRequestSize {
			emit(line, nil, inputErrorf("%s", errTooLong))
			continue
		}
		emit(line, raw, nil)
	}
}

// jsonError names the line where JSON that cannot be resynchronised broke.
func jsonError(lc *lineCounter, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &inputError{line: lc.lineAt(se.Offset), msg: "invalid JSON: " + se.Error() + "; the rest of this input is not read"}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &inputError{line: lc.lineAt(lc.read), msg: "invalid JSON: the input ends inside a value"}
	}
	return err
}

// lineCounter passes bytes through and answers which line an offset is on,
// for offsets that only grow; it keeps only newlines not yet passed.
type lineCounter struct {
	r       io.Reader
	read    int64
	nl      []int64
	counted int
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.nl = append(c.nl, c.read+int64(i))
		}
	}
	c.read += int64(n)
	return n, err
}

func (c *lineCounter) lineAt(off int64) int {
	i := 0
	for i < len(c.nl) && c.nl[i] < off {
		i++
	}
	c.counted += i
	c.nl = append(c.nl[:0], c.nl[i:]...)
	return c.counted + 1
}

var envelopeKeys = []string{"command", "tld", "role", "method", "params", "current", "contacts"}

// decoded is one input request: a single contact's, or a contact set.
type decoded struct {
	req engine.Request
	set *engine.SetRequest
	// contactID names an exported contact (its entityid), for reports.
	contactID string
	// envelope: the request was written as an envelope (fix writes it
	// back the same way).
	envelope bool
	// raw is the request as read, for JSON inputs: fix writes back one it
	// cannot decode as it was.
	raw []byte
}

// decodeRequest reads one request: bare API parameters, an envelope
// {"command":…,"tld":…,"role":…,"params":{…}}, or a contact set
// {"command":…,"tld":…,"contacts":{"registrant":{…},"admin":{…},…}}.
// Parameter values are strings, numbers or booleans (as written), or arrays
// of them for a repeated parameter; null leaves a parameter out.
func decodeRequest(data []byte, keys map[string]string) (decoded, error) {
	var d decoded
	if !utf8.Valid(data) {
		return d, inputErrorf("the request is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(data))
	}
	members, err := objectMembers(data, "a request")
	if err != nil {
		return d, err
	}
	envelope, set := false, false
	for _, m := range members {
		envelope = envelope || m.key == "params"
		set = set || m.key == "contacts"
	}
	if !envelope && !set {
		if isExport(members) {
			return decodeExport(members, keys)
		}
		d.req.Params, err = decodeParams(members)
		return d, err
	}
	if envelope && set {
		return d, inputErrorf("an envelope has params (one contact) or contacts (a contact set), not both")
	}
	d.envelope = true
	d.req, err = decodeEnvelope(members)
	if err != nil || !set {
		return d, err
	}
	if d.req.Role != "" {
		return d, inputErrorf("a contact set names each contact's role in contacts, not in role")
	}
	d.set = &engine.SetRequest{Command: d.req.Command, TLD: d.req.TLD}
	for _, m := range members {
		if m.key != "contacts" {
			continue
		}
		roles, err := objectMembers(m.val, `"contacts"`)
		if err != nil {
			return d, err
		}
		seen := map[string]bool{}
		for _, r := range roles {
			if !slices.Contains(tldspec.Roles(), r.key) {
				msg := fmt.Sprintf("contacts: %q is not a role (registrant, admin, tech, billing)", r.key)
				if s := suggest.Closest(r.key, tldspec.Roles()); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				return d, inputErrorf("%s", msg)
			}
			if seen[r.key] {
				return d, inputErrorf("contacts: the role %q is given twice", r.key)
			}
			seen[r.key] = true
			params, err := objectMembers(r.val, "a contact")
			if err != nil {
				return d, err
			}
			ps, err := decodeParams(params)
			if err != nil {
				return d, err
			}
			d.set.Contacts = append(d.set.Contacts, engine.RoleRequest{Role: r.key, Params: ps})
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
		req.TLD = v
	case "role":
		req.Role = v
	case "method":
		req.Method = v
	default:
		return false
	}
	return true
}

// decodeEnvelope reads an envelope's command, tld, role and params.
func decodeEnvelope(members []member) (engine.Request, error) {
	var req engine.Request
	for _, m := range members {
		switch m.key {
		case "tld":
			// One TLD, or a list for a contact that serves several.
			var tlds []string
			if err := json.Unmarshal(m.val, &tlds); err == nil {
				req.TLD = strings.Join(tlds, ",")
				continue
			}
			if err := json.Unmarshal(m.val, &req.TLD); err != nil {
				return req, inputErrorf(`"tld" must be a string or a list of strings`)
			}
		case "command", "role", "method":
			var s string
			if err := json.Unmarshal(m.val, &s); err != nil {
				return req, inputErrorf("%q must be a string", m.key)
			}
			setEnvelopeField(&req, m.key, s)
		case "current":
			cur, err := objectMembers(m.val, `"current"`)
			if err != nil {
				return req, err
			}
			if req.Current, err = decodeParams(cur); err != nil {
				return req, err
			}
		case "params":
			params, err := objectMembers(m.val, `"params"`)
			if err != nil {
				return req, err
			}
			if req.Params, err = decodeParams(params); err != nil {
				return req, err
			}
		case "contacts":
		default:
			msg := fmt.Sprintf("unknown envelope key %q (an envelope has %s)", m.key, strings.Join(envelopeKeys, ", "))
			if s := suggest.Closest(m.key, envelopeKeys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return req, inputErrorf("%s", msg)
		}
	}
	return req, nil
}

// invalidJSON words a decoding error for people: "EOF" alone says nothing.
func invalidJSON(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return inputErrorf("invalid JSON: the request ends inside a value")
	}
	return inputErrorf("invalid JSON: %v", err)
}

type member struct {
	key string
	val json.RawMessage
}

// objectMembers lists a JSON object's members in order, duplicates kept.
func objectMembers(data []byte, what string) ([]member, error) {
	if members, ok := scanObject(data); ok {
		return members, nil
	}
	return decodeMembers(data, what)
}

// decodeMembers is objectMembers through encoding/json: slower, and the
// one that words what is wrong.
func decodeMembers(data []byte, what string) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, invalidJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, inputErrorf("%s is a JSON object, not %s", what, describe(tok))
	}
	var out []member
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, invalidJSON(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, invalidJSON(err)
		}
		out = append(out, member{key: kt.(string), val: raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, invalidJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, inputErrorf("invalid JSON: more data after %s", what)
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

func decodeParams(members []member) ([]engine.Param, error) {
	params := make([]engine.Param, 0, len(members))
	for _, m := range members {
		if len(m.val) > 0 && m.val[0] == '[' {
			var items []json.RawMessage
			if err := json.Unmarshal(m.val, &items); err != nil {
				return nil, inputErrorf("parameter %q: invalid JSON: %v", m.key, err)
			}
			for _, it := range items {
				v, ok, err := scalar(m.key, it)
				if err != nil {
					return nil, err
				}
				if ok {
					params = append(params, engine.Param{Name: m.key, Value: v})
				}
			}
			continue
		}
		v, ok, err := scalar(m.key, m.val)
		if err != nil {
			return nil, err
		}
		if ok {
			params = append(params, engine.Param{Name: m.key, Value: v})
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
			return "", false, inputErrorf("parameter %q: invalid JSON: %v", name, err)
		}
		return s, true, nil
	case c == 'n':
		return "", false, nil
	case c == 't', c == 'f', c == '-', c >= '0' && c <= '9':
		return string(raw), true, nil
	}
	return "", false, inputErrorf("parameter %q: a value is a string, a number, a boolean or a list of them, not an object", name)
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
