package contactlint_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Prometheus is the sidecar's and the CLI's: the library (the root
// package, Transport included) and the engine never pull it in.
func TestLibraryImportGraph(t *testing.T) {
	for _, pkg := range []string{".", "./engine"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		require.NoError(t, err, "%s", out)
		for _, dep := range strings.Fields(string(out)) {
			assert.NotContains(t, dep, "prometheus", "%s imports %s", pkg, dep)
		}
	}
	out, err := exec.Command("go", "list", "-deps", "./sidecar").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "github.com/prometheus/client_golang/prometheus\n", "the check above can fail")
}
