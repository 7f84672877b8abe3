package engine

import "github.com/contactlint/contactlint/tldspec"

// Vocabulary is what the rules know of the API's words, for reading its
// answers back (calibration against the live API): which parameter an
// error key names, which parameters are credentials, and the catalogue's
// message texts.
type Vocabulary struct {
	// Keys maps each field's API key to its parameter (zip → zipcode);
	// an extra detail's key is its attribute name, mapped to itself.
	Keys map[string]string
	// Auth lists the authentication parameters, the user and the
	// secrets (auth-userid, api-key, auth-password).
	Auth []string
	// Messages are the catalogue's entries, placeholders unfilled.
	Messages []MessageText
}

// MessageText is one catalogue entry: its code, text ({label} and the
// other placeholders unfilled) and where its wording comes from.
type MessageText struct {
	Code, Text string
	Source     tldspec.Provenance
}

// Vocabulary returns the rules' vocabulary. It is built on each call.
func (e *Engine) Vocabulary() Vocabulary {
	v := Vocabulary{Keys: map[string]string{}}
	for _, f := range e.spec.Fields {
		v.Keys[f.Key.Or(f.Param)] = f.Param
	}
	for _, a := range e.spec.AttrEntries() { // contact types', TLDs' and their roles'
		v.Keys[a.Key.Or(a.Param)] = a.Param
	}
	v.Auth = e.AuthParams()
	for _, m := range e.spec.Messages {
		v.Messages = append(v.Messages, MessageText{Code: m.Code, Text: m.Text, Source: m.Source})
	}
	return v
}
