package engine

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldByBuilder is fold as it was written first, through a
// strings.Builder: appendFold must agree with it.
func foldByBuilder(s string) string {
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

func TestFoldAgrees(t *testing.T) {
	cases := []string{"", " ", "A Coruña", "coruna, a", "Coruña, A", "  Palmas ,  Las ", "Hospitalet, l'", "NEW  YORK", "new york\u00a0", "Ñandú", "Ελλάδα", "İstanbul", "ß", "한국어", "\u212bngström", "Ǆ", "ﬁ", "x,y,", ",", "a,"}
	rng := rand.New(rand.NewPCG(3, 4))
	pool := []rune("aAzZ ,'\u00a0\tñÑéÈüЖжй\u0301\u0306lLsSΆάΐ한글각\u212b\u2126\u212aǅﬁ\u0344\u1e9b")
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		cases = append(cases, b.String(), b.String()+", la", b.String()+",l'")
	}
	cases = append(cases, strings.Repeat("Añ, ", 100)+"los")
	for r := rune(0x80); r < 0x30000; r++ { // every rune, alone and before a mark
		if r < 0xD800 || r > 0xDFFF {
			cases = append(cases, string(r), "a"+string(r)+"\u0301")
		}
	}
	for _, s := range cases {
		if got, want := fold(s), foldByBuilder(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// A spelling found folded costs no allocation either: "new york" is a
// NycContact's valid state.
func TestListIndexFoldedDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	li := &listIndex{exact: map[string]int{"A Coruña": 0, "New York": 1}, folded: map[string]int{fold("A Coruña"): 0, fold("New York"): 1}}
	for _, v := range []string{"new york", "NEW  YORK", "coruna, a", "Coruña, A"} {
		if _, exact, ok := li.lookup(v); !ok || exact {
			t.Fatalf("%q: found %v, exact %v", v, ok, exact)
		}
		if n := testing.AllocsPerRun(100, func() { li.lookup(v) }); n != 0 {
			t.Errorf("lookup(%q) allocates %v times", v, n)
		}
	}
}
