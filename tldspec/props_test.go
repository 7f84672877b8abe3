package tldspec

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// probeTable holds a section's table to what readProps needs: distinct
// keys, each with its reader. It then adds a key to the table and reads a
// mapping of every key: the added key is dispatched to its reader and not
// reported unknown, and every reader of the table, given a value of each
// YAML kind, reports or reads it without a panic.
func probeTable[T any](t *testing.T, name string, table []prop[T], fresh func() *T) {
	t.Run(name, func(t *testing.T) {
		seen := map[string]bool{}
		for _, pr := range table {
			if pr.key == "" || pr.read == nil || seen[pr.key] {
				t.Fatalf("a bad entry %q", pr.key)
			}
			seen[pr.key] = true
		}
		called := false
		probe := append(table[:len(table):len(table)], prop[T]{"x-added", func(*parser, *T, string, *yaml.Node, *yaml.Node) bool {
			called = true
			return true
		}})
		for _, value := range []string{"x", "[x]", "{x: y}", "~"} {
			var src strings.Builder
			for _, pr := range probe {
				src.WriteString(pr.key + ": " + value + "\n")
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(src.String()), &doc); err != nil {
				t.Fatal(err)
			}
			p := &parser{file: "t.yaml"}
			called = false
			given, _ := readProps(p, doc.Content[0], name, probe, fresh())
			if !called || len(given) != len(probe) {
				t.Fatalf("value %s: the added key read %v, %d of %d keys given", value, called, len(given), len(probe))
			}
			for _, d := range p.diags {
				if d.Code == "unknown-key" && d.Pos.Col == 1 { // nested sections have their own keys
					t.Fatalf("value %s: %v", value, d)
				}
			}
		}
	})
}

func TestPropTables(t *testing.T) {
	probeTable(t, "file", fileProps(), func() *fileReader { return &fileReader{f: &File{}} })
	probeTable(t, "message", messageProps(), func() *Message { return &Message{Code: "m"} })
	probeTable(t, "auth", authProps(), func() *Auth { return &Auth{} })
	probeTable(t, "field", fieldProps(), func() *Field { return &Field{} })
	probeTable(t, "presence", presenceProps(), func() *Param { return &Param{} })
	probeTable(t, "discouraged", discouragedProps(), func() *Param { return &Param{} })
	probeTable(t, "command param", commandParamProps(), func() *Param { return &Param{} })
	probeTable(t, "overlay field", overlayFieldProps(), func() *Param { return &Param{} })
	probeTable(t, "overlay attr", overlayAttrProps(), func() *Param { return &Param{} })
	probeTable(t, "range", rangeProps(), func() *rangeReader { return &rangeReader{} })
	probeTable(t, "command", commandProps(), func() *Command { return &Command{} })
	probeTable(t, "deprecation", deprecationProps(), func() *Deprecation { return &Deprecation{} })
	probeTable(t, "overlay", overlayProps(), func() *Overlay { return &Overlay{} })
	probeTable(t, "role", roleProps(), func() *RoleOverlay { return &RoleOverlay{} })
	probeTable(t, "type", typeProps(), func() *ContactType { return &ContactType{} })
	probeTable(t, "command tld", commandTLDProps(), func() *TLD { return &TLD{} })
	probeTable(t, "tld", tldProps(), func() *TLD { return &TLD{} })
	probeTable(t, "conditional", conditionalProps(), func() *conditionalReader { return &conditionalReader{c: &Conditional{}} })
	probeTable(t, "condition", conditionProps(), func() *Condition { return &Condition{} })
	probeTable(t, "contact-set", setRuleProps(), func() *[]SetRule { return new([]SetRule) })
	probeTable(t, "list", listProps(), func() *listReader { return &listReader{l: &List{}, seen: map[string]Pos{}} })
	probeTable(t, "item", itemProps(), func() *ListItem { return &ListItem{} })
}

// Each field property, written once, is read into what its key names (a
// rule file using all of them loads clean).
func TestFieldPropsRead(t *testing.T) {
	src := "version: 1\nlists:\n  l: {items: [a]}\nfields:\n  f:\n    key: k\n    label: F\n    doc: d\n    type: string\n    min-length: 1\n    max-length: 9\n    digits: {min: 1, max: 3}\n    min-words: 1\n    one-of: [a]\n    in-list: l\n    pattern: \"[a-z]+\"\n    tag: alpha\n    message: invalid\n    checks: [email]\n    basis: spec\n"
	f, diags := ParseFile("t.yaml", []byte(src))
	for _, d := range diags {
		if d.Severity == Error {
			t.Fatalf("%v", d)
		}
	}
	if n := len(fieldProps()); n != 15 {
		t.Fatalf("%d field properties; the test file above uses 15 — add the new key to it", n)
	}
	fd := f.Fields[0]
	if !fd.Key.Set || !fd.Label.Set || !fd.Doc.Set || !fd.Type.Set || !fd.MinLength.Set || !fd.MaxLength.Set || !fd.Digits.Set || !fd.MinWords.Set || !fd.OneOf.Set || !fd.InList.Set || !fd.Pattern.Set || !fd.Tag.Set || !fd.Message.Set || len(fd.Checks) != 1 || !fd.Basis.Set {
		t.Fatalf("a property was not read: %+v", fd)
	}
}
