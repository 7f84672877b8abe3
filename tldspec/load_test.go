package tldspec

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each file in testdata/malformed declares the diagnostics it must produce
// as "# want: LINE:COL code" lines; the test asserts exactly those codes at
// exactly those positions (not the wording). A file is loaded beside
// _base/catalogue.yaml unless it says "# alone".
func TestMalformed(t *testing.T) {
	paths, err := filepath.Glob("testdata/malformed/*.yaml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 30)
	base, err := os.ReadFile("testdata/malformed/_base/catalogue.yaml")
	require.NoError(t, err)
	for _, p := range paths {
		name := filepath.Base(p)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			src, err := os.ReadFile(p)
			require.NoError(t, err)
			want, alone := expectations(t, src)
			require.NotEmpty(t, want, "%s declares no # want: lines", name)
			fsys := fstest.MapFS{name: {Data: src}}
			if !alone {
				fsys["_base/catalogue.yaml"] = &fstest.MapFile{Data: base}
			}
			_, err = Load(testChecks, Source{Name: "testdata", FS: fsys})
			require.Error(t, err)
			diags, ok := err.(Diagnostics)
			require.True(t, ok, "Load returns Diagnostics, got %T", err)
			var got []string
			for _, d := range diags {
				require.NotEmpty(t, d.Message)
				require.Equal(t, Error, d.Severity)
				if d.Pos.IsValid() {
					require.Equal(t, "testdata/"+name, d.Pos.File, d.Error())
				}
				got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Code))
			}
			sort.Strings(got)
			assert.Equal(t, want, got, "diagnostics:\n%v", diags)
		})
	}
}

func expectations(t *testing.T, src []byte) (want []string, alone bool) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if w, ok := strings.CutPrefix(line, "# want: "); ok {
			want = append(want, w)
		}
		alone = alone || line == "# alone"
	}
	sort.Strings(want)
	return want, alone
}

func TestParseFileLimits(t *testing.T) {
	_, diags := ParseFile("big.yaml", bytes.Repeat([]byte("#"), MaxFileSize+1))
	require.Len(t, diags, 1)
	assert.Equal(t, "too-large", diags[0].Code)

	_, err := Load(testChecks, Source{Name: "r", FS: fstest.MapFS{"big.yaml": {Data: bytes.Repeat([]byte(" "), MaxFileSize+1)}}})
	require.Error(t, err)
	assert.Equal(t, "too-large", err.(Diagnostics)[0].Code)

	_, diags = ParseFile("zero.yaml", nil)
	require.Len(t, diags, 1)
	assert.Equal(t, "missing-key", diags[0].Code)
}

func TestNoRules(t *testing.T) {
	_, err := Load(testChecks, Source{Name: "empty", FS: fstest.MapFS{"README.md": {Data: []byte("x")}}})
	require.Error(t, err)
	assert.Equal(t, "no-rules", err.(Diagnostics)[0].Code)
	_, err = Load(testChecks, Source{Name: "nil"})
	require.Error(t, err)
	assert.Equal(t, "read", err.(Diagnostics)[0].Code)
}

// Scalars are read as written: 01000 is not the number 1000, NO is not
// false, 1e3 is not a float.
func TestScalarsStayStrings(t *testing.T) {
	src := `version: 1
messages:
  required: {text: "Required parameter missing: {param}", source: observed}
  invalid: {text: "{label} is invalid", source: ours}
fields:
  zipcode:
    one-of: [01000, NO, yes, 1e3, 0x1F, ~x, "007"]
    label: 1.50
`
	spec, err := Load(testChecks, Source{Name: "r", FS: fstest.MapFS{"a.yaml": {Data: []byte(src)}}})
	require.NoError(t, err)
	f, ok := spec.Field("zipcode")
	require.True(t, ok)
	assert.Equal(t, []string{"01000", "NO", "yes", "1e3", "0x1F", "~x", "007"}, f.OneOf.V)
	assert.Equal(t, "1.50", f.Label.V)
	assert.Equal(t, Pos{File: "r/a.yaml", Line: 7, Col: 5}, f.OneOf.Pos)
}

const catalogueYAML = `version: 1
messages:
  required: {text: "Required parameter missing: {param}", source: observed}
  invalid: {text: "{label} is invalid", source: ours}
`

// A later source replaces a file at the same path, and overrides a
// definition of the same name; the same source defining a name twice is a
// duplicate.
func TestSourcesOverride(t *testing.T) {
	base := fstest.MapFS{
		"messages.yaml": {Data: []byte(catalogueYAML)},
		"fields.yaml": {Data: []byte(`version: 1
fields:
  name: {label: Name, max-length: 255}
  city: {label: City, max-length: 64}
`)},
	}
	user := fstest.MapFS{
		"fields.yaml": {Data: []byte(`version: 1
fields:
  name: {label: Full Name}
`)},
		"extra.yaml": {Data: []byte(`version: 1
messages:
  invalid: {text: "{label} is not accepted", source: ours}
`)},
	}
	spec, err := Load(testChecks, Source{Name: "rules", FS: base}, Source{Name: "mine", FS: user})
	require.NoError(t, err)
	name, _ := spec.Field("name")
	assert.Equal(t, "Full Name", name.Label.V)
	assert.False(t, name.MaxLength.Set, "the user's fields.yaml replaces the whole file")
	_, hasCity := spec.Field("city")
	assert.False(t, hasCity)
	inv, _ := spec.Message("invalid")
	assert.Equal(t, "{label} is not accepted", inv.Text)
	assert.Equal(t, "mine/extra.yaml", inv.Pos.File)
	assert.Len(t, spec.Messages, 2)
	assert.Equal(t, []string{"rules/messages.yaml", "mine/extra.yaml", "mine/fields.yaml"}, spec.Files)

	// The same definition twice within one source clashes.
	clash := fstest.MapFS{
		"a.yaml": {Data: []byte(catalogueYAML)},
		"b.yaml": {Data: []byte("version: 1\nmessages:\n  invalid: {text: x, source: ours}\n")},
	}
	_, err = Load(testChecks, Source{Name: "r", FS: clash})
	require.Error(t, err)
	d := err.(Diagnostics)
	require.Len(t, d, 1)
	assert.Equal(t, "duplicate", d[0].Code)
	assert.Equal(t, Pos{File: "r/b.yaml", Line: 3, Col: 3}, d[0].Pos)
}

func TestFieldMerge(t *testing.T) {
	base := &Field{
		Param:     "company",
		Label:     set("Company Name", Pos{}),
		MaxLength: set(255, Pos{Line: 1}),
		Checks:    []Check{{Name: "email"}, {Name: "country"}},
	}
	over := &Field{
		MaxLength: set(100, Pos{Line: 9}),
		MinWords:  set(2, Pos{Line: 10}),
		Checks:    []Check{{Name: "country", Severity: set(Warning, Pos{})}, {Name: "calling-code"}},
	}
	m := base.Merge(over)
	assert.Equal(t, "Company Name", m.Label.V)
	assert.Equal(t, 100, m.MaxLength.V)
	assert.Equal(t, 9, m.MaxLength.Pos.Line)
	assert.Equal(t, 2, m.MinWords.V)
	require.Len(t, m.Checks, 3)
	assert.Equal(t, Warning, m.Checks[1].Severity.V)
	assert.Equal(t, "calling-code", m.Checks[2].Name)
	// The base is untouched.
	assert.Equal(t, 255, base.MaxLength.V)
	assert.Len(t, base.Checks, 2)
	assert.Equal(t, 255, base.Merge(nil).MaxLength.V)
}

func TestDiagnostics(t *testing.T) {
	var l Diagnostics
	assert.NoError(t, l.Err())
	l.Warnf(Pos{File: "b.yaml", Line: 1, Col: 1}, "w", "a warning")
	assert.NoError(t, l.Err(), "warnings alone are not an error")
	l.Errorf(Pos{File: "a.yaml", Line: 9, Col: 2}, "x", "second %d", 2)
	l.Errorf(Pos{File: "a.yaml", Line: 3, Col: 7}, "y", "first")
	l.Errorf(Pos{File: "a.yaml", Line: 9, Col: 2}, "x", "second %d", 2) // said again: once is enough
	l = l.Sorted()
	assert.Equal(t, "a.yaml:3:7: y: first\na.yaml:9:2: x: second 2\nb.yaml:1:1: warning: w: a warning", l.Error())
	assert.Error(t, l.Err())
	assert.Equal(t, "-", Pos{}.String())
	assert.Equal(t, "f.yaml", Pos{File: "f.yaml"}.String())
	assert.Equal(t, "f.yaml:4", Pos{File: "f.yaml", Line: 4}.String())
}

func TestPlaceholderNames(t *testing.T) {
	cases := []struct {
		text     string
		names    []string
		balanced bool
	}{
		{"no braces", nil, true},
		{"{label} is invalid", []string{"label"}, true},
		{"{label} between {min} and {max}", []string{"label", "min", "max"}, true},
		{"{label is", nil, false},
		{"label} is", nil, false},
		{"{a{b}}", nil, false},
		{"{}", []string{""}, true},
	}
	for _, tc := range cases {
		names, ok := placeholderNames(tc.text)
		assert.Equal(t, tc.balanced, ok, tc.text)
		if ok {
			assert.Equal(t, tc.names, names, tc.text)
		}
	}
	assert.Equal(t, 3, lineOf("line 3: did not find expected key"))
	assert.Equal(t, 0, lineOf("no line here"))
}

// One diagnostic per place and code: a repeat said once, two messages for
// the same place joined, an error winning over a warning.
func TestDiagnosticsMergedByPlaceAndCode(t *testing.T) {
	at := Pos{File: "f.yaml", Line: 3, Col: 5}
	var l Diagnostics
	l.Errorf(at, DiagUnknownParam, "needs %s in a", "cc")
	l.Errorf(at, DiagUnknownParam, "needs %s in a", "cc")
	l.Warnf(at, DiagUnknownParam, "needs cc in b")
	l.Errorf(Pos{File: "f.yaml", Line: 1, Col: 1}, DiagSyntax, "x")
	got := l.Sorted()
	require.Len(t, got, 2)
	assert.Equal(t, DiagSyntax, got[0].Code)
	assert.Equal(t, "needs cc in a; needs cc in b", got[1].Message)
	assert.Equal(t, Error, got[1].Severity)
}
