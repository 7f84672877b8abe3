package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// corpusRequest is one request to check and, when the engine passes it,
// to validate: its envelope and its parameters in order, repeats kept.
type corpusRequest struct {
	name                       string
	command, tld, role, method string
	current                    map[string]string
	params                     [][2]string
}

// envelope writes r as the CLI's JSON envelope: parameters in the order
// of their first appearance, a repeated one as a list.
func (r corpusRequest) envelope() string {
	var b strings.Builder
	b.WriteString("{")
	for _, f := range [][2]string{{"command", r.command}, {"tld", r.tld}, {"role", r.role}, {"method", r.method}} {
		if f[1] != "" {
			b.WriteString(js(f[0]) + ":" + js(f[1]) + ",")
		}
	}
	if r.current != nil {
		b.WriteString(`"current":` + js(r.current) + ",")
	}
	b.WriteString(`"params":{`)
	names, vals := r.byName()
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		if len(vals[n]) == 1 {
			b.WriteString(js(n) + ":" + js(vals[n][0]))
		} else {
			b.WriteString(js(n) + ":" + js(vals[n]))
		}
	}
	b.WriteString("}}")
	return b.String()
}

func (r corpusRequest) byName() ([]string, map[string][]string) {
	var names []string
	vals := map[string][]string{}
	for _, p := range r.params {
		if _, seen := vals[p[0]]; !seen {
			names = append(names, p[0])
		}
		vals[p[0]] = append(vals[p[0]], p[1])
	}
	return names, vals
}

// caseFile is the part of a case file (testdata/cases, testdata/clients)
// that makes its requests, read as the main module's tests read it.
type caseFile struct {
	Bases map[string]map[string]string `yaml:"bases"`
	Cases []struct {
		Name    string            `yaml:"name"`
		Command string            `yaml:"command"`
		TLD     string            `yaml:"tld"`
		Role    string            `yaml:"role"`
		Method  string            `yaml:"method"`
		Current map[string]string `yaml:"current"`
		Params  [][2]string       `yaml:"params"`
		Base    string            `yaml:"base"`
		Set     map[string]string `yaml:"set"`
		Unset   []string          `yaml:"unset"`
	} `yaml:"cases"`
}

var repeatRe = regexp.MustCompile(`^\$repeat\((.*),(\d+)\)$`)

// corpusRequests reads every request of the project's case and client
// corpora.
func corpusRequests(t *testing.T) []corpusRequest {
	t.Helper()
	var out []corpusRequest
	for _, dir := range []string{"../testdata/cases", "../testdata/clients"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no case files in %s: %v", dir, err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var cf caseFile
			if err := yaml.Unmarshal(src, &cf); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, c := range cf.Cases {
				m := map[string]string{}
				for k, v := range cf.Bases[c.Base] {
					m[k] = v
				}
				for k, v := range c.Set {
					if g := repeatRe.FindStringSubmatch(v); g != nil {
						n, _ := strconv.Atoi(g[2])
						v = strings.Repeat(g[1], n)
					}
					m[k] = v
				}
				for _, k := range c.Unset {
					delete(m, k)
				}
				r := corpusRequest{name: filepath.Base(p) + "/" + c.Name, command: c.Command, tld: c.TLD, role: c.Role, method: c.Method, current: c.Current}
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				for _, k := range keys {
					r.params = append(r.params, [2]string{k, m[k]})
				}
				r.params = append(r.params, c.Params...)
				out = append(out, r)
			}
		}
	}
	return out
}

// generatedRequests are the requests the main module's tests generate
// from the corpora (its generatedRequests: details named in more than
// one pair, pairs renumbered; a new generator, such as the mutants of
// valid requests of the fix property test, adds its requests there),
// exported by its TestExportGeneratedRequests as JSON envelopes.
func generatedRequests(t *testing.T) []corpusRequest {
	t.Helper()
	file := filepath.Join(t.TempDir(), "generated.jsonl")
	cmd := exec.Command("go", "-C", "..", "test", "-count=1", "-run", "^TestExportGeneratedRequests$", ".", "-args", "-export-requests", file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("exporting the generated requests: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusRequest
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var env struct {
			Command, TLD, Role, Method string
			Current                    map[string]string
			Params                     map[string]json.RawMessage
		}
		if err := json.Unmarshal([]byte(line), &env); err != nil {
			t.Fatalf("generated request %d: %v", i+1, err)
		}
		r := corpusRequest{name: fmt.Sprintf("generated request %d", i+1), command: env.Command, tld: env.TLD, role: env.Role, method: env.Method, current: env.Current}
		names := make([]string, 0, len(env.Params))
		for k := range env.Params {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			var list []string
			if err := json.Unmarshal(env.Params[k], &list); err != nil {
				var one string
				if err := json.Unmarshal(env.Params[k], &one); err != nil {
					t.Fatalf("generated request %d: %s: %v", i+1, k, err)
				}
				list = []string{one}
			}
			for _, v := range list {
				r.params = append(r.params, [2]string{k, v})
			}
		}
		out = append(out, r)
	}
	return out
}

// javaTrim trims as the API's Java String.trim does.
func javaTrim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// The schema is never stricter than the engine: every request of the
// case and client corpora (and generatedRequests) that the engine passes
// validates against the schemas contactlint schema exports for it — its
// command, contact type, each of its TLDs and its role — with an
// independent validator that asserts formats. Values are given trimmed,
// as the schema's promise says (the engine trims them, with a warning);
// a parameter given more than once is given as the API reads it (the
// first value), unless it is repeatable (a list).
func TestSchemaNeverStricterOnCorpora(t *testing.T) {
	bin := contactlint(t)
	corpus := corpusRequests(t)
	generated := generatedRequests(t)
	reqs := append(slices.Clone(corpus), generated...)
	results := checkEnvelopes(t, bin, reqs)

	schemas := map[string]*jsonschema.Schema{}
	refusedArgs := map[string]bool{} // schema arguments contactlint refuses (an unknown TLD, a command without types)
	repeatable := map[string]map[string]bool{}
	perSchema := map[string]int{}
	var passed, unknownCommand, validations, trimmed, firstOfMany int
	for i, r := range reqs {
		if !results[i].OK {
			continue
		}
		passed++
		command := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r.command, "/"), "api/"), ".json")
		if command == "" {
			command = "contacts/add"
		}
		if _, ok := repeatable[command]; !ok {
			repeatable[command] = repeatableParams(t, bin, command)
		}
		if repeatable[command] == nil {
			unknownCommand++ // not checked (a warning), and no schema to export
			continue
		}
		names, vals := r.byName()
		inst := map[string]any{}
		for _, n := range names {
			vs := vals[n]
			for k, v := range vs {
				if tv := javaTrim(v); tv != v {
					vs[k] = tv
					trimmed++
				}
			}
			switch {
			case len(vs) == 1:
				inst[n] = vs[0]
			case repeatable[command][n]:
				list := make([]any, len(vs))
				for k, v := range vs {
					list[k] = v
				}
				inst[n] = list
			default:
				inst[n] = vs[0]
				firstOfMany++
			}
		}
		typ := ""
		if vs := vals["type"]; len(vs) > 0 {
			typ = javaTrim(vs[0])
		}
		tlds := []string{""}
		if ts := strings.Split(r.tld, ","); r.tld != "" {
			tlds = nil
			for _, tld := range ts {
				tlds = append(tlds, strings.TrimSpace(tld))
			}
		}
		for _, tld := range tlds {
			args := schemaArgsFor(command, typ, tld, r.role, refusedArgs, bin)
			key := strings.Join(args, " ")
			s, ok := schemas[key]
			if !ok {
				s = schemaFor(t, bin, args)
				schemas[key] = s
			}
			validations++
			perSchema[key]++
			if err := s.Validate(inst); err != nil {
				t.Errorf("%s: the engine passes it but %q refuses it: %v\n%s", r.name, key, err, r.envelope())
			}
		}
	}
	keys := make([]string, 0, len(perSchema))
	for k := range perSchema {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var per []string
	for _, k := range keys {
		per = append(per, fmt.Sprintf("%s: %d", strings.TrimPrefix(k, "schema "), perSchema[k]))
	}
	t.Logf("%d requests (%d from the corpora, %d generated); the engine passes %d (%d of a command the rules do not describe, so with no schema); %d validations against %d schemas (%d values trimmed, %d repeated parameters given by their first value). Per schema: %s",
		len(reqs), len(corpus), len(generated), passed, unknownCommand, validations, len(schemas), trimmed, firstOfMany, strings.Join(per, "; "))
	if passed < 200 {
		t.Errorf("only %d requests pass the engine: too few to mean anything", passed)
	}
}

// schemaArgsFor asks for the schema of a request's command, contact
// type, TLD and role, leaving out what contactlint schema refuses (an
// unknown TLD, role or type, or a type for a command without one): the
// engine then applies no rules of its own for it either.
func schemaArgsFor(command, typ, tld, role string, refused map[string]bool, bin string) []string {
	args := []string{"schema", "-command", command}
	for _, opt := range [][2]string{{"-type", typ}, {"-tld", tld}, {"-role", role}} {
		if opt[1] == "" {
			continue
		}
		try := append(slices.Clone(args), opt[0], opt[1])
		key := strings.Join(try, " ")
		ok, seen := refused[key]
		if !seen {
			ok = exec.Command(bin, try...).Run() != nil
			refused[key] = ok
		}
		if !ok {
			args = try
		}
	}
	return args
}

// repeatableParams lists the parameters of command that take several
// values (contactlint explain); nil for a command the rules do not
// describe.
func repeatableParams(t *testing.T, bin, command string) map[string]bool {
	t.Helper()
	out, err := exec.Command(bin, "explain", "-command", command, "-format", "json").Output()
	if err != nil {
		return nil
	}
	var x struct {
		Params []struct {
			Param  string `json:"param"`
			Repeat bool   `json:"repeat"`
		} `json:"params"`
	}
	if err := json.Unmarshal(out, &x); err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, p := range x.Params {
		m[p.Param] = p.Repeat
	}
	return m
}

// checkEnvelopes checks reqs with contactlint check --format jsonl.
func checkEnvelopes(t *testing.T, bin string, reqs []corpusRequest) []checkResult {
	t.Helper()
	var in bytes.Buffer
	for _, r := range reqs {
		in.WriteString(r.envelope() + "\n")
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "check", "--format", "jsonl", "-")
	cmd.Stdin, cmd.Stdout = &in, &out
	_ = cmd.Run() // exits 1: some requests fail by design
	var results []checkResult
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r checkResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		results = append(results, r)
	}
	if len(results) != len(reqs) {
		t.Fatalf("%d results for %d requests", len(results), len(reqs))
	}
	return results
}
