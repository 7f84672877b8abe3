package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
