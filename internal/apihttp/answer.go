package apihttp

import (
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// Refusal is the API's answer to a refused call in its format: the body
// and Content-Type, with RefusalStatus. On a .json path it is the live
// API's bytes ("=" as \u003d); on a .xml path the shape a public client
// of the API's XML flavour reads: <response><status>ERROR</status>
// <message>…</message></response>.
func Refusal(res engine.Result, format Format) (body []byte, contentType string) {
	if format != XML {
		return res.APIResponseStyle(engine.Wire), RefusalContentType
	}
	var b strings.Builder
	b.WriteString("<response><status>ERROR</status><message>")
	escapeXML(&b, res.APIMessage())
	b.WriteString("</message></response>")
	return []byte(b.String()), RefusalContentTypeXML
}

// escapeXML writes s as XML character data.
func escapeXML(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
}
