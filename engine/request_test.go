package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseQuery(t *testing.T) {
	ps, err := ParseQuery("name=Test+User&type=Contact&type=CnContact&email=a%40b.com&&empty=&flag")
	assert.NoError(t, err)
	assert.Equal(t, []Param{{"name", "Test User"}, {"type", "Contact"}, {"type", "CnContact"}, {"email", "a@b.com"}, {"empty", ""}, {"flag", ""}}, ps)
	_, err = ParseQuery("name=%zz")
	assert.Error(t, err)
	ps, err = ParseQuery("")
	assert.NoError(t, err)
	assert.Empty(t, ps)
}

// EncodeQuery writes what ParseQuery reads back: order, repeats, escapes.
func TestEncodeQueryRoundTrip(t *testing.T) {
	params := []Param{{"name", "Ada Lovelace"}, {"type", "Contact"}, {"type", "EsContact"}, {"a&b", "c=d+é"}, {"empty", ""}}
	got, err := ParseQuery(EncodeQuery(params))
	require.NoError(t, err)
	assert.Equal(t, params, got)
}
