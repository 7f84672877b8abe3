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

// libphonenumber's metadata and Google's postal patterns reach the
// programs as countries/phonedata.tsv and postaldata.tsv: the modules they
// come from (2.8 MB of parsed data and 5 ms of init, a heap the sidecar's
// collector would mark on every cycle) are the tests' dependencies only.
func TestDataModulesOnlyInTests(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./...").CombinedOutput()
	require.NoError(t, err, "%s", out)
	tests, err := exec.Command("go", "list", "-deps", "-test", "./countries").CombinedOutput()
	require.NoError(t, err, "%s", tests)
	for _, mod := range []string{"github.com/nyaruka/phonenumbers/v2", "github.com/bojanz/address"} {
		assert.NotContains(t, string(out), mod+"\n", "a program imports %s", mod)
		assert.NotContains(t, string(out), mod+"/", "a program imports a package of %s", mod)
		assert.Contains(t, string(tests), mod+"\n", "the check above can fail")
	}
}

// Imports point one way: the text leaves (internal/text/…) import nothing
// of ours; countries, idnum and tldspec only leaves; the engine only
// those; nothing below the root climbs back up to what reads requests or
// serves them (internal/input, apihttp, calibrate, the root, sidecar,
// cmd).
func TestLayers(t *testing.T) {
	const mod = "github.com/contactlint/contactlint"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").CombinedOutput()
	require.NoError(t, err, "%s", out)
	allowed := map[string][]string{
		mod + "/internal/text/": nil,
		mod + "/countries":      {mod + "/internal/text/"},
		mod + "/idnum":          {mod + "/internal/text/"},
		mod + "/tldspec":        {mod + "/internal/text/"},
		mod + "/engine":         {mod + "/internal/text/", mod + "/countries", mod + "/idnum", mod + "/tldspec"},
		mod + "/rules":          nil,
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		for layer, may := range allowed {
			if pkg != layer && !(strings.HasSuffix(layer, "/") && strings.HasPrefix(pkg, layer)) {
				continue
			}
			checked++
			for _, imp := range fields[1:] {
				if !strings.HasPrefix(imp, mod+"/") && imp != mod {
					continue
				}
				ok := false
				for _, m := range may {
					ok = ok || imp == m || strings.HasSuffix(m, "/") && strings.HasPrefix(imp, m)
				}
				assert.True(t, ok, "%s imports %s: imports point down, to %v", pkg, imp, may)
			}
		}
	}
	assert.GreaterOrEqual(t, checked, 8, "every layer was found")
}
