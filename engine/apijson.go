package engine

import (
	"unicode/utf8"
)

// APIStyle chooses how APIResponse escapes strings.
type APIStyle uint8

const (
	// Plain renders as the API documentation prints its answers.
	Plain APIStyle = iota
	// Wire renders byte for byte as the live API sends them: its JSON
	// writer (Gson) escapes < > & = ' as \u003c \u003e \u0026 \u003d \u0027.
	Wire
)

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way Gson's JsonWriter
// writes it: short escapes for \" \\ \t \b \n \r \f, \u00XX for other
// control characters, \u2028 and \u2029 escaped, everything else as is.
// Invalid UTF-8 becomes U+FFFD, as a Java string would hold it.
func appendJSONString(dst []byte, s string, style APIStyle) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '"':
				dst = append(dst, '\\', '"')
			case c == '\\':
				dst = append(dst, '\\', '\\')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c == '\b':
				dst = append(dst, '\\', 'b')
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\f':
				dst = append(dst, '\\', 'f')
			case c < 0x20, style == Wire && (c == '<' || c == '>' || c == '&' || c == '=' || c == '\''):
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u2028':
			dst = append(dst, `\u2028`...)
		case '\u2029':
			dst = append(dst, `\u2029`...)
		default:
			dst = utf8.AppendRune(dst, r) // utf8.RuneError for invalid bytes
		}
	}
	return append(dst, '"')
}
