package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/tldspec"
)

// appendRecord writes what encoding/json writes for the same record, for
// any strings: control characters, quotes, invalid UTF-8, U+2028, HTML.
func FuzzAppendRecord(f *testing.F) {
	f.Add("testdata/x.jsonl", "Postal Code is invalid", "zip", "SW1Y 4LB", 3, true)
	f.Add("<stdin>", "a \"quoted\" \\ line\nbreak\t\x01\x7f", "k\u2028", "\xff\xfe", 0, false)
	f.Add("&<>", "é\u2029😀", "", "", -1, true)
	f.Fuzz(func(t *testing.T, file, msg, key, fix string, line int, set bool) {
		j := jsonRecord{Index: line * 2, File: file, Line: line, ContactID: fix, OK: line%2 == 0, Error: msg,
			Response: json.RawMessage(`{"status":"ERROR","message":"x"}`), Fields: map[string]string{key: msg, "b" + key: fix},
			Violations: []engine.Violation{{Field: key, Param: file, Code: "c", Severity: engine.Warning, Message: msg, Fix: fix, Rule: tldspec.Pos{File: file, Line: 1, Col: 2}, Role: fix}}}
		if set {
			j.Contacts = []jsonContact{{Role: key, OK: true, Fields: map[string]string{}}, {Role: msg, Response: j.Response, Fields: j.Fields}}
			j.Violations = nil
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(j); err != nil {
			t.Fatal(err)
		}
		if got := appendRecord(nil, &j); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("got  %s\nwant %s", got, want.Bytes())
		}
	})
}
