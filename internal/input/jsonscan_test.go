package input

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScanObject(t *testing.T) {
	taken := []string{
		`{}`, ` { } `, `{"a":"b"}`, `{"a":"b\u00e9\"","c":[1,"x",{"d":null}],"e":-1.5e+3,"f":true,"g":false}`,
		"{\"a\" : \"b\" ,\n\"a\":\"c\"}\r\n",
	}
	for _, in := range taken {
		got, ok := ScanObject([]byte(in))
		require.True(t, ok, in)
		want, err := decodeMembers([]byte(in), "x")
		require.NoError(t, err, in)
		if len(want) == 0 {
			assert.Empty(t, got, in)
			continue
		}
		require.Len(t, got, len(want), in)
		for i, m := range got {
			assert.Equal(t, want[i].Key, m.Key, in)
			assert.Equal(t, want[i].Val, m.Val, in)
			// Where the key and value are: fix edits values in place.
			assert.Equal(t, byte('"'), in[m.At], in)
			assert.Equal(t, string(m.Val), in[m.VS:m.VS+len(m.Val)], in)
		}
	}
	left := []string{
		``, `[]`, `{`, `{"a"}`, `{"a":}`, `{"a":"b",}`, `{"a":"b"}x`, `{"a":01}`, `{"a":1.}`, `{"a":-}`,
		`{"a":tru}`, `{"a":"\x"}`, `{"a":"\u12g4"}`, "{\"a\":\"\x01\"}", `{"\u0061":1}`, `{"a":[1,]}`, `{"a":{"b"}}`,
	}
	for _, in := range left {
		_, ok := ScanObject([]byte(in))
		assert.False(t, ok, in)
	}
}

// The scanner takes only what encoding/json takes, and splits it the same.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{`{"a":"b"}`, `{"a":[1,{"b":null}],"c":-0.5E2}`, `{"a":"\n\u00e9"}`, `{"a":1}x`, `{"a":01}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // Decode refuses it first
		}
		got, ok := ScanObject(data)
		want, err := decodeMembers(data, "x")
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("the scanner takes %q, encoding/json does not: %v", data, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d members, encoding/json %d", data, len(got), len(want))
		}
		for i := range got {
			if got[i].Key != want[i].Key || !bytes.Equal(got[i].Val, want[i].Val) {
				t.Fatalf("%q: member %d is %q=%s, encoding/json %q=%s", data, i, got[i].Key, got[i].Val, want[i].Key, want[i].Val)
			}
		}
		// A string value reads as encoding/json reads it.
		for _, m := range got {
			if len(m.Val) > 0 && m.Val[0] == '"' {
				v, _, err := scalar(m.Key, m.Val)
				var s string
				if json.Unmarshal(m.Val, &s) == nil && (err != nil || v != s) {
					t.Fatalf("%q: %s reads %q, encoding/json %q", data, m.Val, v, s)
				}
			}
		}
	})
}
