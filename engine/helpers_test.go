package engine

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

const testCatalogue = `version: 1
messages:
  required: {text: "Required parameter missing: {param}", source: observed}
  invalid: {text: "{label} is invalid", source: ours}
  too-long: {text: "{label} cannot be longer than {max} characters", source: ours}
  digits: {text: "{label} must be between {min} and {max} digits", source: ours}
  custom: {text: "{label} is not acceptable", source: ours}
`

// fieldEngine compiles a command t/cmd whose parameter v has the given
// field properties (YAML, indented under v), beside plain parameters
// country and cc that checks may refer to.
func fieldEngine(t testing.TB, props string, opts ...Options) *Engine {
	t.Helper()
	src := "version: 1\nfields:\n  v:\n    label: Value\n" + indent(props, "    ") +
		"commands:\n  t/cmd:\n    params: [v, country, cc]\n"
	return compileFiles(t, map[string]string{"field.yaml": src}, opts...)
}

func compileFiles(t testing.TB, files map[string]string, opts ...Options) *Engine {
	t.Helper()
	fsys := fstest.MapFS{"catalogue.yaml": {Data: []byte(testCatalogue)}}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	spec, err := tldspec.Load(Catalog(), tldspec.Source{Name: "t", FS: fsys})
	require.NoError(t, err)
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	e, err := Compile(spec, o)
	require.NoError(t, err)
	return e
}

func indent(s, prefix string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString(prefix + line)
		}
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteByte('\n')
	}
	return b.String()
}

// codes runs a t/cmd request with v (and the other params given as
// name=value pairs) and returns its violations as "field code severity".
func codes(e *Engine, v string, more ...string) []string {
	params := []Param{{"v", v}}
	for _, kv := range more {
		name, val, _ := strings.Cut(kv, "=")
		params = append(params, Param{name, val})
	}
	return summary(e.Check(Request{Command: "t/cmd", Params: params}))
}

func summary(r Result) []string {
	out := []string{}
	for _, v := range r.Violations {
		out = append(out, fmt.Sprintf("%s %s %s", v.Field, v.Code, v.Severity))
	}
	return out
}

// fixOf returns the fix of the first violation with the given code.
func fixOf(r Result, code string) string {
	for _, v := range r.Violations {
		if v.Code == code {
			return v.Fix
		}
	}
	return "<no " + code + " violation>"
}

func check1(e *Engine, v string, more ...string) Result {
	params := []Param{{"v", v}}
	for _, kv := range more {
		name, val, _ := strings.Cut(kv, "=")
		params = append(params, Param{name, val})
	}
	return e.Check(Request{Command: "t/cmd", Params: params})
}
