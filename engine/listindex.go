package engine

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

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
// A spelling folded into a buffer on the stack costs no allocation: a
// state in lower case is as valid as in the list's own.
func (li *listIndex) lookup(v string) (item int, exact, ok bool) {
	if i, ok := li.exact[v]; ok {
		return i, true, true
	}
	var buf [128]byte
	i, ok := li.folded[string(appendFold(buf[:0], v))]
	return i, false, ok
}

// articles are those a list may write after a comma ("Palmas, Las").
var articles = [...]string{"a", "o", "as", "os", "el", "la", "los", "las", "l'", "les", "els", "lo"}

// fold reduces a name to what matching compares: no accents (NFD without
// combining marks), lower case, single spaces, a trailing ", article"
// moved to the front.
func fold(s string) string { return string(appendFold(nil, s)) }

// appendFold appends fold(s) to dst. Each rune is decomposed on its own
// (its canonical decomposition, from x/text's tables) rather than the
// whole of s through norm.NFD, whose buffer escapes: a lookup folds into
// a buffer on the stack. Combining marks are dropped, so the order NFD
// would put them in does not matter.
func appendFold(dst []byte, s string) []byte {
	start := len(dst)
	space := true
	add := func(r rune) {
		switch {
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
		case unicode.IsSpace(r):
			if !space {
				dst = append(dst, ' ')
			}
			space = true
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
		}
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			add(rune(s[i]))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		d := norm.NFD.PropertiesString(s[i:]).Decomposition()
		i += n
		if r >= hangulFirst && r <= hangulLast {
			d = appendHangul(d[:0:0], r)
		}
		if d == nil {
			add(r)
			continue
		}
		for j := 0; j < len(d); {
			r, n := utf8.DecodeRune(d[j:])
			add(r)
			j += n
		}
	}
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst = dst[:n-1] // spaces are single and never lead
	}
	f := dst[start:]
	i := bytes.LastIndexByte(f, ',')
	if i < 0 {
		return dst
	}
	art := bytes.TrimSpace(f[i+1:])
	for _, a := range articles {
		if string(art) != a {
			continue
		}
		var head [128]byte
		moved := append(head[:0], a...)
		if !strings.HasSuffix(a, "'") {
			moved = append(moved, ' ')
		}
		moved = append(moved, bytes.TrimSpace(f[:i])...)
		return append(dst[:start], moved...)
	}
	return dst
}

// Hangul syllables decompose by arithmetic, not by table.
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
)

// appendHangul appends the jamo of syllable r, as NFD writes them.
func appendHangul(dst []byte, r rune) []byte {
	const lBase, vBase, tBase, vCount, tCount = 0x1100, 0x1161, 0x11A7, 21, 28
	si := r - hangulFirst
	dst = utf8.AppendRune(dst, lBase+si/(vCount*tCount))
	dst = utf8.AppendRune(dst, vBase+si%(vCount*tCount)/tCount)
	if t := si % tCount; t != 0 {
		dst = utf8.AppendRune(dst, tBase+t)
	}
	return dst
}
