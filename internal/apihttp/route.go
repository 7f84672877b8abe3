package apihttp

import (
	"net/http"
	"path"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// Format is the flavour of an API call: the API answers /api/….json in
// JSON and /api/….xml in XML.
type Format uint8

const (
	JSON Format = iota
	XML
)

// Call is an API call contactlint checks, as its path routes it.
type Call struct {
	Command string // contacts/add
	Format  Format
	Method  string // GET, POST or HEAD
}

// Route reports the call a request makes, when it is one the rules
// describe: a GET, POST or HEAD (a servlet answers HEAD by running GET) of
// /api/<command>.json or .xml. The path is read as the API's Java servlet
// container reads it before routing: path parameters (;jsessionid=…)
// dropped from each segment, empty and dot segments and a trailing slash
// removed; letter case is ignored, since a call the API would not route
// fails there anyway and checking it costs nothing.
func Route(eng *engine.Engine, method, urlPath string) (Call, bool) {
	if method != http.MethodGet && method != http.MethodPost && method != http.MethodHead {
		return Call{}, false
	}
	cmd, format, ok := CommandOf(urlPath)
	if !ok || !eng.HasCommand(cmd) {
		return Call{}, false
	}
	return Call{Command: cmd, Format: format, Method: method}, true
}

// CheckPrefix is the path prefix of the sidecar's check-only face:
// CheckPrefix + "/api/contacts/add.json" is never forwarded.
const CheckPrefix = "/check"

// CheckOnly reports whether a path is the check-only face's, in any
// spelling the API's own paths are routed in (//check/…, /Check/…,
// /check;x=1/…, /x/../check/…), and returns the path under the prefix,
// cleaned (CleanPath) — or the whole path cleaned when it is not.
func CheckOnly(p string) (rest string, ok bool) {
	c := CleanPath(p)
	if c == CheckPrefix || strings.HasPrefix(c, CheckPrefix+"/") {
		return c[len(CheckPrefix):], true
	}
	return c, false
}

// NoSuchPath is the sidecar's answer to a cleaned path it does not route
// (CommandOf's !ok): not an /api/ path, or one without .json or .xml.
func NoSuchPath(p string) string {
	if !strings.HasPrefix(p, "/api/") {
		return "no such path: the API's paths are /api/<command>.json, and /check/api/<command>.json asks what the API would answer"
	}
	return "no such path: the API's paths end in .json (or .xml)"
}

// CommandOf reads the command of an /api/ path. It allocates only for a
// path that needs normalising.
func CommandOf(p string) (cmd string, format Format, ok bool) {
	rest, ok := strings.CutPrefix(CleanPath(p), "/api/")
	if !ok {
		return "", 0, false
	}
	if c, ok := strings.CutSuffix(rest, ".json"); ok {
		return c, JSON, c != ""
	}
	if c, ok := strings.CutSuffix(rest, ".xml"); ok {
		return c, XML, c != ""
	}
	return "", 0, false
}

// CleanPath is a path as a servlet container maps it: backslashes read
// as slashes, path parameters dropped, "//", "/./", "/../" and a
// trailing "/" resolved, lower-cased.
// Every decision on a path (checked or not, forwarded or not) is taken on
// it, so that no spelling of a path escapes its decision.
func CleanPath(p string) string {
	if strings.IndexByte(p, '\\') >= 0 {
		// Servers that map a backslash as "/" (IIS; Tomcat with
		// allowBackslash) would route /check\… and /api\… as /check/…
		// and /api/….
		p = strings.ReplaceAll(p, "\\", "/")
	}
	if strings.IndexByte(p, ';') >= 0 {
		p = dropPathParams(p)
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = path.Clean(p) // no copy when clean
	return strings.ToLower(p)
}

// dropPathParams removes each segment's ";…" (RFC 3986's path parameters,
// which a servlet container strips before it maps a path).
func dropPathParams(p string) string {
	var b strings.Builder
	for i, seg := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		seg, _, _ = strings.Cut(seg, ";")
		b.WriteString(seg)
	}
	return b.String()
}

// LogPath is a path as it may be logged: without path parameters (a
// session id is a credential) and at most 200 bytes.
func LogPath(p string) string {
	if strings.IndexByte(p, ';') >= 0 {
		p = dropPathParams(p)
	}
	if len(p) > 200 {
		p = p[:200] + "…"
	}
	return p
}
