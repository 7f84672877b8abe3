package input

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/text/jsonenc"
)

// The encoder beside the decoder: fix writes a request back through one
// string quoter (encoding/json's bytes, HTML escaping off), so that the
// same value comes out the same whatever the input's format.

// EncodeRequest writes a request back as JSON: bare parameters, or the
// envelope it came in, parameters in order and repeats as arrays.
func EncodeRequest(d Decoded) []byte {
	var b bytes.Buffer
	params := func(ps []engine.Param) {
		b.WriteByte('{')
		seen := map[string]bool{}
		first := true
		for i, p := range ps {
			if seen[p.Name] {
				continue
			}
			seen[p.Name] = true
			var vals []string
			for _, q := range ps[i:] {
				if q.Name == p.Name {
					vals = append(vals, q.Value)
				}
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeJSONString(&b, p.Name)
			b.WriteByte(':')
			if len(vals) == 1 {
				writeJSONString(&b, vals[0])
				continue
			}
			b.WriteByte('[')
			for j, v := range vals {
				if j > 0 {
					b.WriteByte(',')
				}
				writeJSONString(&b, v)
			}
			b.WriteByte(']')
		}
		b.WriteByte('}')
	}
	field := func(name, v string) {
		if v != "" {
			writeJSONString(&b, name)
			b.WriteByte(':')
			writeJSONString(&b, v)
			b.WriteByte(',')
		}
	}
	switch {
	case d.Set != nil:
		b.WriteByte('{')
		field("command", d.Set.Command)
		field("tld", d.Set.TLD)
		b.WriteString(`"contacts":{`)
		for i, c := range d.Set.Contacts {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, c.Role)
			b.WriteByte(':')
			params(c.Params)
		}
		b.WriteString("}}")
	case d.Envelope || d.Req.Command != "" && d.ContactID == "":
		b.WriteByte('{')
		field("command", d.Req.Command)
		field("tld", strings.Join(d.Req.TLDs, ","))
		field("role", d.Req.Role)
		field("method", d.Req.Method)
		if len(d.Req.Current) > 0 {
			b.WriteString(`"current":`)
			params(d.Req.Current)
			b.WriteByte(',')
		}
		b.WriteString(`"params":`)
		params(d.Req.Params)
		b.WriteByte('}')
	default:
		params(d.Req.Params)
	}
	return b.Bytes()
}

// PatchJSON writes a request back as it came, with only the values fix
// changed replaced (and a split phone's new code inserted): what it did
// not fix — null and repeated keys, numbers, booleans, escapes, spacing,
// key order — stays byte for byte. ok is false when the request's bytes
// are not known (YAML, CSV) or where a fix goes is not certain (a
// repeated key); for a JSON request the caller then writes it back as it
// was, unfixed, never anew (that would drop nulls and turn numbers into
// strings).
func PatchJSON(d Decoded, changes []engine.Change, keys map[string]string) ([]byte, bool) {
	if d.Raw == nil {
		return nil, false
	}
	top, ok := ScanObjectEscaped(d.Raw)
	if !ok {
		return nil, false
	}
	// target finds the object holding a role's parameters, and where it
	// begins in the request's bytes.
	target := func(role string) (int, []Member, bool) {
		base, ms := 0, top
		path := []string{"params"}
		switch {
		case d.Set != nil:
			path = []string{"contacts", role}
		case !d.Envelope:
			return 0, top, true
		}
		for _, key := range path {
			i := slices.IndexFunc(ms, func(m Member) bool { return m.Key == key })
			if i < 0 || ms[i].VS < 0 {
				return 0, nil, false
			}
			inner, ok := ScanObjectEscaped(ms[i].Val)
			if !ok {
				return 0, nil, false
			}
			base, ms = base+ms[i].VS, inner
		}
		return base, ms, true
	}
	param := func(key string) string {
		if d.Export {
			if p, ok := keys[strings.TrimPrefix(strings.TrimPrefix(key, "contact."), "entity.")]; ok {
				return p // an export's internal key
			}
		}
		return key
	}
	type edit struct {
		at, end int
		text    []byte
	}
	var edits []edit
	final := map[[2]string]int{} // the last change of each (role, param) wins
	for i, c := range changes {
		final[[2]string{c.Role, c.Param}] = i
	}
	for i, c := range changes {
		if final[[2]string{c.Role, c.Param}] != i {
			continue
		}
		base, ms, ok := target(c.Role)
		if !ok {
			return nil, false
		}
		want := c.Param
		if c.Before != "" {
			want = c.Before
		}
		found := -1
		for j, m := range ms {
			if param(m.Key) == want {
				if found >= 0 || m.At < 0 {
					return nil, false // repeated, or not placed: not sure where
				}
				found = j
			}
		}
		if found < 0 {
			return nil, false
		}
		m := ms[found]
		// The value is the fixed request's: a secret's change carries none.
		to, ok := d.Value(c.Role, c.Param)
		if !ok {
			return nil, false
		}
		if c.Before != "" {
			if d.Export {
				return nil, false // an export: which key would it take?
			}
			text := append(jsonenc.AppendString(nil, c.Param), ':')
			text = append(jsonenc.AppendString(text, to), ',')
			edits = append(edits, edit{base + m.At, base + m.At, text})
			continue
		}
		edits = append(edits, edit{base + m.VS, base + m.VS + len(m.Val), jsonenc.AppendString(nil, to)})
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.at - a.at })
	out := slices.Clone(d.Raw)
	for _, e := range edits {
		out = slices.Concat(out[:e.at], e.text, out[e.end:])
	}
	return out, true
}

// Value is the value of a role's parameter in a request (one value:
// fix changes no repeated parameter).
func (d Decoded) Value(role, name string) (string, bool) {
	params := d.Req.Params
	if d.Set != nil {
		params = nil
		for _, c := range d.Set.Contacts {
			if c.Role == role {
				params = c.Params
			}
		}
	}
	for _, p := range params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// writeJSONString writes s as a JSON string (as encoding/json does,
// without escaping <, > and &): the one quoter of fix's output.
func writeJSONString(b *bytes.Buffer, s string) {
	b.Write(jsonenc.AppendString(b.AvailableBuffer(), s))
}

// PatchQuery is a query line as read (d.Line) with only the pairs of the
// named parameters given their values in d.Req — fix's changes; a
// parameter the line lacks (a calling code split off a number) is put
// where d.Req has it, before the pair that follows it there. Every other
// byte stays as it was: spaces around the line, the URL before the query
// and its fragment, escapes, empty pairs and names without "=".
func PatchQuery(d Decoded, names []string) string {
	line := d.Line
	text := strings.TrimSpace(line)
	i := strings.Index(line, text)
	lead, trail := line[:i], line[i+len(text):]
	head := d.QueryPrefix
	if head == "" && strings.HasPrefix(text, "?") {
		head = "?"
	}
	query := strings.TrimSuffix(text[len(head):], d.QuerySuffix)
	pairs := strings.Split(query, "&")
	if query == "" {
		pairs = nil
	}
	for _, name := range names {
		value, ok := d.Value("", name) // a query line has no roles
		if !ok {
			continue
		}
		if j := pairIndex(pairs, name); j >= 0 {
			k, _, _ := strings.Cut(pairs[j], "=")
			pairs[j] = k + "=" + url.QueryEscape(value)
			continue
		}
		at := len(pairs)
		for _, next := range d.Req.Params[slices.IndexFunc(d.Req.Params, func(p engine.Param) bool { return p.Name == name })+1:] {
			if j := pairIndex(pairs, next.Name); j >= 0 {
				at = j
				break
			}
		}
		pairs = slices.Insert(pairs, at, url.QueryEscape(name)+"="+url.QueryEscape(value))
	}
	if head != "" && !strings.HasSuffix(head, "?") && len(pairs) > 0 {
		head += "?" // a URL that had no query
	}
	return lead + head + strings.Join(pairs, "&") + d.QuerySuffix + trail
}

// pairIndex is the index of the first of a query's raw pairs named name.
func pairIndex(pairs []string, name string) int {
	return slices.IndexFunc(pairs, func(p string) bool {
		k, _, _ := strings.Cut(p, "=")
		dk, err := url.QueryUnescape(k)
		return err == nil && dk == name
	})
}
