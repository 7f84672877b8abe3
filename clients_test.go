package contactlint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint"
)

// TestClientCorpus holds the engine to the request shapes real
// open-source LogicBoxes clients send (testdata/clients, one file per
// client, each case naming the code it comes from): a request their tests
// sent to the live test API, or that a panel sends in production, passes
// unless the spec says the API refuses it.
func TestClientCorpus(t *testing.T) {
	paths, err := filepath.Glob("testdata/clients/*.yaml")
	require.NoError(t, err)
	e, err := contactlint.Default()
	require.NoError(t, err)
	clients, total := map[string]int{}, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		var cf caseFile
		dec := yaml.NewDecoder(bytes.NewReader(src))
		dec.KnownFields(true)
		require.NoError(t, dec.Decode(&cf), p)
		require.NotEmpty(t, cf.Client, "%s names no client", p)
		require.NotEmpty(t, cf.Repo, "%s names no repository", p)
		for _, c := range cf.Cases {
			total++
			clients[cf.Client]++
			t.Run(cf.Client+"/"+c.Name, func(t *testing.T) {
				require.NotEmpty(t, c.Source, "a client case names its source")
				require.Contains(t, []string{"live-test", "observed", "production", "mock"}, c.Evidence)
				require.Contains(t, []string{"pass", "refuse"}, c.Verdict)
				if c.Base != "" {
					require.Contains(t, cf.Bases, c.Base)
				}
				res := e.Check(c.request(cf.Bases))
				got := violationsOf(t, e, res)
				if c.Verdict == "pass" {
					assert.True(t, res.OK(), "%s sends this and it must pass; got %v\n%s", cf.Client, got, res.APIResponse())
				} else {
					assert.False(t, res.OK(), "the evidence says the API refuses this; got %v", got)
				}
				if c.Want != nil {
					assert.Equal(t, c.Want, got)
				}
				if c.Response != "" {
					assert.Equal(t, c.Response, string(res.APIResponse()))
				}
			})
		}
	}
	assert.GreaterOrEqual(t, total, 40, "the corpus holds at least 40 requests")
	assert.GreaterOrEqual(t, len(clients), 5, "from at least 5 clients")
	names := make([]string, 0, len(clients))
	for n := range clients {
		names = append(names, n)
	}
	slices.Sort(names)
	t.Logf("%d requests from %d clients: %v", total, len(clients), names)
}
