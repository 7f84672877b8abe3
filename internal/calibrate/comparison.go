package calibrate

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contactlint/contactlint/engine"
)

// Comparison is one call's verdict beside the API's answer: what a
// deployment learns about a rule. It holds no credential and, unless made
// with values kept, no personal value: field names, codes, messages (any
// request value in them masked), the country, contact type, TLDs and
// role, and the shapes of the values involved.
type Comparison struct {
	Outcome Outcome
	Command string
	Method  string
	// Type, Country, TLDs and Role say what the call was for: only values
	// the rules know (another is "other").
	Type, Country, Role string
	TLDs                []string
	// Ours are our violations, errors and warnings, without fixes.
	Ours   []Ours
	Answer Answer
	// Unknown are the API's messages our catalogue does not word.
	Unknown []string
	// Disagreements are the fields the verdicts differ on.
	Disagreements []Disagreement
	// Errors are our errors' fields and codes (what we refused on).
	Errors []Disagreement
	// Shapes describe the values of the parameters involved; Values holds
	// them only when kept (-disagreement-values).
	Shapes map[string]Shape
	Values map[string]string
}

// Ours is one violation of ours, as recorded.
type Ours struct {
	Field    string `json:"field"`
	Param    string `json:"param"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Rule     string `json:"rule,omitempty"`
}

// Shape is what a value looks like without saying what it is: its length
// in characters, and its characters by class with runs collapsed: A an
// ASCII capital, a an ASCII small letter, 9 a digit, _ a space, U another
// letter, ASCII punctuation as itself, ? anything else ("SW1A 1AA" is
// A9A_9A, "jane@example.com" is a@a.a).
type Shape struct {
	Len   int    `json:"len"`
	Shape string `json:"shape"`
}

// Compare compares our result on req with the API's answer. With
// keepValues the values of the parameters involved are kept, and request
// values are not masked in messages; credentials never are kept.
func (v *Vocab) Compare(req engine.Request, res engine.Result, a Answer, keepValues bool) Comparison {
	c := Comparison{Command: res.Command, Method: req.Method, Answer: a}
	c.Outcome, c.Disagreements, c.Unknown = v.compare(res, a)
	for _, x := range res.Violations {
		if x.Severity == engine.Error {
			c.Errors = append(c.Errors, Disagreement{v.fieldLabel(x.Field), x.Code})
		}
	}
	vals := values(req.Params)
	c.Type = v.known(vals["type"], v.types)
	c.Country = country(vals["country"])
	c.Role = role(req.Role)
	for _, t := range req.TLDs {
		if t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), ".")); t != "" {
			c.TLDs = append(c.TLDs, tld(t))
		}
	}
	if c.Outcome == Agree {
		return c // what agrees needs no more
	}
	mask := v.masker(req.Params, keepValues)
	involved := map[string]bool{}
	for _, x := range res.Violations {
		c.Ours = append(c.Ours, Ours{x.Field, x.Param, x.Code, x.Severity.String(), mask(x.Message), ruleOf(x)})
		involved[x.Param] = true
	}
	c.Answer.Message = mask(a.Message)
	c.Answer.Fields = nil
	for _, f := range a.Fields {
		c.Answer.Fields = append(c.Answer.Fields, Field{f.Key, mask(f.Message)})
		if p := v.Param(f.Key); p != "" {
			involved[p] = true
		}
	}
	for i := range c.Unknown {
		c.Unknown[i] = mask(c.Unknown[i])
	}
	for p := range involved {
		val, ok := vals[p]
		if !ok || p == "" || v.IsAuth(p) {
			continue
		}
		if c.Shapes == nil {
			c.Shapes = map[string]Shape{}
		}
		c.Shapes[p] = shapeOf(val)
		if keepValues {
			if c.Values == nil {
				c.Values = map[string]string{}
			}
			c.Values[p] = val
		}
	}
	return c
}

func ruleOf(x engine.Violation) string {
	if x.Rule.File == "" {
		return ""
	}
	return x.Rule.String()
}

// values maps each parameter to its first value; an extra detail's
// value (attr-valueN) also under its name (attr-nameN's value).
func values(params []engine.Param) map[string]string {
	out := make(map[string]string, len(params))
	names := map[string]string{}
	for _, p := range params {
		if _, ok := out[p.Name]; !ok {
			out[p.Name] = p.Value
		}
		if n, ok := strings.CutPrefix(p.Name, "attr-name"); ok {
			names[n] = p.Value
		}
	}
	for n, name := range names {
		if val, ok := out["attr-value"+n]; ok && name != "" {
			if _, taken := out[name]; !taken {
				out[name] = val
			}
		}
	}
	return out
}

func (v *Vocab) known(s string, set map[string]bool) string {
	switch {
	case s == "":
		return ""
	case set[s]:
		return s
	}
	return "other"
}

// tld is a TLD as recorded: one that reads as a TLD (es, com, com.br:
// one or two labels of 2–24 of a-z, 0-9 and -), or "other".
func tld(s string) string {
	first, second, two := strings.Cut(s, ".")
	if tldLabel(first) && (!two || tldLabel(second)) {
		return s
	}
	return "other"
}

func tldLabel(s string) bool {
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isCountry: two ASCII letters.
func isCountry(s string) bool {
	return len(s) == 2 && isASCIILetter(s[0]) && isASCIILetter(s[1])
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func country(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case isCountry(s):
		return strings.ToUpper(s)
	}
	return "other"
}

func role(s string) string {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "", "registrant", "admin", "tech", "billing":
		return s
	}
	return "other"
}

// masker replaces, in a message, every request value of 4 characters or
// more by <param> (unless values are kept), and credentials always:
// neither the API's words nor ours may carry what the caller sent.
func (v *Vocab) masker(params []engine.Param, keepValues bool) func(string) string {
	type secret struct{ value, name string }
	var ss []secret
	for _, p := range params {
		if utf8.RuneCountInString(p.Value) < 4 || (keepValues && !v.IsAuth(p.Name)) {
			continue
		}
		if p.Name == "type" || p.Name == "country" {
			continue // recorded anyway
		}
		ss = append(ss, secret{p.Value, p.Name})
	}
	sort.Slice(ss, func(i, j int) bool { return len(ss[i].value) > len(ss[j].value) }) // longest first
	return func(s string) string {
		for _, x := range ss {
			if strings.Contains(s, x.value) {
				s = strings.ReplaceAll(s, x.value, "<"+x.name+">")
			}
		}
		return s
	}
}

func shapeOf(s string) Shape {
	var b strings.Builder
	last, n := rune(-1), 0
	for _, r := range s {
		n++
		c := classOf(r)
		if c == last && strings.ContainsRune("Aa9_U?", c) {
			continue // a run of one class is written once
		}
		b.WriteRune(c)
		last = c
	}
	return Shape{Len: n, Shape: b.String()}
}

func classOf(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return 'A'
	case r >= 'a' && r <= 'z':
		return 'a'
	case r >= '0' && r <= '9':
		return '9'
	case unicode.IsSpace(r):
		return '_'
	case r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r):
		return r
	case unicode.IsLetter(r):
		return 'U'
	}
	return '?'
}
