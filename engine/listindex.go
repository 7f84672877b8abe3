package engine

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/contactlint/contactlint/tldspec"
)

// listIndex finds a list's item by what a person writes: exactly as
// listed, or folded — case, accents, spacing and article order aside
// ("coruna, a", "A Coruña" and "Coruña, A" are one province) — through the
// item's value or one of its aliases.
type listIndex struct {
	list   *tldspec.List
	exact  map[string]int
	folded map[string]int
}

func (c *compiler) listIndex(name string) *listIndex {
	if li, ok := c.lists[name]; ok {
		return li
	}
	l, _ := c.spec.List(name)
	li := &listIndex{list: l, exact: map[string]int{}, folded: map[string]int{}}
	for i, it := range l.Items {
		li.exact[it.Value] = i
		for _, s := range append([]string{it.Value}, it.Aliases...) {
			k := fold(s)
			if j, dup := li.folded[k]; dup && j != i {
				c.diags.Errorf(it.Pos, tldspec.DiagDuplicate, "list %s: %q and %q read the same (%q)", name, s, l.Items[j].Value, k)
			}
			li.folded[k] = i
		}
	}
	c.lists[name] = li
	return li
}

// exactValues lists the items' spellings, in the list's order.
func (li *listIndex) exactValues() []string {
	out := make([]string, len(li.list.Items))
	for i, it := range li.list.Items {
		out[i] = it.Value
	}
	return out
}

// lookup returns the item v names, and whether v is its exact spelling.
func (li *listIndex) lookup(v string) (item int, exact, ok bool) {
	if i, ok := li.exact[v]; ok {
		return i, true, true
	}
	i, ok := li.folded[fold(v)]
	return i, false, ok
}

// articles are those a list may write after a comma ("Palmas, Las").
var articles = [...]string{"a", "o", "as", "os", "el", "la", "los", "las", "l'", "les", "els", "lo"}

// fold reduces a name to what matching compares: no accents (NFD without
// combining marks), lower case, single spaces, a trailing ", article"
// moved to the front.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		space = false
	}
	f := strings.TrimSpace(b.String())
	if i := strings.LastIndex(f, ","); i >= 0 {
		art := strings.TrimSpace(f[i+1:])
		for _, a := range articles {
			if art == a {
				sep := " "
				if strings.HasSuffix(a, "'") {
					sep = ""
				}
				return a + sep + strings.TrimSpace(f[:i])
			}
		}
	}
	return f
}
