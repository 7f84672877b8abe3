// Package calibrate compares contactlint's verdict on a call with the live
// API's answer to it, and records what it finds: the sidecar's observe and
// enforce modes, Transport's comparison hook and contactlint calibrate
// read and write the same records.
package calibrate

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"sync"
)

// Kind is what an answer of the API's says of a call.
type Kind string

const (
	Success    Kind = "success"    // the API took the call
	Refusal    Kind = "refusal"    // it refused it, with a message
	Unreadable Kind = "unreadable" // not an answer of the API's (a proxy's error page, a cut body)
)

// Answer is the API's answer to a call, as read.
type Answer struct {
	Status int  `json:"status"`
	Kind   Kind `json:"kind"`
	// Body is a success's shape: id (a number), true, map, list or other.
	Body string `json:"body,omitempty"`
	// Message is a refusal's message as the API words it.
	Message string `json:"message,omitempty"`
	// Fields is the message read as the API's error map ({k=v, …}), in
	// its order.
	Fields []Field `json:"fields,omitempty"`
	// Required is the parameter of "Required parameter missing: x".
	Required string `json:"required,omitempty"`
	// Deprecated: "Feature deprecated. Please refer to KB link".
	Deprecated bool `json:"deprecated,omitempty"`
}

// Field is one entry of the API's error map.
type Field struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

// MaxCompared is how much of an answer is read to compare it, MaxCompared+1
// bytes read telling one too large: the API's answers to contacts calls
// are a few hundred bytes.
const MaxCompared = 64 << 10

// ReadHTTPAnswer reads an answer as the sidecar and Transport peek at it:
// its status, its Content-Encoding, and the first MaxCompared+1 bytes of
// its body. A gzipped body is read uncompressed; one in another coding
// (br, deflate, gzip twice), or larger than MaxCompared either way, is
// Unreadable — never its compressed bytes read as a success.
func ReadHTTPAnswer(status int, contentEncoding string, body []byte) Answer {
	var codings []string
	for c := range strings.SplitSeq(contentEncoding, ",") {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
			codings = append(codings, c)
		}
	}
	gzipped := len(codings) == 1 && (codings[0] == "gzip" || codings[0] == "x-gzip")
	if len(codings) > 0 && !gzipped {
		return Answer{Status: status, Kind: Unreadable}
	}
	if gzipped && len(body) <= MaxCompared {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return Answer{Status: status, Kind: Unreadable}
		}
		body, err = io.ReadAll(io.LimitReader(zr, MaxCompared+1))
		if err != nil {
			return Answer{Status: status, Kind: Unreadable}
		}
	}
	if len(body) > MaxCompared {
		return Answer{Status: status, Kind: Unreadable}
	}
	return ReadAnswer(status, body)
}

// ReadAnswer reads the API's answer: its HTTP status and body. The JSON
// flavour's errors are {"status":"ERROR","message":"…"} (Gson writes = as
// \u003d, which JSON decoding undoes); the XML flavour's are
// <response><status>ERROR</status><message>…</message></response>.
// Successes are a new id, true, or a map.
func ReadAnswer(status int, body []byte) Answer {
	a := Answer{Status: status}
	b := bytes.TrimSpace(body)
	switch {
	case len(b) > 0 && b[0] == '<':
		readXML(&a, b)
	case len(b) > 0:
		readJSON(&a, b)
	}
	if a.Kind == "" {
		if status >= 200 && status < 300 {
			a.Kind, a.Body = Success, "other"
		} else {
			a.Kind = Unreadable
		}
	}
	if a.Kind == Refusal {
		readMessage(&a)
	}
	return a
}

func readJSON(a *Answer, b []byte) {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		if s, _ := v["status"].(string); strings.EqualFold(s, "ERROR") {
			a.Kind = Refusal
			if m, ok := v["message"].(string); ok {
				a.Message = m
			} else if m, ok := v["message"]; ok {
				j, _ := json.Marshal(m)
				a.Message = string(j)
			}
			return
		}
		if a.Status < 400 {
			a.Kind, a.Body = Success, "map"
		}
	case float64:
		if a.Status < 400 {
			a.Kind, a.Body = Success, "id"
		}
	case bool:
		if v && a.Status < 400 {
			a.Kind, a.Body = Success, "true"
		} else if !v {
			// "false otherwise": the call was not carried out.
			a.Kind, a.Message = Refusal, "false"
		}
	case []any:
		if a.Status < 400 {
			a.Kind, a.Body = Success, "list"
		}
	}
}

func readXML(a *Answer, b []byte) {
	var root struct {
		XMLName xml.Name
		Status  string `xml:"status"`
		Message string `xml:"message"`
	}
	if xml.Unmarshal(b, &root) != nil {
		return
	}
	switch {
	case root.XMLName.Local == "response" && strings.EqualFold(root.Status, "ERROR"):
		a.Kind, a.Message = Refusal, root.Message
	case a.Status >= 400:
	case root.XMLName.Local == "int" || root.XMLName.Local == "long":
		a.Kind, a.Body = Success, "id"
	case root.XMLName.Local == "boolean":
		a.Kind, a.Body = Success, "true"
	case root.XMLName.Local == "hashtable" || root.XMLName.Local == "map":
		a.Kind, a.Body = Success, "map"
	default:
		a.Kind, a.Body = Success, "other"
	}
}

const (
	requiredPrefix   = "Required parameter missing: "
	deprecatedPrefix = "Feature deprecated"
)

// mapEntry finds where the API's error map starts a new entry: ", " and
// a key (parameter names and attribute names: letters, digits, _ . -)
// followed by "=". A value may itself hold ", ".
var mapEntry = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`, ([A-Za-z0-9_.\-]+)=`) })

// readMessage reads a refusal's message: a missing parameter, the
// deprecation, or the error map as java.util.Hashtable prints it.
func readMessage(a *Answer) {
	m := a.Message
	switch {
	case strings.HasPrefix(m, requiredPrefix):
		a.Required = strings.TrimSpace(strings.TrimPrefix(m, requiredPrefix))
	case strings.HasPrefix(m, deprecatedPrefix):
		a.Deprecated = true
	case len(m) > 2 && m[0] == '{' && m[len(m)-1] == '}':
		a.Fields = splitMap(m[1 : len(m)-1])
	}
}

func splitMap(s string) []Field {
	k, rest, ok := strings.Cut(s, "=")
	if !ok || !isKey(k) {
		return nil
	}
	var out []Field
	for {
		loc := mapEntry().FindStringSubmatchIndex(rest)
		if loc == nil {
			return append(out, Field{k, rest})
		}
		out = append(out, Field{k, rest[:loc[0]]})
		k, rest = rest[loc[2]:loc[3]], rest[loc[1]:]
	}
}

func isKey(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}
