package countries

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What a postal code should look like, said in words where the pattern is
// simple, with an example the format takes — for every country.
func TestPostalExpected(t *testing.T) {
	p, err := NewPostalFormats()
	require.NoError(t, err)
	for code, want := range map[string]string{
		"US": "5 digits, optionally followed by a space or hyphen and 4 digits, e.g. 12345",
		"DE": "5 digits, e.g. 12345",
		"NL": "4 digits, an optional space and 2 letters, e.g. 1234 AA",
		"PL": "2 digits, a hyphen and 3 digits, e.g. 12-345",
		"BR": "5 digits, an optional hyphen and 3 digits, e.g. 12345-678",
		"CA": "a letter, a digit, a letter, an optional space, a digit, a letter and a digit, e.g. A1A 2A3",
		"SE": "3 digits, an optional space and 2 digits, e.g. 123 45",
		"MT": "3 letters, an optional space and 2 to 4 digits, e.g. AAA 12",
	} {
		f, ok := p.For(code)
		require.True(t, ok, code)
		assert.Equal(t, want, f.Expected(), code)
	}
	gb, _ := p.For("GB")
	assert.Regexp(t, `^a postal code as GB's post writes them, e.g. `, gb.Expected())
	for _, code := range p.Codes() {
		f, _ := p.For(code)
		e := f.Expected()
		assert.Regexp(t, `(e\.g\.|the one code there is,) \S`, e, "%s: %s has an example", code, f.Pattern)
		assert.NotContains(t, e, "\x00")
	}
}
