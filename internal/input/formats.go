package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// maxYAMLDocument bounds one YAML document: one may hold a list of many
// requests (each still at most MaxRequest), but not without end.
const maxYAMLDocument = 8 << 20

// readYAML reads YAML documents: each a request (a mapping, in any of the
// JSON forms) or a list of them. Scalars are read as the strings they are
// written as: zipcode: 01000 stays "01000". Documents are split at their
// markers (--- and ... at the start of a line, as YAML defines them) before
// parsing, so memory is bounded by the largest document: one over
// maxYAMLDocument is reported and skipped.
func readYAML(br *bufio.Reader, keys map[string]string, emit ItemFunc) error {
	return splitYAML(br, func(start int, doc []byte, tooLong bool) error {
		if tooLong {
			emit(start, nil, Errorf("the YAML document is longer than %d MiB", maxYAMLDocument>>20))
			return nil
		}
		var root yaml.Node
		if err := yaml.Unmarshal(doc, &root); err != nil {
			// One document is one unreadable record: the documents after
			// it, split at their markers, are read.
			// The record names the line; the parser's own count is dropped.
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
				msg = rest
			}
			emit(start-1+lineOfYAMLError(err, doc), nil, Errorf("invalid YAML: %s", msg))
			return nil
		}
		if len(root.Content) == 0 {
			return nil
		}
		items := []*yaml.Node{root.Content[0]}
		if items[0].Kind == yaml.SequenceNode {
			items = items[0].Content
		}
		for _, n := range items {
			line := start - 1 + n.Line
			var b bytes.Buffer
			if err := yamlToJSON(n, &b); err != nil {
				emit(line, nil, err)
				continue
			}
			if b.Len() > MaxRequest {
				emit(line, nil, Errorf("%s", errTooLong))
				continue
			}
			data := b.Bytes()
			emit(line, func() (Decoded, error) { return Decode(data, keys) }, nil)
		}
		return nil
	})
}

// splitYAML hands each document of a YAML stream to fn with the line it
// starts on; a document over maxYAMLDocument is handed over as tooLong,
// its bytes not kept.
func splitYAML(br *bufio.Reader, fn func(start int, doc []byte, tooLong bool) error) error {
	var doc, text []byte
	start, line, tooLong, content := 1, 0, false, false
	flush := func() error {
		defer func() { doc, tooLong, content = doc[:0], false, false }()
		if !content && !tooLong {
			return nil
		}
		return fn(start, doc, tooLong)
	}
	for {
		// One whole line, kept only while the document stays in bounds.
		text = text[:0]
		long := false
		chunk, err := br.ReadSlice('\n')
		for {
			if len(text)+len(chunk) <= maxYAMLDocument {
				text = append(text, chunk...)
			} else {
				long = true
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
			chunk, err = br.ReadSlice('\n')
		}
		if len(text) > 0 || long {
			line++
			marker := bytes.HasPrefix(text, []byte("---")) && (len(text) == 3 || text[3] == ' ' || text[3] == '\n' || text[3] == '\r' || text[3] == '\t')
			if marker && content {
				if ferr := flush(); ferr != nil {
					return ferr
				}
			}
			if marker || !content && len(doc) == 0 {
				start = line
			}
			trimmed := bytes.TrimSpace(text)
			if long || len(trimmed) > 0 && trimmed[0] != '#' && !bytes.Equal(trimmed, []byte("---")) && !bytes.Equal(trimmed, []byte("...")) {
				content = true
			}
			if long || !tooLong && len(doc)+len(text) > maxYAMLDocument {
				tooLong, doc = true, nil // let the memory go
			}
			if !tooLong {
				doc = append(doc, text...)
			}
			if bytes.HasPrefix(text, []byte("...")) {
				if ferr := flush(); ferr != nil {
					return ferr
				}
			}
			if long {
				text = nil
			}
		}
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
	}
}

func lineOfYAMLError(err error, doc []byte) int {
	var n int
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr == nil {
		// The parser's errors ("did not find expected …") count lines
		// from 0 where its scanner's count from 1.
		if strings.Contains(msg, ": did not find expected") {
			n++
		}
		return n
	}
	// The parser names no line for a character it does not take: the
	// first one YAML does not allow (a control character) is where.
	if i := bytes.IndexFunc(doc, func(r rune) bool {
		return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f && r != 0x85 || r == utf8.RuneError
	}); i >= 0 {
		return 1 + bytes.Count(doc[:i], []byte("\n"))
	}
	return 1 + bytes.Count(doc[:len(doc)-len(bytes.TrimLeft(doc, " \t\r\n"))], []byte("\n"))
}

// yamlToJSON writes a YAML node as JSON, every scalar a string (null
// stays null). Anchors and aliases are refused: an alias bomb would expand
// a small input without bound.
func yamlToJSON(n *yaml.Node, b *bytes.Buffer) error {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return Errorf("anchors and aliases are not allowed in requests")
	}
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return Errorf("line %d: a key must be a name", k.Line)
			}
			writeJSONString(b, k.Value)
			b.WriteByte(':')
			if err := yamlToJSON(n.Content[i+1], b); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := yamlToJSON(c, b); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			b.WriteString("null")
		} else {
			writeJSONString(b, n.Value)
		}
	default:
		return Errorf("line %d: unexpected YAML", n.Line)
	}
	return nil
}

// looksLikeQuery reports whether a line is a query string (name=value&…)
// or a request URL, rather than JSON.
func looksLikeQuery(line []byte) bool {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] == '{' || line[0] == '[' {
		return false
	}
	s := string(line)
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || bytes.IndexByte(line, '=') > 0
}

// readQuery reads a request per line as sent to the API: a query string
// (name=Ada&phone-cc=44…), or a whole URL whose path names the command
// (https://test.httpapi.com/api/contacts/add.json?…). Blank lines and
// lines starting with # are no requests; they go with the next request
// (its Layout.Lead), for fix to write back. A line over the size limit is
// kept by sp, when given, as a JSON Lines one is.
func readQuery(br *bufio.Reader, emit ItemFunc, o Options) error {
	var lead []byte // comment lines, and the blank lines before them
	last := 0
	err := readJSONL(br, func(line int, data []byte, err error, lay Layout) {
		last = line
		text := strings.TrimSpace(string(data))
		if err == nil && strings.HasPrefix(text, "#") {
			lead = append(append(append(lead, lay.Lead...), data...), lay.End...)
			return
		}
		lay.Lead, lead = append(lead, lay.Lead...), nil
		if err != nil {
			// Through decode, so that the error keeps its place.
			emit(line, func() (Decoded, error) { return Decoded{Layout: lay, Query: true}, err }, nil)
			return
		}
		raw := string(data)
		emit(line, func() (Decoded, error) {
			d, err := decodeQuery(text, o.Secret)
			d.Layout, d.Line, d.Query = lay, raw, true
			return d, err
		}, nil)
	}, o.Spill)
	if err == nil && len(lead) > 0 { // comments after the last request
		trailer := Decoded{Layout: Layout{Lead: lead}, Query: true, Trailer: true}
		emit(last, func() (Decoded, error) { return trailer, nil }, nil)
	}
	return err
}

func decodeQuery(text string, secret func(string) bool) (Decoded, error) {
	if secret == nil {
		secret = func(string) bool { return false }
	}
	var d Decoded
	query := text
	if path, q, ok := requestPath(text); ok {
		// A fragment (#…) is no part of a request: clients never send it.
		body, frag, hasFrag := strings.Cut(text, "#")
		if hasFrag {
			d.QuerySuffix = "#" + frag
		}
		d.QueryPrefix = strings.TrimSuffix(body, q) // its "?" included
		// The command as the sidecar and Transport route the path: any
		// spelling of it (/API/Contacts/Add.json, .xml, /check/api/…)
		// names the same command, and one they do not route is refused
		// as they refuse it, so that every face gives one verdict.
		p, err := url.PathUnescape(path) // as net/http decodes a request's path
		if err != nil {
			return d, Errorf("the URL's path cannot be decoded (a malformed %%-escape)") // the line is not quoted: its query may hold a secret
		}
		rest, _ := apihttp.CheckOnly(p)
		cmd, format, ok := apihttp.CommandOf(rest)
		if !ok {
			return d, Errorf("%s", apihttp.NoSuchPath(rest))
		}
		d.Req.Command, d.XML = cmd, format == apihttp.XML
		query = q
	} else {
		// "?name=…&api-key=…" as copied from a URL: the "?" is no part of
		// the first name (it hid api-key from the secrets). A URL's own
		// query is read as sent: "??country=…" names "?country", as the
		// sidecar and the API read it.
		query = strings.TrimPrefix(query, "?")
	}
	// Read as the sidecar reads a call: what cannot be decoded is left
	// out and named, the rest checked.
	d.Req.Params, d.Unread = apihttp.ParseLenient(query, make([]engine.Param, 0, strings.Count(query, "&")+1), secret)
	return d, nil
}

// requestPath splits a line that is a request's URL — absolute
// (http://host/…, any case) or a path (/api/…) — into its path and its
// query ("" when it has none), as a server reads a request line: a path
// that starts with "//" is a path, not a host. ok is false for a bare
// query string.
func requestPath(text string) (path, query string, ok bool) {
	rest, _, _ := strings.Cut(text, "#") // a fragment is never sent
	switch {
	case strings.HasPrefix(text, "/"):
	case hasPrefixFold(text, "http://") || hasPrefixFold(text, "https://"):
		rest = rest[strings.Index(rest, "://")+3:]
		if i := strings.IndexAny(rest, "/?"); i >= 0 {
			rest = rest[i:]
		} else {
			rest = ""
		}
	default:
		return "", "", false
	}
	path, query, _ = strings.Cut(rest, "?")
	if path == "" {
		path = "/"
	}
	return path, query, true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
