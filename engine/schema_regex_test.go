package engine

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestECMAPattern(t *testing.T) {
	cases := []struct {
		in   string
		fold bool
		want string
	}{
		{`^\d{5}$`, false, `^[0-9]{5}$`},
		{`^(?:\d{5}(?:-\d{4})?)$`, false, `^[0-9]{5}(?:-[0-9]{4})?$`},
		{`^[A-Z]{2} ?\d{4}$`, true, `^[A-Za-z]{2} ?[0-9]{4}$`},
		{`^GIR 0AA$`, true, `^[Gg][Ii][Rr] 0[Aa][Aa]$`},
		{`^a|b$`, false, `^a|b$`},
		{`^(?:ab)+?$`, false, `^(?:ab)+?$`},
		{`^[^a-c]$`, false, `^[^a-c]$`},
		{`^x{2,}$`, false, `^x{2,}$`},
		{`^\.\$$`, false, `^\.\$$`},
		{`^ñ$`, false, `^ñ$`},
		{`^\t$`, false, `^\x09$`},
	}
	for _, c := range cases {
		got, err := ecmaPattern(c.in, c.fold)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	for _, bad := range []string{`(?m)^a$`, `\x{1F600}`, `[^a]`} {
		_, err := ecmaPattern(bad, bad == `[^a]`)
		assert.Error(t, err, bad)
	}
}

// Every postal format of the address data translates, and matches its
// own examples as the original does.
func TestECMAPatternPostalFormats(t *testing.T) {
	e := embeddedEngine(t, Options{})
	for _, code := range e.postal.Codes() {
		f, _ := e.postal.For(code)
		got, err := ecmaPattern(`^(?:`+f.Pattern+`)$`, true)
		require.NoError(t, err, code)
		_, err = regexp.Compile(got)
		require.NoError(t, err, code)
	}
}

// The translation means in RE2 what the original means: the same
// matches, and with fold the matches of (?i) on ASCII input.
func FuzzECMAPattern(f *testing.F) {
	for _, s := range []string{`^\d{5}$`, `a|bc*`, `[a-f]+?x{1,3}`, `(?:ab|c)$`, `[^x]y`, `\bword\B`, `.`, `(?s).`} {
		f.Add(s, "abc12", false)
		f.Add(s, "ABC12", true)
	}
	f.Fuzz(func(t *testing.T, pattern, input string, fold bool) {
		orig, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		got, err := ecmaPattern(pattern, fold)
		if err != nil {
			return
		}
		re, err := regexp.Compile(got)
		if err != nil {
			t.Fatalf("%q -> %q does not compile: %v", pattern, got, err)
		}
		if fold {
			if strings.ContainsFunc(input, func(r rune) bool { return r >= 0x80 }) {
				return
			}
			orig = regexp.MustCompile(`(?i)` + pattern)
		}
		if orig.MatchString(input) != re.MatchString(input) {
			t.Fatalf("%q -> %q: %q matches differently", pattern, got, input)
		}
	})
}
