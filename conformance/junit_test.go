package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	junitSchema       = "testdata/jenkins-junit.xsd"
	junitSchemaSHA256 = "b74f22f7b3e328e08356c268e18fb979ae95e3bcc746f93ae399260310ad0d6f"
)

// java finds the JDK's launcher. .ci/run sets CONTACTLINT_REQUIRE_JAVA so
// that CI never skips the JUnit check.
func java(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CONTACTLINT_REQUIRE_JAVA") != "" {
			t.Fatal("java is not installed, and CONTACTLINT_REQUIRE_JAVA is set")
		}
		t.Skip("java is not installed: the JUnit schema check is skipped (apt-get install default-jdk-headless to run it)")
	}
	return bin
}

// validateXML runs the JDK's schema validator over files.
func validateXML(t *testing.T, files ...string) (string, error) {
	t.Helper()
	out, err := exec.Command(java(t), append([]string{"testdata/Validate.java", junitSchema}, files...)...).CombinedOutput()
	return string(out), err
}

// The JUnit output validates against the schema Jenkins reads, by the
// JDK's validator, for every kind of record: failures, warnings only,
// unreadable requests, sets, exports, several inputs, characters XML
// must escape or cannot carry, and no request at all.
func TestJUnitValidates(t *testing.T) {
	checkDigest(t, junitSchema, junitSchemaSHA256)
	java(t)
	bin := contactlint(t)
	dir := t.TempDir()
	runs := map[string]struct {
		stdin string
		args  []string
	}{
		"requests-jsonl": {"", []string{"../cmd/contactlint/testdata/requests.jsonl"}},
		"requests-json":  {"", []string{"../cmd/contactlint/testdata/requests.json"}},
		"sets":           {"", []string{"../cmd/contactlint/testdata/sets.jsonl"}},
		"export":         {"", []string{"../cmd/contactlint/testdata/inputs/search.json"}},
		"several":        {"", []string{"../examples", "../cmd/contactlint/testdata/requests.jsonl"}},
		"escapes":        {"{\"name\":\"<b>&\\\"x\\\"\\u0001\\u0007\",\"c\\u001bity\":\"]]>\"}\n{\n", []string{"-"}},
		"nothing":        {"", []string{"-"}},
	}
	var files []string
	for name, r := range runs {
		cmd := exec.Command(bin, append([]string{"check", "-format", "junit"}, r.args...)...)
		cmd.Stdin = strings.NewReader(r.stdin)
		out, _ := cmd.Output() // exits 1 or 2 by design
		if !strings.Contains(string(out), "<testsuites") {
			t.Fatalf("%s: no JUnit document:\n%s", name, out)
		}
		f := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if out, err := validateXML(t, files...); err != nil {
		t.Fatalf("invalid JUnit XML: %v\n%s", err, out)
	}
}

// The validator is live: a document the schema forbids is rejected.
func TestJUnitSchemaRejects(t *testing.T) {
	java(t)
	f := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(f, []byte(`<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := validateXML(t, f)
	if err == nil {
		t.Fatalf("a testsuite without tests and a testcase without name passed:\n%s", out)
	}
}
