package engine

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// DefaultCommand is the command of a request that names none.
const DefaultCommand = "contacts/add"

// Request is one API call to check: the parameters a service is about to
// send, and optionally where the contact is going (the envelope).
type Request struct {
	// Command is the API path without ".json": contacts/add,
	// contacts/modify, … Empty means contacts/add.
	Command string
	// TLDs and Role say which domains and contact role the request is
	// for (es, registrant). Optional. Several TLDs for a contact that
	// serves several domains (contacts/modify's restrictions); SplitTLDs
	// reads a comma-separated list.
	TLDs []string
	Role string
	// Method is the HTTP method the caller will use (GET or POST); a
	// different one from the spec's is a warning. Optional.
	Method string
	// Current is the contact as it is now (as contacts/details returns
	// it, by parameter or internal key), for rules on what may change.
	// Optional.
	Current []Param
	// Params in the order they would be sent. A repeated parameter
	// (type=Contact&type=CnContact) appears once per value.
	Params []Param
}

// SplitTLDs reads a comma-separated list of TLDs ("es, pt"), as the
// Contactlint-Tld header and the CLI's input give them; nil for none.
func SplitTLDs(list string) []string {
	var out []string
	for tld := range strings.SplitSeq(list, ",") {
		if tld = strings.TrimSpace(tld); tld != "" {
			out = append(out, tld)
		}
	}
	return out
}

// Param is one name=value pair of the request.
type Param struct {
	Name, Value string
}

// ParamsFromValues lists v's parameters sorted by name, each name's values
// in their order, so that the result does not depend on map order; the
// attr-nameN/attr-valueN pairs together, by number (attr-name2 before
// attr-name10), each name before its value, as a client writes them.
func ParamsFromValues(v url.Values) []Param {
	names := make([]string, 0, len(v))
	n := 0
	for name, vals := range v {
		names = append(names, name)
		n += len(vals)
	}
	slices.SortFunc(names, compareParamNames)
	out := make([]Param, 0, n)
	for _, name := range names {
		for _, val := range v[name] {
			out = append(out, Param{name, val})
		}
	}
	return out
}

// ParamsFromMap lists m's parameters sorted as ParamsFromValues sorts
// them.
func ParamsFromMap(m map[string]string) []Param {
	out := make([]Param, 0, len(m))
	for name, val := range m {
		out = append(out, Param{name, val})
	}
	slices.SortFunc(out, func(a, b Param) int { return compareParamNames(a.Name, b.Name) })
	return out
}

// EncodeQuery writes params as a query string, in their order and with
// their repeats: what ParseQuery reads back.
func EncodeQuery(params []Param) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = url.QueryEscape(p.Name) + "=" + url.QueryEscape(p.Value)
	}
	return strings.Join(parts, "&")
}

// ParseQuery reads a query string or form body (name=Ada&phone-cc=44) into
// params, keeping their order and repeats, "+" read as a space.
func ParseQuery(query string) ([]Param, error) {
	if query == "" {
		return nil, nil
	}
	return AppendQuery(make([]Param, 0, strings.Count(query, "&")+1), query)
}

// AppendQuery is ParseQuery appending to params, a list a caller reuses
// (the sidecar keeps one per call it serves); on an error it returns
// params as they were. One allocation at most, whatever the query: a
// buffer that every unescaped name and value is a piece of (a sidecar
// call has several: "Test+User", "a%40b.com"); the rest are substrings.
// A Builder never changes what it has written, so each piece stays valid.
func AppendQuery(params []Param, query string) ([]Param, error) {
	out := params
	var buf strings.Builder
	unescape := func(s string) (string, error) {
		if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
			return s, nil
		}
		if buf.Cap() == 0 {
			buf.Grow(len(query)) // unescaping never lengthens
		}
		from := buf.Len()
		if !unescapeQuery(&buf, s) {
			_, err := url.QueryUnescape(s) // its error, word for word
			return "", err
		}
		return buf.String()[from:], nil
	}
	for pair := range strings.SplitSeq(query, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		name, err := unescape(k)
		if err != nil {
			return params, fmt.Errorf("parameter %q: %w", k, err)
		}
		value, err := unescape(v)
		if err != nil {
			return params, fmt.Errorf("parameter %s: %w", name, err)
		}
		out = append(out, Param{Name: name, Value: value})
	}
	return out, nil
}

// unescapeQuery appends s unescaped as url.QueryUnescape does ("+" a
// space, %XX a byte) and reports false where it would fail.
func unescapeQuery(b *strings.Builder, s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			if i+2 >= len(s) {
				return false
			}
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if !ok1 || !ok2 {
				return false
			}
			b.WriteByte(hi<<4 | lo)
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
