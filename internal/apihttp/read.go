package apihttp

import (
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// Unread says why a call's body is not read as parameters, before it is
// read: "" when it is, or when there is none to read. The API (a Java
// servlet's getParameter) reads a POST body as parameters only when it is
// application/x-www-form-urlencoded and not compressed; what it makes of
// anything else (multipart, JSON, gzip) is not known, so such a call is
// sent on unchecked rather than answered "Required parameter missing"
// here.
func Unread(method string, h http.Header, hasBody bool) string {
	if method != http.MethodPost || !hasBody {
		return ""
	}
	if ce := h.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return "not checked: the body is compressed (Content-Encoding " + token(ce) + "), which the API is not known to read as parameters"
	}
	if IsForm(h) {
		return ""
	}
	ct, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	switch {
	case h.Get("Content-Type") == "":
		return "not checked: the body has no Content-Type, and the API reads only a form body as parameters"
	case err != nil:
		return "not checked: the body's Content-Type cannot be read, and the API reads only a form body as parameters"
	}
	return "not checked: the body is " + token(ct) + ", which the API is not known to read as parameters"
}

// TooLarge is Unread's reason for a body larger than MaxBody.
const TooLarge = "not checked: the body is larger than 1 MiB"

// IsForm reports whether a body is form parameters, which the API reads
// as it reads the query.
func IsForm(h http.Header) bool {
	const form = "application/x-www-form-urlencoded"
	v := h.Get("Content-Type")
	if v == form { // what PHP's curl sends; ParseMediaType allocates a map
		return true
	}
	ct, _, err := mime.ParseMediaType(v)
	return err == nil && ct == form
}

// Reading is a call's parameters as the check reads them.
type Reading struct {
	Request engine.Request
	// Unread names the parameters whose %-escapes could not be decoded
	// (at most maxUnread): the call is checked without them, as a lenient
	// servlet container reads it.
	Unread []string
}

const maxUnread = 5

// Read is the request to check: the query's parameters, then a POST's
// form body's (body, read whole), with the TLD and role from their
// headers; the method is call's. The parameters are appended to params, a
// list the caller may reuse once done with the request (nil for a new
// one). A parameter that cannot be decoded is left out and named, unless
// its name may hold one of eng's credentials.
func Read(eng *engine.Engine, r *http.Request, call Call, body string, params []engine.Param) Reading {
	var rd Reading
	if params == nil {
		params = make([]engine.Param, 0, strings.Count(r.URL.RawQuery, "&")+strings.Count(body, "&")+2)
	}
	params, unread := ParseLenient(r.URL.RawQuery, params, eng.MayHoldSecret)
	if call.Method == http.MethodPost && len(body) > 0 && IsForm(r.Header) {
		var more []string
		params, more = ParseLenient(body, params, eng.MayHoldSecret)
		unread = append(unread, more...)
	}
	rd.Unread = unread[:min(len(unread), maxUnread)]
	rd.Request = engine.Request{
		Command: call.Command,
		TLDs:    engine.SplitTLDs(r.Header.Get(HeaderTLD)),
		Role:    r.Header.Get(HeaderRole),
		Method:  call.Method,
		Params:  params,
	}
	return rd
}

// ParseLenient appends query's parameters to params, as a lenient servlet
// container reads them: one whose name or value cannot be decoded (a
// malformed %-escape) is left out, and named among the names returned
// (at most maxUnread; a name that cannot be decoded is named
// "(undecodable-name)", one that may hold a credential by secret's
// reckoning engine.MaskedName). Every face reads a query so.
func ParseLenient(query string, params []engine.Param, secret func(name string) bool) ([]engine.Param, []string) {
	if query == "" {
		return params, nil
	}
	params, err := engine.AppendQuery(params, query)
	if err == nil {
		return params, nil
	}
	var unread []string
	for pair := range strings.SplitSeq(query, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		name, errK := url.QueryUnescape(k)
		value, errV := url.QueryUnescape(v)
		if errK != nil || errV != nil {
			if len(unread) < maxUnread {
				switch {
				case errK != nil:
					// Not named: a key that is no name may be a piece of a
					// value sent unescaped, a password's perhaps.
					name = "(undecodable-name)"
				case secret(name):
					name = engine.MaskedName
				}
				unread = append(unread, token(name))
			}
			continue
		}
		params = append(params, engine.Param{Name: name, Value: value})
	}
	return params, unread
}

// token is s as it may go in a header or a log: printable ASCII, at most
// 64 bytes.
func token(s string) string {
	b := []byte(s)
	if len(b) > 64 {
		b = b[:64]
	}
	for i, c := range b {
		if c < 0x21 || c > 0x7e || c == '"' || c == ',' {
			b[i] = '?'
		}
	}
	return string(b)
}

// UnreadWarning is the warning for a call checked without the
// parameters it names.
func UnreadWarning(names []string) string {
	return "checked without parameters that could not be decoded (a malformed %-escape): " + strings.Join(names, " ")
}
