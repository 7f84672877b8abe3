package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/text/suggest"
	"github.com/contactlint/contactlint/tldspec"
)

var envelopeKeys = []string{"command", "tld", "role", "method", "params", "current", "contacts"}

// Decoded is one input request: a single contact's, or a contact set.
type Decoded struct {
	Req engine.Request
	Set *engine.SetRequest
	// ContactID names an exported contact (its entityid), for reports.
	ContactID string
	// Envelope: the request was written as an envelope (fix writes it
	// back the same way); Export: as an exported contact.
	Envelope, Export bool

	// What fix needs to write a request back as it came, beside what it
	// changed. CSV is the row a CSV request was read from (fix -w
	// rewrites its cells in place); Raw is a JSON request as read (fix
	// writes back one it cannot decode as it was, and edits the others in
	// place); Layout is where it was among the input's lines.
	CSV    *CSVRecord
	Raw    []byte
	Layout Layout
	// Unread names the parameters of a query line left out because they
	// could not be decoded (a malformed %-escape): the request is checked
	// without them, as the sidecar checks it, and never fixed.
	Unread []string
	// A query line written as a URL: QueryPrefix is all of it before its
	// query ("?" included), QuerySuffix its fragment (#…, never sent):
	// fix -format query writes both back. XML is set when its path asks
	// for the API's XML answers (/api/….xml).
	QueryPrefix, QuerySuffix string
	XML                      bool
	// Line is a query line as read, for fix to write back: whole when it
	// has nothing to fix or cannot be fixed, else with only its fixed
	// pairs replaced (PatchQuery). Query: the request was read from a
	// query line (Line, when it could be read), and its Layout.Lead may
	// hold comment lines.
	Line  string
	Query bool
	// Trailer: no request, but the comment lines after a query file's
	// last one (Layout.Lead), for fix -format query to write back.
	Trailer bool
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
	members, ok := scanObjectIn(sc.members, data, src, false)
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
			params, ok := scanObjectIn(sc.inner, m.Val, inner, false)
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
