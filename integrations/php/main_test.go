package php_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// TestMain runs no test at all when the php CLI is missing (and CI does
// not require it): go test ./... then says "[no tests to run]" for this
// package instead of an "ok" that would read as the PHP client tested.
// .ci/run installs php and sets CONTACTLINT_REQUIRE_PHP.
func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := exec.LookPath("php"); err != nil && os.Getenv("CONTACTLINT_REQUIRE_PHP") == "" {
		fmt.Fprintln(os.Stderr, "integrations/php: php is not installed: the PHP client's tests do not run (apt-get install php-cli, or .ci/run)")
		flag.Set("test.run", "^$")
	}
	os.Exit(m.Run())
}
