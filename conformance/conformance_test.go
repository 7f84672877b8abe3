package conformance

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// contactlint builds the CLI once per test binary.
func contactlint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "contactlint")
	cmd := exec.Command("go", "-C", "..", "build", "-o", bin, "./cmd/contactlint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building contactlint: %v\n%s", err, out)
	}
	return bin
}

// sarifSchema is the OASIS SARIF 2.1.0 schema, committed with its notice
// (testdata/sarif-schema-2.1.0.NOTICE.md); the digest holds it unchanged.
const (
	sarifSchema       = "testdata/sarif-schema-2.1.0.json"
	sarifSchemaSHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
)

// checkDigest fails unless the committed file at path is the one its
// notice describes.
func checkDigest(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		t.Fatalf("%s is not the schema its notice documents (SHA-256 %x)", path, sum)
	}
}

// sarifLog is the OASIS SARIF schema, held to its digest, compiled.
func sarifLog(t *testing.T) *jsonschema.Schema {
	t.Helper()
	checkDigest(t, sarifSchema, sarifSchemaSHA256)
	return compile(t, sarifSchema)
}

func compile(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The SARIF output validates against the OASIS SARIF 2.1.0 schema, for
// every kind of record: violations, warnings, unreadable requests, sets,
// exports, standard input, and no results at all.
func TestSARIFValidates(t *testing.T) {
	schema := sarifLog(t)
	bin := contactlint(t)
	inputs := []string{
		"../cmd/contactlint/testdata/requests.jsonl",
		"../cmd/contactlint/testdata/requests.json",
		"../cmd/contactlint/testdata/sets.jsonl",
		"../cmd/contactlint/testdata/inputs/search.json",
		"../examples",
	}
	for _, in := range append(inputs, "-", "empty") {
		args := []string{"check", "--format", "sarif", in}
		stdin := ""
		switch in {
		case "-":
			stdin = `{"name":"x","country":"us"}` + "\n"
		case "empty":
			args[3] = "-"
		}
		validateOutput(t, schema, bin, stdin, args...)
	}
}

// validateOutput runs the CLI and validates what it prints against schema.
func validateOutput(t *testing.T, schema *jsonschema.Schema, bin, stdin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout = &out
	_ = cmd.Run() // exits 1 or 2 by design
	doc, err := jsonschema.UnmarshalJSON(&out)
	if err != nil {
		t.Fatalf("%v: not JSON: %v", args, err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("%v: invalid: %v", args, err)
	}
}

// rules lint's SARIF validates too: errors with columns, warnings, none.
func TestRulesLintSARIFValidates(t *testing.T) {
	schema := sarifLog(t)
	bin := contactlint(t)
	for _, dir := range []string{"broken", "warned", "clean"} {
		validateOutput(t, schema, bin, "", "rules", "lint", "-format", "sarif", "../cmd/contactlint/testdata/rules-lint/"+dir)
	}
}

// The validator is live: a log the schema forbids is rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifLog(t)
	for _, bad := range []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r","level":"fatal","message":{"text":"m"}}]}]}`,
		`{"version":"2.0.0","runs":[]}`,
		`{"version":"2.1.0","runs":[{"results":[]}]}`,
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(doc) == nil {
			t.Errorf("the schema accepted %s", bad)
		}
	}
}
