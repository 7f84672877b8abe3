package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// AppendString writes what encoding/json writes (HTML escaping off) for
// any string: control characters, quotes, invalid UTF-8, U+2028, HTML.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a \"quoted\" \\ line\nbreak\t\x01\x7f\b\f\r", "\xff\xfe", "é\u2028\u2029😀", "<&>='"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		got := AppendString([]byte("x"), s)
		if !bytes.Equal(got, append([]byte("x"), bytes.TrimSuffix(want.Bytes(), []byte("\n"))...)) {
			t.Fatalf("got  %s\nwant x%s", got, want.Bytes())
		}
	})
}
