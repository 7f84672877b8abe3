package tldspec

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	probeTable(t, "discouraged", presenceMessageProps(discouragedMessage), func() *Param { return &Param{} })
	probeTable(t, "recommended", presenceMessageProps(recommendedMessage), func() *Param { return &Param{} })
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

// Each field property is declared once (fieldTable) and every part of
// the loader uses that declaration: a key reads into its own property of
// Field, Merge carries it over, an entry's basis is stamped on it when it
// is a rule (and only then), the rule-file reference documents it — and
// every property of Field has its declaration. Deleting any one of these
// (a merge, a stamp, a table entry) fails here.
func TestFieldProps(t *testing.T) {
	doc, err := os.ReadFile("../docs/rules.md")
	require.NoError(t, err)
	covered := map[string]string{}
	for _, fp := range fieldTable() {
		src := "version: 1\nlists:\n  es-provinces: {items: [a]}\nfields:\n  f:\n    " + fp.key + ": " + fp.example + "\n"
		if fp.key != "basis" {
			src += "    basis: observed\n"
		}
		f, diags := ParseFile("t.yaml", []byte(src))
		require.False(t, diags.HasErrors(), "%s: %v", fp.key, diags)
		fd := f.Fields[0]
		var set []string
		for name, v := range fieldValues(fd) {
			if name != "Basis" || fp.key == "basis" {
				if isSet(v) {
					set = append(set, name)
				}
			}
		}
		require.Len(t, set, 1, "%s sets one property of Field: %v", fp.key, set)
		name := set[0]
		covered[name] = fp.key
		if fp.key != "basis" {
			merged := (&Field{}).Merge(fd)
			assert.Equal(t, fieldValues(fd)[name].Interface(), fieldValues(merged)[name].Interface(), "%s: Merge carries it", fp.key)
			basis := basisOf(fieldValues(fd)[name])
			if fp.stamp != nil {
				assert.Equal(t, []Basis{BasisObserved}, basis, "%s: a rule, stamped with its entry's basis", fp.key)
			} else {
				assert.Equal(t, []Basis{""}, basis, "%s: no rule, no basis", fp.key)
			}
		}
		assert.True(t, strings.Contains(string(doc), fp.key+":"), "%s is not documented in docs/rules.md's format", fp.key)
	}
	for name := range fieldValues(&Field{}) {
		if name != "Param" && name != "Pos" {
			assert.Contains(t, covered, name, "Field.%s has no declaration in fieldTable", name)
		}
	}
}

// fieldValues are Field's exported properties by name.
func fieldValues(f *Field) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	v := reflect.ValueOf(f).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			out[v.Type().Field(i).Name] = v.Field(i)
		}
	}
	return out
}

// isSet reports whether an Opt is set, or a slice has elements.
func isSet(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice:
		return v.Len() > 0
	case reflect.Struct:
		if s := v.FieldByName("Set"); s.IsValid() {
			return s.Bool()
		}
	}
	return false
}

// basisOf is an Opt's basis, or each check's.
func basisOf(v reflect.Value) []Basis {
	if v.Kind() == reflect.Slice {
		var out []Basis
		for i := range v.Len() {
			out = append(out, v.Index(i).Interface().(Check).Basis.V)
		}
		return out
	}
	return []Basis{v.FieldByName("Basis").Interface().(Basis)}
}
