package engine

import (
	"slices"
	"strings"
	"unicode"

	"github.com/contactlint/contactlint/tldspec"
)

// IsSecret reports whether param is a credential the rules name secret
// (auth: secret — api-key, auth-password). Its value is never printed: a
// violation of it carries no fix and no value, a Change of it neither
// (Fix still corrects it in the request it returns: that is the
// caller's data), and outputs that show values leave it out.
func (e *Engine) IsSecret(param string) bool {
	a := e.spec.Auth
	return a != nil && slices.ContainsFunc(a.Secret, func(s tldspec.Opt[string]) bool { return s.V == param })
}

// MaskedName stands for an unknown parameter's name that may hold a
// credential (MayHoldSecret) wherever a violation would show it.
const MaskedName = "(a-name-that-may-hold-a-credential)"

// MayHoldSecret reports whether a parameter's name may hold a
// credential's value, and so is not to be shown: it holds a secret
// parameter's name, however written (any case, "_" or nothing for "-"),
// beside something else (api-key=…, sent with its "=" escaped;
// "api_key S3CR3T"; "apiKey: …", a header line read as a query), or a
// pair's separator or a quote no parameter name has.
func (e *Engine) MayHoldSecret(name string) bool { return e.holdsSecret(name, false) }

// LooksSecret reports whether a parameter's value may be a credential,
// so that it is neither echoed nor recorded: a secret however written
// (api-key, Api-Key, api_key, APIKEY), or a name that may hold one
// (MayHoldSecret).
func (e *Engine) LooksSecret(name string) bool { return e.holdsSecret(name, true) }

// holdsSecret reports whether name has a pair's separator or a quote, or
// holds a secret's folded name: beside something else, or, when is is
// true, alone too.
func (e *Engine) holdsSecret(name string, is bool) bool {
	if strings.ContainsAny(name, notInNames) {
		return true
	}
	a := e.spec.Auth
	if a == nil {
		return false
	}
	f := foldName(name)
	return slices.ContainsFunc(a.Secret, func(s tldspec.Opt[string]) bool {
		sf := foldName(s.V)
		return strings.Contains(f, sf) && (is || f != sf)
	})
}

// notInNames are a pair's separator and the quotes, which no parameter's
// name has: a name with one holds more than a name.
const notInNames = "=\"'"

// foldName is a name as people misspell it alike: lower case, without
// "-", "_", ".", spaces, tabs and ":".
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '.', ' ', '\t', ':':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// AuthParams lists the authentication parameters the rules name (auth:):
// the user's first, then the secrets. What identifies a request (a
// baseline's key, say) leaves them out: a rotated key is the same request.
func (e *Engine) AuthParams() []string {
	a := e.spec.Auth
	if a == nil {
		return nil
	}
	var out []string
	if a.User.Set {
		out = append(out, a.User.V)
	}
	for _, s := range a.Secret {
		out = append(out, s.V)
	}
	return out
}
