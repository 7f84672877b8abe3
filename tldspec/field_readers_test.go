package tldspec

import "testing"

// A field property is known only through its reader: every key the
// unknown-key message can suggest is read, and each reader sets what its
// key names (a rule file using all of them loads clean).
func TestFieldReadersTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range fieldReaders {
		if r.key == "" || r.read == nil || seen[r.key] {
			t.Fatalf("a bad entry %q", r.key)
		}
		seen[r.key] = true
	}
	src := "version: 1\nlists:\n  l: {items: [a]}\nfields:\n  f:\n    key: k\n    label: F\n    doc: d\n    type: string\n    min-length: 1\n    max-length: 9\n    digits: {min: 1, max: 3}\n    min-words: 1\n    one-of: [a]\n    in-list: l\n    pattern: \"[a-z]+\"\n    tag: alpha\n    message: invalid\n    checks: [email]\n    basis: spec\n"
	f, diags := ParseFile("t.yaml", []byte(src))
	for _, d := range diags {
		if d.Severity == Error {
			t.Fatalf("%v", d)
		}
	}
	if len(seen) != 15 {
		t.Fatalf("%d readers; the test file above uses 15 — add the new key to it", len(seen))
	}
	fd := f.Fields[0]
	if !fd.Key.Set || !fd.Label.Set || !fd.Doc.Set || !fd.Type.Set || !fd.MinLength.Set || !fd.MaxLength.Set || !fd.Digits.Set || !fd.MinWords.Set || !fd.OneOf.Set || !fd.InList.Set || !fd.Pattern.Set || !fd.Tag.Set || !fd.Message.Set || len(fd.Checks) != 1 || !fd.Basis.Set {
		t.Fatalf("a property was not read: %+v", fd)
	}
}
