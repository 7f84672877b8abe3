package countries

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPostalFormats(t *testing.T) {
	p, err := NewPostalFormats()
	require.NoError(t, err)
	assert.Greater(t, len(p.Codes()), 170)
	for _, code := range p.Codes() { // compiled on first need: each can be
		f, _ := p.For(code)
		assert.NotNil(t, f.regexp(), code)
	}
	// A pattern whose bare form parses but whose anchored form does not is
	// refused at start, not left to fail on a long value.
	_, err = compilePostal("XX", `\d{5}\Q`)
	assert.Error(t, err)

	cases := []struct {
		country, zip string
		ok           bool
	}{
		{"US", "62701", true},
		{"US", "62701-1234", true},
		{"US", "62701 1234", true},
		{"US", "6270", false},
		{"US", "ABCDE", false},
		{"US", "62701-", false},
		{"CA", "K1A 0B1", true},
		{"CA", "K1A0B1", true},
		{"CA", "k1a 0b1", false},
		{"CA", "D1A 0B1", false},
		{"GB", "SW1A 1AA", true},
		{"GB", "EC1A 1BB", true},
		{"GB", "SW1A 1A", false},
		{"NL", "1234 AB", true},
		{"NL", "1234AB", true},
		{"NL", "123 AB", false},
		{"ES", "28013", true},
		{"ES", "2801", false},
		{"BR", "01310-100", true},
		{"BR", "01310100", true},
		{"DE", "10115", true},
		{"DE", "1011", false},
		{"JP", "100-0001", true},
	}
	for _, tc := range cases {
		f, ok := p.For(tc.country)
		require.True(t, ok, tc.country)
		assert.Equal(t, tc.ok, f.Match(tc.zip), "%s %q", tc.country, tc.zip)
	}
	// Countries without a postal system have no format.
	for _, c := range []string{"AE", "HK", "QA"} {
		_, ok := p.For(c)
		assert.False(t, ok, c)
	}
}

// The byte loop must give the regexp's verdict on every input: strings
// generated to match each lowered pattern, and mutations of them.
func TestLoweredMatchesRegexp(t *testing.T) {
	p, err := NewPostalFormats()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	lowered := 0
	for _, code := range p.Codes() {
		f, _ := p.For(code)
		if !f.Lowered() {
			continue
		}
		lowered++
		matched := 0
		for range 300 {
			s := generate(f.fast, rng)
			if f.regexp().MatchString(s) {
				matched++
			}
			for _, m := range []string{s, mutate(s, rng), mutate(mutate(s, rng), rng)} {
				require.Equal(t, f.regexp().MatchString(m), matchItems(f.fast, m), "%s %q (pattern %s)", code, m, f.Pattern)
			}
		}
		assert.Equal(t, 300, matched, "generated strings should match %s's pattern", code)
	}
	t.Logf("%d of %d postal formats run as byte loops", lowered, len(p.Codes()))
	assert.Greater(t, lowered, 100)
}

func TestLowerRejectsAmbiguousShapes(t *testing.T) {
	for _, pat := range []string{`\d{2,3}\d{2}`, `(?:37)?\d{4}`, `AB|CD`, `\d+\d`, `é\d`, `^\d$`} {
		assert.Nil(t, lower(pat), pat)
	}
	for _, pat := range []string{`\d{5}`, `\d{4} ?[A-Z]{2}`, `(\d{5})(?:[ \-](\d{4}))?`, `ASCN 1ZZ`} {
		assert.NotNil(t, lower(pat), pat)
	}
}

func generate(seq []item, rng *rand.Rand) string {
	var b []byte
	var gen func([]item)
	gen = func(seq []item) {
		for _, it := range seq {
			if it.opt != nil {
				if rng.IntN(2) == 0 {
					gen(it.opt)
				}
				continue
			}
			n := it.min
			if it.max < 0 {
				n += rng.IntN(4)
			} else if it.max > it.min {
				n += rng.IntN(it.max - it.min + 1)
			}
			for range n {
				b = append(b, pick(it.set, rng))
			}
		}
	}
	gen(seq)
	return string(b)
}

func pick(s byteSet, rng *rand.Rand) byte {
	var members []byte
	for c := 0; c < 128; c++ {
		if s.has(byte(c)) {
			members = append(members, byte(c))
		}
	}
	return members[rng.IntN(len(members))]
}

const mutationBytes = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz -./"

func mutate(s string, rng *rand.Rand) string {
	b := []byte(s)
	c := mutationBytes[rng.IntN(len(mutationBytes))]
	switch i := rng.IntN(len(b) + 1); rng.IntN(3) {
	case 0:
		b = append(b[:i], append([]byte{c}, b[i:]...)...)
	case 1:
		if i < len(b) {
			b = append(b[:i], b[i+1:]...)
		}
	default:
		if i < len(b) {
			b[i] = c
		}
	}
	return string(b)
}

func FuzzLoweredMatchesRegexp(f *testing.F) {
	p, err := NewPostalFormats()
	require.NoError(f, err)
	codes := p.Codes()
	f.Add(uint8(0), "62701")
	f.Add(uint8(40), "1234 AB")
	f.Add(uint8(90), "K1A 0B1")
	f.Fuzz(func(t *testing.T, idx uint8, s string) {
		pf, _ := p.For(codes[int(idx)%len(codes)])
		if pf.fast == nil || len(s) > maxFastLen {
			return
		}
		if pf.regexp().MatchString(s) != matchItems(pf.fast, s) {
			t.Fatalf("%s %q: regexp and byte loop disagree (pattern %s)", pf.Country, s, pf.Pattern)
		}
	})
}
