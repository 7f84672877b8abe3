package contactlint_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

// embeddedSpec is the embedded rules as loaded: what the README's tables
// describe. Loaded once; the tests only read it.
func embeddedSpec(t *testing.T) *tldspec.Spec {
	t.Helper()
	spec, err := loadEmbedded()
	require.NoError(t, err)
	return spec
}

var loadEmbedded = sync.OnceValues(func() (*tldspec.Spec, error) {
	return tldspec.Load(engine.Catalog(), tldspec.Source{Name: rules.Name, FS: rules.FS()})
})

var update = flag.Bool("update", false, "rewrite generated files: docs/rules.md sections")

// rulesDoc is the rule-file reference, whose tables are generated.
const rulesDoc = "docs/rules.md"

// The rule reference's tables — checks, diagnostics, messages, commands,
// what each type and TLD adds — are generated from the rules, the single
// source of truth; this test fails when they are stale (go test . -update
// rewrites them).
func TestRulesDoc(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	src, err := os.ReadFile(rulesDoc)
	require.NoError(t, err)
	readme := string(src)
	readme = replaceSection(t, readme, "checks", checksTable())
	readme = replaceSection(t, readme, "diagnostics", diagnosticsTable())
	readme = replaceSection(t, readme, "messages", messagesTable(embeddedSpec(t)))
	readme = replaceSection(t, readme, "reference", ruleReference(t, e))
	readme = replaceSection(t, readme, "commands", commandsTable(t, e))
	if *update {
		require.NoError(t, os.WriteFile(rulesDoc, []byte(readme), 0o644))
		return
	}
	if string(src) != readme {
		have, want := strings.Split(string(src), "\n"), strings.Split(readme, "\n")
		for i := range min(len(have), len(want)) {
			if have[i] != want[i] {
				t.Fatalf("%s is stale at line %d (run go test . -update):\nhave %q\nwant %q", rulesDoc, i+1, have[i], want[i])
			}
		}
		t.Fatalf("%s is stale (run go test . -update)", rulesDoc)
	}
}

func replaceSection(t *testing.T, doc, name, body string) string {
	re := regexp.MustCompile(`(?s)(<!-- ` + name + `:begin[^>]*-->\n).*?(<!-- ` + name + `:end -->)`)
	require.True(t, re.MatchString(doc), "%s has no %s section", rulesDoc, name)
	return re.ReplaceAllLiteralString(doc, re.FindStringSubmatch(doc)[1]+body+"<!-- "+name+":end -->")
}

func checksTable() string {
	var b strings.Builder
	b.WriteString("| check | default severity | basis | options | what it checks |\n|---|---|---|---|---|\n")
	for _, c := range engine.Catalog().Checks {
		opts := ""
		for i, a := range c.Args {
			if i > 0 {
				opts += ", "
			}
			opts += "`" + a.Name + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.Name, c.Severity, c.Basis, opts, c.Doc)
	}
	return b.String()
}

func diagnosticsTable() string {
	var b strings.Builder
	b.WriteString("| code | severity | what it reports |\n|---|---|---|\n")
	for _, d := range tldspec.DiagCodes() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", d.Code, d.Severity, d.Doc)
	}
	return b.String()
}

func messagesTable(spec *tldspec.Spec) string {
	var b strings.Builder
	b.WriteString("| code | message | source | severity | where from |\n|---|---|---|---|---|\n")
	for _, m := range spec.Messages {
		sev := ""
		if m.Severity.Set {
			sev = m.Severity.V.String()
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", m.Code, strings.ReplaceAll(m.Text, "|", `\|`), m.Source, sev, m.Ref)
	}
	return b.String()
}

// ruleReference lists what each contact type and TLD adds to the base
// rules of contacts/add, from Engine.Explain.
func ruleReference(t *testing.T, e *contactlint.Engine) string {
	explain := func(q engine.Query) engine.Explanation {
		q.Command = "contacts/add"
		x, err := e.Explain(q)
		require.NoError(t, err)
		return x
	}
	base := explain(engine.Query{})
	var b strings.Builder
	b.WriteString("Base rules of `contacts/add` (`contactlint explain`):\n\n")
	b.WriteString("| parameter | key | presence | rules |\n|---|---|---|---|\n")
	for _, p := range base.Params {
		var rules []string
		for _, r := range p.Rules {
			rules = append(rules, fmt.Sprintf("%s (%s%s)", r.Detail, r.Severity, neverFires(r)))
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", p.Param, p.Field, p.Presence, strings.Join(rules, "; "))
	}
	section := func(title, doc string, x, from engine.Explanation, roles func(string) engine.Explanation) {
		fmt.Fprintf(&b, "\n**%s** — %s\n", title, doc)
		writeDiff(&b, "", x.Params, from.Params)
		for _, c := range x.Conditions {
			_, when, _ := strings.Cut(c.When, ": ")
			fmt.Fprintf(&b, "- %s (`%s`):\n", when, c.Rule)
			writeDiff(&b, "  ", c.Params, x.Params)
		}
		for _, role := range tldspec.Roles() {
			xr := roles(role)
			var d strings.Builder
			writeDiff(&d, "  ", xr.Params, x.Params)
			if d.Len() > 0 {
				fmt.Fprintf(&b, "- as %s:\n%s", role, d.String())
			}
		}
	}
	spec := embeddedSpec(t)
	for _, ty := range spec.Types {
		x := explain(engine.Query{Type: ty.Name})
		section(ty.Name, ty.Doc.V, x, base, func(role string) engine.Explanation { return explain(engine.Query{Type: ty.Name, Role: role}) })
	}
	for _, tld := range spec.TLDs {
		x := explain(engine.Query{TLD: tld.Name})
		section("."+strings.ToUpper(tld.Name), tld.Doc.V, x, base, func(role string) engine.Explanation { return explain(engine.Query{TLD: tld.Name, Role: role}) })
	}
	return b.String()
}

// neverFires marks a rule no value can make fire, with the reason.
func neverFires(r engine.RuleInfo) string {
	if r.NeverFires == "" {
		return ""
	}
	return ", never fires: " + r.NeverFires
}

// writeDiff writes the parameters whose presence or rules differ from
// base's, with the rules that are new.
func writeDiff(b *strings.Builder, indent string, params, base []engine.ParamRules) {
	was := map[string]engine.ParamRules{}
	for _, p := range base {
		was[p.Param] = p
	}
	for _, p := range params {
		old := was[p.Param]
		var parts []string
		if p.Presence != old.Presence {
			presence := p.Presence
			if p.Rule.IsValid() {
				presence += fmt.Sprintf(" (`%s`)", p.Rule)
			}
			parts = append(parts, presence)
		}
		for _, r := range p.Rules {
			// A rule is new unless the base has it (its wording aside: a
			// field's message may change for a contact type).
			same := func(o engine.RuleInfo) bool {
				return o.Code == r.Code && o.Severity == r.Severity && o.Detail == r.Detail && o.Rule == r.Rule
			}
			if r.Code == "forbidden" || slices.ContainsFunc(old.Rules, same) {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s, %s%s (`%s`)", r.Detail, r.Severity, neverFires(r), r.Rule))
		}
		if len(parts) > 0 {
			fmt.Fprintf(b, "%s- `%s`: %s\n", indent, p.Param, strings.Join(parts, "; "))
		}
	}
}

// commandsTable lists every command with its method and parameters,
// required ones in bold, repeatable ones marked.
func commandsTable(t *testing.T, e *contactlint.Engine) string {
	var b strings.Builder
	b.WriteString("Every command also takes `auth-userid` with `api-key` or `auth-password`.\n\n")
	b.WriteString("| command | method | parameters (**required**, …: repeatable) | notes |\n|---|---|---|---|\n")
	for _, c := range embeddedSpec(t).Commands {
		x, err := e.Explain(engine.Query{Command: c.Name})
		require.NoError(t, err)
		var params []string
		for _, p := range x.Params {
			if strings.HasPrefix(p.Param, "auth-") || p.Param == "api-key" || p.Attr {
				continue
			}
			s := "`" + p.Param + "`"
			if p.Presence == "required" {
				s = "**" + s + "**"
			}
			if p.Repeat {
				s += "…"
			}
			params = append(params, s)
		}
		if x.Attrs {
			params = append(params, "`attr-nameN`/`attr-valueN`")
		}
		var notes []string
		if c.Deprecated != nil {
			notes = append(notes, "deprecated ("+c.Deprecated.Severity.Or(tldspec.Error).String()+")")
		}
		if c.Open.V {
			notes = append(notes, "parameters beyond auth undocumented")
		}
		if c.TLDFrom.Set {
			notes = append(notes, "details checked by the TLD of `"+c.TLDFrom.V+"`")
		}
		for _, tld := range c.TLDs {
			notes = append(notes, "."+strings.ToUpper(tld.Name)+": "+tld.Doc.V)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, x.Method, strings.Join(params, ", "), strings.Join(notes, "; "))
	}
	return b.String()
}

// The README's Go service program runs as written and prints what the
// README says it prints.
func TestREADMEGoService(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	src, err := os.ReadFile("README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)<!-- go-service:begin[^>]*-->\n```go\n(.*?)```\n\n```\n(.*?)```\n<!-- go-service:end -->").FindSubmatch(src)
	require.NotNil(t, m, "README.md has no go-service section of a program and its output")
	// Inside the module, so that its import resolves to this tree; a dot
	// directory, so that ./... never sees it.
	dir, err := os.MkdirTemp(".", ".readme-go-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), m[1], 0o644))
	cmd := exec.Command("go", "run", "./"+filepath.Base(dir))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Equal(t, string(m[2]), string(out))
}
