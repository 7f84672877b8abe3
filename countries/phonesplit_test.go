package countries

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// libSplit is what the library makes of s: Parse, then IsValidNumber.
func libSplit(s string) (code int, national, ext string, ok bool) {
	n, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return 0, "", "", false
	}
	return int(n.GetCountryCode()), phonenumbers.GetNationalSignificantNumber(n), n.GetExtension(), true
}

// Every number SplitInternational reads, it reads as the library does:
// written the ways people write them (the library's own formats, extra
// separators, a national prefix in parentheses, extensions the library
// takes and some it does not) and as random strings of the characters
// that matter. Where the writing is one it reads (plus, digits, the five
// separators, ext/x/# extensions), it declines none the library reads.
func TestSplitInternationalAgreesWithLibphonenumber(t *testing.T) {
	plans, err := NewPhonePlans()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(3, 4))
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.VOIP}
	checked, split := 0, 0
	check := func(s string, mustRead bool) {
		t.Helper()
		checked++
		code, national, ext, ok := plans.SplitInternational(s)
		wcode, wnational, wext, wok := libSplit(s)
		if ok {
			split++
			if !wok || code != wcode || national != wnational || ext != wext {
				t.Errorf("%q: read as +%d %s ext %q; the library reads %v +%d %s ext %q", s, code, national, ext, wok, wcode, wnational, wext)
			}
		} else if mustRead && wok {
			t.Errorf("%q: not read; the library reads +%d %s ext %q", s, wcode, wnational, wext)
		}
	}
	alphabet := []string{"+", "1", "2", "4", "0", "7", "9", " ", "-", ".", "(", ")", "x", "e", "t", "#", ",", ":", "/", ";", "A", "~", "\u00a0", "＋", "٣", "ext"}
	seps := []string{" ", "-", ".", "\u00a0", "", " - "}
	exts := []struct {
		text     string
		mustRead bool
	}{
		{" ext. 5", true}, {" ext 1234", true}, {" x12", true}, {"x7", true}, {" #42", true}, {" EXT:9", true},
		{" ext. 123456789012345678901", false}, {" x1234567890", false}, {",,5", false}, {";ext=5", false},
		{" extension 5", false}, {" - 12#", false}, {" xt5", false}, {" ext. 5#", true}, {" int 5", false}, {" ~5", false},
	}
	for _, code := range sortedCallingCodes() { // in order: the seeded draws repeat run to run
		for _, ex := range exampleNumbers(code, types) {
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			intl := phonenumbers.Format(ex, phonenumbers.INTERNATIONAL)
			check(intl, true)
			check(phonenumbers.Format(ex, phonenumbers.E164), true)
			cc := "+" + strconv.Itoa(code)
			// The national format after the code: the trunk prefix in
			// it, in parentheses or not.
			national := phonenumbers.Format(ex, phonenumbers.NATIONAL)
			check(cc+" "+national, false)
			check(cc+" (0)"+nsn, false)
			check(cc+"0"+nsn, false)
			check(cc+" "+cc[1:]+nsn, false)
			// Separators anywhere, once per example.
			var b strings.Builder
			b.WriteString(cc)
			for _, d := range nsn {
				b.WriteString(seps[rng.IntN(len(seps))])
				b.WriteRune(d)
			}
			check(b.String(), true)
			check("+("+cc[1:]+") "+nsn, true)
			e := exts[rng.IntN(len(exts))]
			check(intl+e.text, e.mustRead)
			// A digit changed, one too many, one too few.
			m := []byte(nsn)
			m[rng.IntN(len(m))] = byte('0' + rng.IntN(10))
			check(cc+string(m), true)
			check(cc+nsn+strconv.Itoa(rng.IntN(10)), true)
			check(cc+nsn[:len(nsn)-1], true)
			// The characters that matter, put in anywhere.
			for range 3 {
				r := []rune(intl)
				k := 1 + rng.IntN(len(r))
				c := []rune(alphabet[rng.IntN(len(alphabet))])
				check(string(append(r[:k:k], append(c, r[k:]...)...)), false)
			}
		}
	}
	// Random strings of the characters that matter.
	for range 20000 {
		var b strings.Builder
		b.WriteString("+")
		for range 3 + rng.IntN(16) {
			if rng.IntN(3) == 0 {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			} else {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		check(b.String(), false)
	}
	t.Logf("%d writings, %d of them read", checked, split)
	assert.Greater(t, split, 5000, "too few numbers read to mean anything")
}

// Whatever SplitInternational reads, the library reads the same.
func FuzzSplitInternational(f *testing.F) {
	for _, s := range []string{"+44 20 7946 0000", "+1 (212) 555-0100 x12", "+44 (0)20 7946 0000 ext. 5", "+7 8 495 123 45 67", "+54 9 11 1234 5678", "+39 06 1234 5678", "+800 1234 5678", "+1 800 FLOWERS", "+44\u00a020\u00a07946\u00a00000#7"} {
		f.Add(s)
	}
	plans, err := NewPhonePlans()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, s string) {
		code, national, ext, ok := plans.SplitInternational(s)
		if !ok {
			return
		}
		wcode, wnational, wext, wok := libSplit(s)
		if !wok || code != wcode || national != wnational || ext != wext {
			t.Fatalf("%q: read as +%d %s ext %q; the library reads %v +%d %s ext %q", s, code, national, ext, wok, wcode, wnational, wext)
		}
	})
}
