package contactlint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/mutants"
	"github.com/contactlint/contactlint/tldspec"
)

// corpusRequest is one request of the case and client corpora
// (testdata/cases, testdata/clients), or one generated from them.
type corpusRequest struct {
	Name string
	Req  contactlint.Request
}

// corpusRequests reads every request of the case and client corpora, as
// TestCases and TestClientCorpus build them.
func corpusRequests(t *testing.T) []corpusRequest {
	t.Helper()
	var out []corpusRequest
	for _, dir := range []string{"testdata/cases", "testdata/clients"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		require.NoError(t, err)
		require.NotEmpty(t, paths, dir)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			require.NoError(t, err)
			var cf caseFile
			dec := yaml.NewDecoder(bytes.NewReader(src))
			require.NoError(t, dec.Decode(&cf), p)
			for _, c := range cf.Cases {
				out = append(out, corpusRequest{Name: filepath.Base(p) + "/" + c.Name, Req: c.request(cf.Bases)})
			}
		}
	}
	return out
}

var exportRequests = flag.String("export-requests", "", "write the generated requests (generatedRequests) as JSON envelopes, one a line, to this file")

// generatedRequests are the requests generated from the corpora, for the
// tests that hold every request to a promise (parameter order, the faces,
// and in the conformance module the schema, which reads them through
// TestExportGeneratedRequests). A new generator adds its requests here.
func generatedRequests(corpus []corpusRequest) []corpusRequest {
	out := repeatedDetailRequests(corpus)
	e, _ := contactlint.Default()
	c, _ := mutants.Corpus("testdata/cases", "testdata/clients")
	seeds := mutants.Valid(e, c, tldspec.Roles())
	for i, m := range mutants.Generate(seeds, 15000, 19) {
		out = append(out, corpusRequest{Name: fmt.Sprintf("mutant %d %v", i, m.Ops), Req: m.Req})
	}
	return out
}

// TestExportGeneratedRequests writes generatedRequests for the
// conformance module (go test -run TestExportGeneratedRequests -args
// -export-requests FILE); without the flag it has nothing to do.
func TestExportGeneratedRequests(t *testing.T) {
	if *exportRequests == "" {
		t.Skip("no -export-requests file given")
	}
	var b strings.Builder
	reqs := generatedRequests(corpusRequests(t))
	for _, r := range reqs {
		b.WriteString(envelopeJSON(r.Req) + "\n")
	}
	require.NoError(t, os.WriteFile(*exportRequests, []byte(b.String()), 0o644))
	t.Logf("%d requests written to %s", len(reqs), *exportRequests)
}

// repeatedDetailRequests are generated from reqs: for each extra detail a
// request gives, copies that name it in one more pair — with the same
// value, given empty, with another value the corpora give that detail,
// and with a value no rule takes — numbered above the others or 0, and a
// copy with every pair renumbered 0, 11, 12, ….
func repeatedDetailRequests(reqs []corpusRequest) []corpusRequest {
	type pair struct{ num, name, value string }
	pairsOf := func(params []contactlint.Param) []pair {
		var ps []pair
		for _, p := range params {
			num, ok := strings.CutPrefix(p.Name, "attr-name")
			if !ok || num == "" || strings.TrimLeft(num, "0123456789") != "" || len(num) > 1 && num[0] == '0' {
				continue
			}
			ps = append(ps, pair{num: num, name: p.Value})
		}
		for i := range ps {
			for _, p := range params {
				if p.Name == "attr-value"+ps[i].num {
					ps[i].value = p.Value
					break
				}
			}
		}
		return ps
	}
	values := map[string][]string{} // every value the corpora give a detail
	for _, r := range reqs {
		for _, p := range pairsOf(r.Req.Params) {
			if p.value != "" && !slices.Contains(values[p.name], p.value) {
				values[p.name] = append(values[p.name], p.value)
			}
		}
	}
	var out []corpusRequest
	for _, r := range reqs {
		ps := pairsOf(r.Req.Params)
		if len(ps) == 0 {
			continue
		}
		top := 0
		for _, p := range ps {
			n, _ := strconv.Atoi(p.num)
			top = max(top, n)
		}
		for i, p := range ps {
			others := slices.DeleteFunc(slices.Clone(values[p.name]), func(v string) bool { return v == p.value })
			alts := []string{p.value, "", "not-a-" + p.name}
			if len(others) > 0 {
				alts = append(alts, others[i%len(others)])
			}
			for k, v := range alts {
				num := strconv.Itoa(top + 1 + k)
				if k == 1 && !slices.ContainsFunc(ps, func(q pair) bool { return q.num == "0" }) {
					num = "0"
				}
				req := r.Req
				req.Params = append(slices.Clone(r.Req.Params), contactlint.Param{Name: "attr-name" + num, Value: p.name}, contactlint.Param{Name: "attr-value" + num, Value: v})
				out = append(out, corpusRequest{Name: fmt.Sprintf("%s, %s again in pair %s (%q)", r.Name, p.name, num, v), Req: req})
			}
		}
		renumbered := r.Req
		renumbered.Params = slices.Clone(r.Req.Params)
		for i := range renumbered.Params {
			p := &renumbered.Params[i]
			for _, prefix := range []string{"attr-name", "attr-value"} {
				if num, ok := strings.CutPrefix(p.Name, prefix); ok {
					if j := slices.IndexFunc(ps, func(q pair) bool { return q.num == num }); j >= 0 {
						n := 0
						if j > 0 {
							n = 10 + j
						}
						p.Name = prefix + strconv.Itoa(n)
					}
				}
			}
		}
		out = append(out, corpusRequest{Name: r.Name + ", pairs renumbered 0, 11, 12, …", Req: renumbered})
	}
	return out
}
