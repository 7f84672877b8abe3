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
func (p Pos) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// MarshalText renders p as String does, so JSON output carries
// "rules/contacts.yaml:12:5".
func (p Pos) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
