// Package mutants generates requests for property tests: the valid
// requests of the project's case corpora (testdata/cases,
// testdata/clients), and mutants of them — values padded, re-cased,
// written as spreadsheets and people write them, cut, swapped, prefixed,
// repeated, credentials added. The tests that use it hold promises that
// must hold for every request: fix reaches its fixed point, a passing
// request never fails after fix, an offered fix passes its rule, a number
// keeps its value, a secret is never printed, the schema is never
// stricter than the engine.
//
// It is deterministic: the same seeds and the same seed number give the
// same mutants, so a failure is reproducible from the test's log.
package mutants

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint/engine"
)

// caseFile is the part of a case file (testdata/cases/*.yaml,
// testdata/clients/*.yaml) that makes requests.
type caseFile struct {
	Bases map[string]map[string]string `yaml:"bases"`
	Cases []struct {
		Command string            `yaml:"command"`
		TLD     string            `yaml:"tld"`
		Role    string            `yaml:"role"`
		Base    string            `yaml:"base"`
		Set     map[string]string `yaml:"set"`
		Unset   []string          `yaml:"unset"`
		Params  [][2]string       `yaml:"params"`
		Current map[string]string `yaml:"current"`
	} `yaml:"cases"`
}

// Corpus reads every case file in dirs and returns each case's request,
// in file and case order (a case's parameters sorted by name, its
// repeated parameters after them). Only the parts that make a request
// are read; the expectations are the case runners' business.
func Corpus(dirs ...string) ([]engine.Request, error) {
	var out []engine.Request
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			var cf caseFile
			if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&cf); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			for _, c := range cf.Cases {
				params := map[string]string{}
				for k, v := range cf.Bases[c.Base] {
					params[k] = v
				}
				for k, v := range c.Set {
					if strings.HasPrefix(v, "$repeat(") {
						continue // the case runner's own notation: not a request shape
					}
					params[k] = v
				}
				for _, k := range c.Unset {
					delete(params, k)
				}
				req := engine.Request{Command: c.Command, TLDs: engine.SplitTLDs(c.TLD), Role: c.Role, Params: engine.ParamsFromMap(params)}
				for _, p := range c.Params {
					req.Params = append(req.Params, engine.Param{Name: p[0], Value: p[1]})
				}
				if c.Current != nil {
					req.Current = engine.ParamsFromMap(c.Current)
				}
				out = append(out, req)
			}
		}
	}
	return out, nil
}

// Valid keeps the requests eng passes without a warning of the kinds a
// mutant's verdict would be muddied by (none at all, so that every
// violation of a mutant comes from its mutation), and adds, for each one
// naming a TLD, the same request in every other role that also passes:
// so that every role of every TLD with a valid request is a seed.
func Valid(eng *engine.Engine, reqs []engine.Request, roles []string) []engine.Request {
	var out []engine.Request
	seen := map[string]bool{}
	keep := func(r engine.Request) {
		k := key(r)
		if seen[k] || !eng.Check(r).OK() {
			return
		}
		seen[k] = true
		out = append(out, r)
	}
	for _, r := range reqs {
		if !eng.Check(r).OK() {
			continue
		}
		keep(r)
		if len(r.TLDs) == 0 {
			continue
		}
		for _, role := range roles {
			if role != r.Role {
				v := r
				v.Role = role
				keep(v)
			}
		}
	}
	return out
}

// key identifies a request: its envelope and its parameters.
func key(r engine.Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|", r.Command, strings.Join(r.TLDs, ","), r.Role)
	for _, p := range r.Params {
		fmt.Fprintf(&b, "%q=%q&", p.Name, p.Value)
	}
	return b.String()
}

// Coverage lists the contact types, TLDs and roles the requests name, each
// sorted: what a property test says it covered.
func Coverage(reqs []engine.Request) (types, tlds, roles []string) {
	add := func(list *[]string, v string) {
		if v != "" && !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	for _, r := range reqs {
		for _, p := range r.Params {
			if p.Name == "type" {
				add(&types, p.Value)
			}
		}
		for _, t := range r.TLDs {
			add(&tlds, strings.ToLower(t))
		}
		add(&roles, r.Role)
	}
	sort.Strings(types)
	sort.Strings(tlds)
	sort.Strings(roles)
	return types, tlds, roles
}
