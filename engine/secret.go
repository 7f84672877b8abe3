package engine

import (
	"slices"

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
