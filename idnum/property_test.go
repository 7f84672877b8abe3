package idnum

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

// substitutions calls f with every number made from s by changing one
// digit to another digit.
func substitutions(s string, f func(changed string)) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if d != s[i] {
				f(s[:i] + string(d) + s[i+1:])
			}
		}
	}
}

// assertSubstitutionsFail: the scheme detects every single-digit change of
// each valid number. True for mod-23 (DNI, NIE), Luhn-style (CIF), mod-31
// (USCC) and the double mod-11 of the 12-digit INN.
func assertSubstitutionsFail(t *testing.T, valid func(string) bool, numbers ...string) {
	t.Helper()
	for _, n := range numbers {
		if !assert.True(t, valid(n), n) {
			continue
		}
		substitutions(n, func(c string) { assert.False(t, valid(c), "%s changed to %s", n, c) })
	}
}

// separated writes n with the separators people use.
func separated(n string, rng *rand.Rand) []string {
	seps := []string{" ", ".", "-", "/", "\u2013", "\u00a0"}
	out := []string{strings.ToLower(n)}
	for range 5 {
		var b strings.Builder
		for i := 0; i < len(n); i++ {
			if i > 0 && rng.IntN(3) == 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteByte(n[i])
		}
		out = append(out, b.String())
	}
	return out
}

// assertSameVerdict: separators, lower case and NFC/NFD forms give the
// verdict of the compact number, valid or not.
func assertSameVerdict(t *testing.T, valid func(string) bool, numbers ...string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 9))
	for _, n := range numbers {
		want := valid(n)
		for _, s := range separated(n, rng) {
			for _, form := range []string{s, norm.NFC.String(s), norm.NFD.String(s)} {
				assert.Equal(t, want, valid(Compact(form)), "%q (from %s)", form, n)
			}
		}
	}
}

func TestCompact(t *testing.T) {
	cases := map[string]string{
		"12345678Z":                 "12345678Z",
		"12.345.678-z":              "12345678Z",
		"x-1234567-l":               "X1234567L",
		"11.222.333/0001-81":        "11222333000181",
		"12. ABC.345 /01DE\u201335": "12ABC34501DE35",
		"91 110108 MA01C2XX0T":      "91110108MA01C2XX0T",
		"":                          "",
	}
	for in, want := range cases {
		assert.Equal(t, want, Compact(in), "%q", in)
	}
}

// Compact returns its input unchanged, without allocating, when it is
// already compact.
func TestCompactDoesNotAllocate(t *testing.T) {
	s := "12345678Z"
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Compact(s) }))
}
