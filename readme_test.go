package contactlint_test

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/tldspec"
)

var update = flag.Bool("update", false, "rewrite generated files: README.md sections")

// The README's check list and message catalogue are generated from the
// rules, the single source of truth; this test fails when they are stale
// (go test . -update rewrites them).
func TestREADME(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	src, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(src)
	readme = replaceSection(t, readme, "checks", checksTable())
	readme = replaceSection(t, readme, "messages", messagesTable(e.Spec()))
	if *update {
		require.NoError(t, os.WriteFile("README.md", []byte(readme), 0o644))
		return
	}
	if string(src) != readme {
		have, want := strings.Split(string(src), "\n"), strings.Split(readme, "\n")
		for i := range min(len(have), len(want)) {
			if have[i] != want[i] {
				t.Fatalf("README.md is stale at line %d (run go test . -update):\nhave %q\nwant %q", i+1, have[i], want[i])
			}
		}
		t.Fatal("README.md is stale (run go test . -update)")
	}
}

func replaceSection(t *testing.T, doc, name, body string) string {
	re := regexp.MustCompile(`(?s)(<!-- ` + name + `:begin[^>]*-->\n).*?(<!-- ` + name + `:end -->)`)
	require.True(t, re.MatchString(doc), "README.md has no %s section", name)
	return re.ReplaceAllLiteralString(doc, re.FindStringSubmatch(doc)[1]+body+"<!-- "+name+":end -->")
}

func checksTable() string {
	var b strings.Builder
	b.WriteString("| check | default severity | options | what it checks |\n|---|---|---|---|\n")
	for _, c := range tldspec.Checks() {
		opts := ""
		for i, a := range c.Args {
			if i > 0 {
				opts += ", "
			}
			opts += "`" + a.Name + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, c.Severity, opts, c.Doc)
	}
	return b.String()
}

func messagesTable(spec *tldspec.Spec) string {
	var b strings.Builder
	b.WriteString("| code | message | source | where from |\n|---|---|---|---|\n")
	for _, m := range spec.Messages {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", m.Code, strings.ReplaceAll(m.Text, "|", `\|`), m.Source, m.Ref)
	}
	return b.String()
}
