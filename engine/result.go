package engine

import (
	"strings"

	"github.com/contactlint/contactlint/internal/text/jsonenc"
	"github.com/contactlint/contactlint/tldspec"
)

// Severity of a violation: Error (the API or registry will reject the
// request) or Warning (likely trouble; the request may still pass).
type Severity = tldspec.Severity

const (
	Error   = tldspec.Error
	Warning = tldspec.Warning
)

// Violation is one failed rule.
type Violation struct {
	// Field is the API's key for the failed value: its internal key
	// (zip, telnocc, emailaddr), an attribute name, or the parameter name
	// where the API documents no key (customer-id).
	Field string `json:"field"`
	// Param is the request parameter that carries the value.
	Param string `json:"param"`
	// Code names the rule that failed; it is stable.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Message is the API's wording where known (see the catalogue).
	Message string `json:"message"`
	// Fix, when set, is a value for Param that passes the rule.
	Fix string `json:"fix,omitempty"`
	// Expected, for a rule on a value's form, says what would pass, with
	// an example: "5 digits, optionally followed by a space or hyphen and
	// 4 digits, e.g. 12345". Never part of the API's answer.
	Expected string `json:"expected,omitempty"`
	// Rule is where the rule is declared: rules/fields.yaml:52:5.
	Rule tldspec.Pos `json:"rule"`
	// Role names the contact of a contact set the violation is about
	// (registrant, admin, tech, billing), or "set" for the set as a whole.
	Role string `json:"role,omitempty"`
	// secretFix is the fix of a secret parameter (Engine.IsSecret): Fix
	// applies it, and nothing prints it.
	secretFix string
}

// fixValue is the value Fix gives v's parameter: its fix, shown or not.
func (v *Violation) fixValue() string {
	if v.secretFix != "" {
		return v.secretFix
	}
	return v.Fix
}

// AppendJSON appends v as its JSON object, byte for byte what
// encoding/json writes for it with HTML escaping off, without reflection
// or allocation: the CLI and the sidecar write one per violation.
func (v *Violation) AppendJSON(b []byte) []byte {
	b = append(b, `{"field":`...)
	b = jsonenc.AppendString(b, v.Field)
	b = append(b, `,"param":`...)
	b = jsonenc.AppendString(b, v.Param)
	b = append(b, `,"code":`...)
	b = jsonenc.AppendString(b, v.Code)
	b = append(b, `,"severity":`...)
	b = jsonenc.AppendString(b, v.Severity.String())
	b = append(b, `,"message":`...)
	b = jsonenc.AppendString(b, v.Message)
	if v.Fix != "" {
		b = append(b, `,"fix":`...)
		b = jsonenc.AppendString(b, v.Fix)
	}
	if v.Expected != "" {
		b = append(b, `,"expected":`...)
		b = jsonenc.AppendString(b, v.Expected)
	}
	b = append(b, `,"rule":`...)
	b = appendPos(b, v.Rule)
	if v.Role != "" {
		b = append(b, `,"role":`...)
		b = jsonenc.AppendString(b, v.Role)
	}
	return append(b, '}')
}

// appendPos appends p as a JSON string: written in place when it needs no
// escaping (a rule file's path nearly always), quoted from its String
// otherwise.
func appendPos(b []byte, p tldspec.Pos) []byte {
	start := len(b)
	b = append(b, '"')
	b, _ = p.AppendText(b)
	for _, c := range b[start+1:] {
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return jsonenc.AppendString(b[:start], p.String())
		}
	}
	return append(b, '"')
}

// Result is the outcome of checking one request.
type Result struct {
	Command    string
	Violations []Violation
}

// OK reports whether no violation has error severity: the API would accept
// the request.
func (r Result) OK() bool {
	for i := range r.Violations {
		if r.Violations[i].Severity == Error {
			return false
		}
	}
	return true
}

// Fields maps each field key with an error to its message: the API's
// error map. A field keeps its first error. Warnings are left out: they
// never enter the API's answer.
func (r Result) Fields() map[string]string {
	m := map[string]string{}
	for _, v := range r.Violations {
		if v.Severity != Error {
			continue
		}
		if _, seen := m[v.Field]; !seen {
			m[v.Field] = v.Message
		}
	}
	return m
}

// APIMessage is the "message" the API would answer with, or "" when the
// request passes. A missing required parameter is the whole message
// ("Required parameter missing: customer-id", the first in the order the
// spec lists them); otherwise it is the error map as Java prints it,
// "{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}",
// in java.util.Hashtable order.
func (r Result) APIMessage() string {
	var keys, msgs []string
	for _, v := range r.Violations {
		if v.Severity != Error {
			continue
		}
		if v.Code == CodeRequired || v.Code == CodeDeprecated {
			return v.Message
		}
		keys = append(keys, v.Field)
		msgs = append(msgs, v.Message)
	}
	if len(keys) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for n, i := range hashtableOrder(keys) {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString(keys[i])
		b.WriteByte('=')
		b.WriteString(msgs[i])
	}
	b.WriteByte('}')
	return b.String()
}

// APIResponse is the exact body the API would answer with, as its
// documentation prints it: {"status":"ERROR","message":"{…}"}. It is nil
// when the request passes: the API would answer with the new contact's id.
func (r Result) APIResponse() []byte { return r.APIResponseStyle(Plain) }

// APIResponseStyle is APIResponse rendered in the given style; Wire gives
// the live API's bytes ("=" as \u003d).
func (r Result) APIResponseStyle(style APIStyle) []byte {
	msg := r.APIMessage()
	if msg == "" {
		return nil
	}
	b := make([]byte, 0, len(msg)+32)
	b = append(b, `{"status":"ERROR","message":`...)
	b = appendJSONString(b, msg, style)
	return append(b, '}')
}
