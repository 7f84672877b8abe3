package engine

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Every rune nfcStable takes is in NFC on its own, of combining class 0,
// and composes with nothing before it (x/text: a boundary before it): no
// string of such runes is changed by NFC.
func TestNFCStableRunes(t *testing.T) {
	n := 0
	for r := rune(0x80); r < 0x10000; r++ {
		if !nfcStable(r) {
			continue
		}
		n++
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("U+%04X: normal %v, ccc %d, boundary before %v", r, norm.NFC.IsNormalString(s), p.CCC(), p.BoundaryBefore())
		}
	}
	t.Logf("%d stable runes beyond ASCII", n)
	// Strings of them, and of them beside runes that are not stable:
	// isNFC answers as x/text does.
	pool := []rune("aéñßøЁйЖѣ中文한국\u0301\u0306\u0308\u0374\u0387\u037eΆά\u1161\u11a8\u00a0\u3000")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("isNFC(%+q) = %v, x/text says %v", s, got, want)
		}
	}
}

func TestNFCNoAllocation(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	for _, s := range []string{"Иван Петров", "Jürgen Müller", "São Paulo", "東京都", "서울", "Ελλάδα", "Coruña"} {
		if !isNFC(s) {
			t.Fatalf("%q is NFC", s)
		}
		if n := testing.AllocsPerRun(100, func() { isNFC(s) }); n != 0 {
			t.Errorf("isNFC(%q) allocates %v times", s, n)
		}
	}
}
