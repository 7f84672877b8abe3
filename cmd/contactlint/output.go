package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
	"github.com/contactlint/contactlint/internal/input"
	"github.com/contactlint/contactlint/internal/text/jsonenc"
)

// record is one request as read and checked: where it came from, and its
// result or the reason it could not be read.
type record struct {
	index int
	file  string // as displayed: "<stdin>" for -
	line  int
	err   error
	res   engine.Result
	// contactID names an exported contact (its id), for reports.
	contactID string
	// key names the request for a baseline (pipeline.keyed).
	key string
	// fixed and changes are contactlint fix's: the request with its fixes
	// applied, and what changed.
	fixed   *input.Decoded
	changes []change
	raw     []byte            // an unreadable request's bytes, for fix to write back
	layout  input.Layout      // where it was among the input's lines, for fix
	set     *engine.SetResult // instead of res, for a contact set
	// unread names a query line's parameters that could not be decoded:
	// checked without them, as the sidecar checks such a call.
	unread []string
	// query: raw is a query line (else JSON); xml: the line's path asks
	// for the API's XML answers.
	query, xml bool
	// trailer: no request, the comment lines after a query file's last
	// one (layout.Lead): fix -format query writes them, nothing else
	// sees them.
	trailer bool
}

func (r *record) ok() bool {
	if r.set != nil {
		return r.err == nil && r.set.OK()
	}
	return r.err == nil && r.res.OK()
}

// violations are the record's violations, each contact's with its role.
func (r *record) violations() []engine.Violation {
	if r.set != nil {
		return r.set.Violations()
	}
	return r.res.Violations
}

// printer writes records in one output format. Records arrive in input
// order; Close flushes.
type printer interface {
	Print(r *record) error
	Close() error
}

var outputFormats = []string{"text", "jsonl", "json", "api", "sarif", "github", "junit", "csv"}

// printOptions are the printers' settings beyond the format.
type printOptions struct {
	style engine.APIStyle
	color bool
	// annotations bounds github's annotations per input file (GitHub shows
	// only 10 errors and 10 warnings per step); stepSummary, when set, is
	// the file GitHub renders as the job summary ($GITHUB_STEP_SUMMARY).
	annotations int
	stepSummary string
}

func newPrinter(format string, w io.Writer, o printOptions) (printer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "text":
		return &textPrinter{w: bw, color: o.color}, nil
	case "sarif":
		return newSARIFPrinter(bw), nil
	case "github":
		return &githubPrinter{w: bw, limit: o.annotations, summaryPath: o.stepSummary}, nil
	case "jsonl":
		return newJSONPrinter(bw, false), nil
	case "json":
		return newJSONPrinter(bw, true), nil
	case "api":
		return &apiPrinter{w: bw, style: o.style}, nil
	case "junit":
		return &junitPrinter{w: bw}, nil
	case "csv":
		return newCSVPrinter(bw), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(outputFormats, ", "))
}

// jsonRecord is the JSON form of a record (the CLI contract's jsonl line).
type jsonRecord struct {
	Index      int                `json:"index"`
	File       string             `json:"file,omitempty"`
	Line       int                `json:"line,omitempty"`
	ContactID  string             `json:"contact-id,omitempty"`
	OK         bool               `json:"ok"`
	Error      string             `json:"error,omitempty"`
	Response   json.RawMessage    `json:"response"`
	Fields     map[string]string  `json:"fields"`
	Violations []engine.Violation `json:"violations"`
	// Contacts are a contact set's contacts, each as the API would answer it.
	Contacts []jsonContact `json:"contacts,omitempty"`
}

type jsonContact struct {
	Role     string            `json:"role"`
	OK       bool              `json:"ok"`
	Response json.RawMessage   `json:"response"`
	Fields   map[string]string `json:"fields"`
}

func toJSON(r *record) jsonRecord {
	j := jsonRecord{Index: r.index, File: r.file, Line: r.line, ContactID: r.contactID, OK: r.ok(), Fields: map[string]string{}, Violations: []engine.Violation{}}
	if r.err != nil {
		j.Error = r.err.Error()
		return j
	}
	if r.set != nil {
		for _, c := range r.set.Contacts {
			j.Contacts = append(j.Contacts, jsonContact{Role: c.Role, OK: c.OK(), Response: c.APIResponse(), Fields: c.Fields()})
		}
	} else {
		j.Response = r.res.APIResponse()
		j.Fields = r.res.Fields()
	}
	if v := r.violations(); v != nil {
		j.Violations = v
	}
	return j
}

// jsonPrinter writes one object per line (jsonl) or an array of them
// (json).
type jsonPrinter struct {
	w     *bufio.Writer
	array bool
	n     int
	buf   []byte // reused for each jsonl line
}

func newJSONPrinter(w *bufio.Writer, array bool) *jsonPrinter {
	return &jsonPrinter{w: w, array: array}
}

func (p *jsonPrinter) Print(r *record) error {
	if p.array {
		if p.n == 0 {
			p.w.WriteString("[\n")
		} else {
			p.w.WriteString(",\n")
		}
	}
	p.n++
	j := toJSON(r)
	if !p.array {
		p.buf = appendRecord(p.buf[:0], &j)
		_, err := p.w.Write(p.buf)
		return err
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = p.w.Write(b)
	return err
}

func (p *jsonPrinter) Close() error {
	if p.array {
		if p.n == 0 {
			p.w.WriteString("[]\n")
		} else {
			p.w.WriteString("\n]\n")
		}
	}
	return p.w.Flush()
}

// textPrinter writes file:line: field: message, one line per violation;
// in colour on a terminal.
type textPrinter struct {
	w     *bufio.Writer
	color bool
}

const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

func (p *textPrinter) paint(code, s string) string {
	if !p.color {
		return s
	}
	return code + s + ansiReset
}

func (p *textPrinter) Print(r *record) error {
	where := fmt.Sprintf("%s:%d", printable(r.file), r.line)
	if r.contactID != "" {
		where += ": contact " + printable(r.contactID)
	}
	where = p.paint(ansiDim, where)
	if r.err != nil {
		fmt.Fprintf(p.w, "%s: input: %s\n", where, p.paint(ansiRed, printable(r.err.Error())))
		return nil
	}
	for _, v := range r.violations() {
		role := ""
		if v.Role != "" {
			role = printable(v.Role) + ": "
		}
		sev, msg := "", p.paint(ansiRed, printable(v.Message))
		if v.Severity == engine.Warning {
			sev, msg = "warning: ", p.paint(ansiYellow, printable(v.Message))
		}
		fmt.Fprintf(p.w, "%s: %s%s: %s%s%s\n", where, role, printable(v.Field), sev, msg, printable(fixNote(v)))
	}
	return nil
}

func (p *textPrinter) Close() error { return p.w.Flush() }

// apiPrinter writes, per request, the API's exact answer on one line, or
// an empty line for a request that passes (the API would answer with the
// new contact's id), so that line N answers request N.
type apiPrinter struct {
	w     *bufio.Writer
	style engine.APIStyle
}

func (p *apiPrinter) Print(r *record) error {
	switch {
	case r.err != nil:
		// Never the empty line of a request that passes: what the
		// sidecar answers a call it cannot read, in its words.
		p.w.WriteString(`{"status":"ERROR","message":`)
		p.w.Write(jsonenc.AppendString(nil, r.err.Error()))
		p.w.WriteByte('}')
	case r.set != nil:
		// A contact set is one line too: {"registrant":<answer or null>,…}.
		p.w.WriteByte('{')
		for i, c := range r.set.Contacts {
			if i > 0 {
				p.w.WriteByte(',')
			}
			fmt.Fprintf(p.w, "%q:", c.Role)
			if b := c.APIResponseStyle(p.style); b != nil {
				p.w.Write(b)
			} else {
				p.w.WriteString("null")
			}
		}
		p.w.WriteByte('}')
	case r.xml && !r.res.OK(): // a line to /api/….xml: the API answers in XML
		b, _ := apihttp.Refusal(r.res, apihttp.XML)
		p.w.Write(b)
	default:
		p.w.Write(r.res.APIResponseStyle(p.style))
	}
	return p.w.WriteByte('\n')
}

func (p *apiPrinter) Close() error { return p.w.Flush() }

// printable escapes what an untrusted input could use to rewrite the
// operator's terminal or hide text: control characters (ESC, BEL, the C1
// range) and bidirectional overrides, written as \xNN or \uNNNN.
func printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unprintable(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unprintable(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
