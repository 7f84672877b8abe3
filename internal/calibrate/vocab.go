package calibrate

import (
	"regexp"
	"strings"
	"sync"

	"github.com/contactlint/contactlint/engine"
)

// Vocab is what the rules know of the API's words, prepared for reading
// answers: error keys to parameters, the credentials never to record,
// and the catalogue's texts as patterns.
type Vocab struct {
	keys  map[string]string // API key → parameter
	auth  map[string]bool
	texts []*regexp.Regexp // the catalogue's texts, placeholders as wildcards
	types map[string]bool
	eng   *engine.Engine // for a credential written otherwise (Api-Key)
}

// placeholder is a catalogue text's {name}.
var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\\{[a-z]+\\\}`) })

// NewVocab prepares eng's vocabulary.
func NewVocab(eng *engine.Engine) *Vocab {
	ev := eng.Vocabulary()
	v := &Vocab{keys: ev.Keys, auth: map[string]bool{}, types: map[string]bool{}, eng: eng}
	for _, a := range ev.Auth {
		v.auth[a] = true
	}
	for _, m := range ev.Messages {
		re := placeholder().ReplaceAllString(regexp.QuoteMeta(m.Text), `.+`)
		v.texts = append(v.texts, regexp.MustCompile(`^`+re+`$`)) // quoted: cannot fail
	}
	for _, t := range eng.Types() {
		v.types[t] = true
	}
	return v
}

// Known reports whether the catalogue words text: one of its entries,
// placeholders filled in any way.
func (v *Vocab) Known(text string) bool {
	for _, re := range v.texts {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// Param is the parameter an API error key names, or "".
func (v *Vocab) Param(key string) string { return v.keys[key] }

// IsKey reports whether key is one of the rules' field keys.
func (v *Vocab) IsKey(key string) bool {
	_, ok := v.keys[key]
	return ok
}

// IsAuth reports whether param is a credential (or the user it goes
// with): never recorded, not even its shape.
func (v *Vocab) IsAuth(param string) bool {
	return v.auth[param] || strings.HasPrefix(param, "auth-") || v.eng != nil && v.eng.LooksSecret(param)
}
