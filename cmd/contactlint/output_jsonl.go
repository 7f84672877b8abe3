package main

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/contactlint/contactlint/engine"
)

// appendRecord appends r as its JSON Lines object, byte for byte what
// encoding/json writes for jsonRecord with HTML escaping off (a test holds
// the two to the same bytes), without reflection or a buffer per record:
// JSON output was a fifth of the CLI's time on large exports.
func appendRecord(b []byte, j *jsonRecord) []byte {
	b = append(b, `{"index":`...)
	b = strconv.AppendInt(b, int64(j.Index), 10)
	if j.File != "" {
		b = append(b, `,"file":`...)
		b = appendString(b, j.File)
	}
	if j.Line != 0 {
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(j.Line), 10)
	}
	if j.ContactID != "" {
		b = append(b, `,"contact-id":`...)
		b = appendString(b, j.ContactID)
	}
	b = append(b, `,"ok":`...)
	b = strconv.AppendBool(b, j.OK)
	if j.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, j.Error)
	}
	b = append(b, `,"response":`...)
	if j.Response == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, j.Response...) // already JSON, compact
	}
	b = append(b, `,"fields":`...)
	b = appendFields(b, j.Fields)
	b = append(b, `,"violations":`...)
	if j.Violations == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range j.Violations {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendViolation(b, &j.Violations[i])
		}
		b = append(b, ']')
	}
	if len(j.Contacts) > 0 {
		b = append(b, `,"contacts":[`...)
		for i, c := range j.Contacts {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"role":`...)
			b = appendString(b, c.Role)
			b = append(b, `,"ok":`...)
			b = strconv.AppendBool(b, c.OK)
			b = append(b, `,"response":`...)
			if c.Response == nil {
				b = append(b, "null"...)
			} else {
				b = append(b, c.Response...)
			}
			b = append(b, `,"fields":`...)
			b = appendFields(b, c.Fields)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

func appendViolation(b []byte, v *engine.Violation) []byte {
	b = append(b, `{"field":`...)
	b = appendString(b, v.Field)
	b = append(b, `,"param":`...)
	b = appendString(b, v.Param)
	b = append(b, `,"code":`...)
	b = appendString(b, v.Code)
	b = append(b, `,"severity":`...)
	b = appendString(b, v.Severity.String())
	b = append(b, `,"message":`...)
	b = appendString(b, v.Message)
	if v.Fix != "" {
		b = append(b, `,"fix":`...)
		b = appendString(b, v.Fix)
	}
	b = append(b, `,"rule":`...)
	b = appendString(b, v.Rule.String())
	if v.Role != "" {
		b = append(b, `,"role":`...)
		b = appendString(b, v.Role)
	}
	return append(b, '}')
}

// appendFields writes a map as encoding/json does: keys sorted; null for
// a nil map.
func appendFields(b []byte, m map[string]string) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, m[k])
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping off:
// \" \\ \n \r \t \b \f, other control characters as \u00XX, invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
