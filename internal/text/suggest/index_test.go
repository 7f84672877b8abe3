package suggest

import (
	"math/rand/v2"
	"testing"
)

// An Index answers as Closest does: its filter only skips candidates
// Closest would not choose.
func TestIndexAgrees(t *testing.T) {
	tlds := []string{"asia", "br", "ca", "cn", "coop", "es", "eu", "jobs", "nl", "pro", "ru", "us", "nyc", "co.uk"}
	ix := NewIndex(tlds)
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "abcdeijklnoprsuyzABCEOPRSU.-\xc3\xa9"
	names := []string{"com", "net", "org", "info", "biz", "uss", "ES", ".es", "cop", "coopp", "jobz", "asiaa", "", "a", "co.ukk"}
	for range 200000 {
		b := make([]byte, 1+rng.IntN(7))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	for _, tld := range tlds { // and every name one or two edits from a candidate
		for range 200 {
			b := []byte(tld)
			for range 1 + rng.IntN(2) {
				i := rng.IntN(len(b) + 1)
				switch c := alphabet[rng.IntN(len(alphabet))]; rng.IntN(3) {
				case 0:
					b = append(b[:i], append([]byte{c}, b[i:]...)...)
				case 1:
					if i < len(b) {
						b[i] = c
					}
				default:
					if i < len(b) {
						b = append(b[:i], b[i+1:]...)
					}
				}
			}
			names = append(names, string(b))
		}
	}
	found := 0
	for _, n := range names {
		want := Closest(n, tlds)
		if got := ix.Closest(n); got != want {
			t.Fatalf("Index.Closest(%q) = %q, Closest says %q", n, got, want)
		}
		if want != "" {
			found++
		}
	}
	t.Logf("%d names, %d with a suggestion", len(names), found)
}

func TestIndexDoesNotAllocate(t *testing.T) {
	ix := NewIndex([]string{"asia", "br", "ca", "cn", "coop", "es", "eu", "jobs", "nl", "pro", "ru", "us"})
	for _, n := range []string{"com", "net", "uss", "coopp"} {
		if a := testing.AllocsPerRun(100, func() { ix.Closest(n) }); a != 0 {
			t.Errorf("Closest(%q) allocates %v times", n, a)
		}
	}
}
