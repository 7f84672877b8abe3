package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

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
// directory is read for), the help text and the reader all come from it;
// detect, which sniffs a kind from content, is the one place that knows
// them by hand.
type Kind struct {
	format Format
	names  []string // -input values, the first the kind's name
	exts   []string
	doc    string
	read   func(br *bufio.Reader, r *reading) error
}

// reading is what a kind's reader hands its requests to: JSON requests
// as bytes (json), the other kinds with their own way to decode (other).
type reading struct {
	o     Options
	json  emitFunc
	other ItemFunc
}

var kinds = [...]Kind{
	{FormatJSONL, []string{"jsonl", "ndjson"}, []string{".jsonl", ".ndjson"}, "one JSON request per line",
		func(br *bufio.Reader, r *reading) error { return readJSONL(br, r.json, r.o.Spill) }},
	{FormatJSON, []string{"json"}, []string{".json"}, "a JSON object, an array of them, or objects one after another",
		func(br *bufio.Reader, r *reading) error { return readJSON(br, r.json, r.o.Spill) }},
	{FormatYAML, []string{"yaml", "yml"}, []string{".yaml", ".yml"}, "YAML documents, each a request or a list of them",
		func(br *bufio.Reader, r *reading) error { return readYAML(br, r.o.Keys, r.other) }},
	{FormatCSV, []string{"csv"}, []string{".csv"}, "a header row of parameter names, then a request per row; , or ; or tab",
		func(br *bufio.Reader, r *reading) error { return readCSV(br, 0, r.o.Columns, r.other) }},
	{FormatTSV, []string{"tsv"}, []string{".tsv", ".tab"}, "CSV with tabs",
		func(br *bufio.Reader, r *reading) error { return readCSV(br, '\t', r.o.Columns, r.other) }},
	{FormatQuery, []string{"query", "qs"}, []string{".qs", ".query"}, "a query string or request URL per line, as sent to the API",
		func(br *bufio.Reader, r *reading) error { return readQuery(br, r.other, r.o) }},
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
