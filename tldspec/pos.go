package tldspec

import "strconv"

// Pos is a place in a rule file. Line and Col count from 1; a Pos with no
// line names only the file (or nothing, when File is empty too).
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders p as file:line:col, the form editors and CI annotations
// understand.
func (p Pos) String() string { return string(p.appendText(nil)) }

// AppendText appends p as String renders it (encoding.TextAppender), so
// that output written per violation need not allocate a string.
func (p Pos) AppendText(b []byte) ([]byte, error) { return p.appendText(b), nil }

func (p Pos) appendText(b []byte) []byte {
	start := len(b)
	b = append(b, p.File...)
	if p.IsValid() {
		if p.File != "" {
			b = append(b, ':')
		}
		b = strconv.AppendInt(b, int64(p.Line), 10)
		if p.Col > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(p.Col), 10)
		}
	}
	if len(b) == start {
		b = append(b, '-')
	}
	return b
}

// MarshalText renders p as String does, so JSON output carries
// "rules/contacts.yaml:12:5".
func (p Pos) MarshalText() ([]byte, error) { return p.appendText(nil), nil }
