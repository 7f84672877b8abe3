package input

import "encoding/json"

// A fast path for the common case: one JSON object whose members are
// split without decoding them. encoding/json's Decoder.Token costs ~200
// allocations per request; this costs one slice. Anything the scanner
// does not take (escaped keys, deep nesting, and every syntax error) goes
// to the encoding/json path, which words the error; the fuzz target
// FuzzScanObject holds the two to the same answer.

const maxScanDepth = 32

// ScanObject splits data, a JSON object with optional surrounding white
// space, into its members in order, duplicates kept. ok is false when the
// scanner does not take data.
func ScanObject(data []byte) (members []Member, ok bool) { return scanObjectIn(nil, data, "", false) }

// ScanObjectEscaped is ScanObject taking escaped keys too, decoded
// ("n\u0061me" is name): for writing a request back, where a key's
// escape must not make the whole request be written anew.
func ScanObjectEscaped(data []byte) (members []Member, ok bool) {
	return scanObjectIn(nil, data, "", true)
}

// scanObjectIn is scanObject appending to dst, with the keys taken from
// src, data as a string (src == string(data)), when src is not empty:
// substrings of one string instead of a string per key.
func scanObjectIn(dst []Member, data []byte, src string, unescape bool) (members []Member, ok bool) {
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	members = dst[:0]
	if members == nil {
		members = make([]Member, 0, 16)
	}
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == '}' {
		return members, skipWS(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		end, escaped, ok := scanString(data, i)
		if !ok || escaped && !unescape {
			return nil, false
		}
		at := i
		var key string
		switch {
		case escaped:
			if key, ok = unescapeKey(data[i:end]); !ok {
				return nil, false
			}
		case src != "":
			key = src[i+1 : end-1]
		default:
			key = string(data[i+1 : end-1])
		}
		i = skipWS(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipWS(data, i+1)
		end, ok = scanValue(data, i, 0)
		if !ok {
			return nil, false
		}
		members = append(members, Member{Key: key, Val: data[i:end:end], At: at, VS: i})
		i = skipWS(data, end)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipWS(data, i+1)
		case '}':
			return members, skipWS(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

func skipWS(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// scanValue returns the end of the value at data[i].
func scanValue(data []byte, i, depth int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch c := data[i]; {
	case c == '"':
		end, _, ok := scanString(data, i)
		return end, ok
	case c == '{' || c == '[':
		if depth >= maxScanDepth {
			return 0, false
		}
		return scanContainer(data, i, depth+1)
	case c == 't':
		return scanLiteral(data, i, "true")
	case c == 'f':
		return scanLiteral(data, i, "false")
	case c == 'n':
		return scanLiteral(data, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		return scanNumber(data, i)
	}
	return 0, false
}

func scanContainer(data []byte, i, depth int) (int, bool) {
	closer := byte(']')
	object := data[i] == '{'
	if object {
		closer = '}'
	}
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == closer {
		return i + 1, true
	}
	for {
		if object {
			if i >= len(data) || data[i] != '"' {
				return 0, false
			}
			end, _, ok := scanString(data, i)
			if !ok {
				return 0, false
			}
			i = skipWS(data, end)
			if i >= len(data) || data[i] != ':' {
				return 0, false
			}
			i = skipWS(data, i+1)
		}
		end, ok := scanValue(data, i, depth)
		if !ok {
			return 0, false
		}
		i = skipWS(data, end)
		if i >= len(data) {
			return 0, false
		}
		switch data[i] {
		case ',':
			i = skipWS(data, i+1)
		case closer:
			return i + 1, true
		default:
			return 0, false
		}
	}
}

// scanString returns the end of the string at data[i] (past its closing
// quote) and whether it holds an escape. The input is valid UTF-8
// (Decode checks); control characters must be escaped.
func scanString(data []byte, i int) (end int, escaped, ok bool) {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1, escaped, true
		case c < 0x20:
			return 0, false, false
		case c == '\\':
			escaped = true
			i++
			if i >= len(data) {
				return 0, false, false
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(data) {
					return 0, false, false
				}
				for _, h := range data[i+1 : i+5] {
					if !isHex(h) {
						return 0, false, false
					}
				}
				i += 4
			default:
				return 0, false, false
			}
		}
	}
	return 0, false, false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func scanLiteral(data []byte, i int, lit string) (int, bool) {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return 0, false
	}
	return i + len(lit), true
}

// scanNumber follows JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func scanNumber(data []byte, i int) (int, bool) {
	digits := func(i int) int {
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i
	}
	if data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = digits(i)
	default:
		return 0, false
	}
	if i < len(data) && data[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}

// unescapeKey decodes a JSON string with escapes (a function of its own:
// the decoded string escapes to the heap, the common key must not).
func unescapeKey(quoted []byte) (string, bool) {
	var k string
	err := json.Unmarshal(quoted, &k)
	return k, err == nil
}
