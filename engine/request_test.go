package engine

import (
	"errors"
	"net/url"
	"strings"
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

// ParseQuery reads every pair as url.QueryUnescape reads its name and
// value, and fails where it fails, with its error.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"name=Test+User&email=a%40b.com", "a%zz=1", "x=%4", "x=%", "%41%42=%e2%82%ac+", "&&=&a", "k=v=w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, err := ParseQuery(q)
		var want []Param
		var wantErr error
		for pair := range strings.SplitSeq(q, "&") {
			if pair == "" {
				continue
			}
			k, v, _ := strings.Cut(pair, "=")
			name, e1 := url.QueryUnescape(k)
			value, e2 := url.QueryUnescape(v)
			if wantErr = errors.Join(e1, e2); wantErr != nil {
				break
			}
			want = append(want, Param{name, value})
		}
		if wantErr != nil {
			require.Error(t, err)
			assert.Contains(t, err.Error(), firstErr(wantErr))
			return
		}
		require.NoError(t, err)
		if len(want) == 0 {
			assert.Empty(t, got)
			return
		}
		assert.Equal(t, want, got)
	})
}

func firstErr(err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()[0].Error()
	}
	return err.Error()
}

// A form body costs ParseQuery two allocations however many of its values
// are escaped.
func TestParseQueryAllocs(t *testing.T) {
	q := "name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US"
	assert.Equal(t, 2.0, testing.AllocsPerRun(100, func() { _, _ = ParseQuery(q) }))
}

// AppendQuery into a list with room allocates only the unescaping buffer
// (none when nothing is escaped), and on an error leaves the list as it
// was.
func TestAppendQueryReuses(t *testing.T) {
	q := "name=Test+User&company=Example+Inc&email=test%40example.com&city=Springfield"
	dst := make([]Param, 0, 8)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _, _ = AppendQuery(dst[:0], q) }))
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _, _ = AppendQuery(dst[:0], "type=Contact&city=Springfield") }))
	pre := []Param{{"auth-userid", "1"}}
	got, err := AppendQuery(pre, q)
	require.NoError(t, err)
	assert.Equal(t, []Param{{"auth-userid", "1"}, {"name", "Test User"}, {"company", "Example Inc"}, {"email", "test@example.com"}, {"city", "Springfield"}}, got)
	got, err = AppendQuery(pre, "a=1&b=%zz")
	assert.Error(t, err)
	assert.Equal(t, pre, got)
}
