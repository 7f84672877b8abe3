package engine

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendJSONString(t *testing.T) {
	cases := []struct {
		in, plain, wire string
	}{
		{"{zip=Postal Code is invalid}", `"{zip=Postal Code is invalid}"`, `"{zip\u003dPostal Code is invalid}"`},
		{`a"b\c`, `"a\"b\\c"`, `"a\"b\\c"`},
		{"t\tn\nr\rb\bf\f", `"t\tn\nr\rb\bf\f"`, `"t\tn\nr\rb\bf\f"`},
		{"\x00\x1f", `"\u0000\u001f"`, `"\u0000\u001f"`},
		{"<a & 'b'>", `"<a & 'b'>"`, `"\u003ca \u0026 \u0027b\u0027\u003e"`},
		{"Coruña 😀", `"Coruña 😀"`, `"Coruña 😀"`},
		{"\u2028\u2029", `"\u2028\u2029"`, `"\u2028\u2029"`},
		{"bad\xffbyte", "\"bad\uFFFDbyte\"", "\"bad\uFFFDbyte\""},
	}
	for _, tc := range cases {
		plain := string(appendJSONString(nil, tc.in, Plain))
		wire := string(appendJSONString(nil, tc.in, Wire))
		assert.Equal(t, tc.plain, plain, "%q", tc.in)
		assert.Equal(t, tc.wire, wire, "%q", tc.in)
		// Both are JSON for the same string (invalid UTF-8 aside).
		var a, b string
		require.NoError(t, json.Unmarshal([]byte(plain), &a))
		require.NoError(t, json.Unmarshal([]byte(wire), &b))
		assert.Equal(t, a, b)
	}
}
