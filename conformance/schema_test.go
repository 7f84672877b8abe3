package conformance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

type envelope struct {
	Command string            `json:"command,omitempty"`
	TLD     string            `json:"tld,omitempty"`
	Role    string            `json:"role,omitempty"`
	Params  map[string]string `json:"params"`
}

// mutants are values every parameter is set to in turn: empty, short,
// long, letters where digits go, digits where letters go, codes in the
// wrong case, and every value another sample has for that parameter.
var mutants = []string{
	"", "x", "X Y", "12", "1234", "1234567", "123456789012345", "ABCDE", "abc de",
	"a@b", "test@example", "N/A", "us", "ZZ", "GB", "Ab-1", "1 2", "+44",
	strings.Repeat("a", 70), strings.Repeat("7", 20), strings.Repeat("w ", 40),
	"Contact", "EsContact", "ORG", "PRS", "1", "3", "P1", "C99", "CCT", "XYZ",
}

// The schema `contactlint schema` writes is checked against the engine by
// an independent validator: every request the engine passes validates, and
// every request the engine refuses for a rule JSON Schema can say is
// refused. The requests are the samples in testdata and thousands of
// mutants of them (a parameter dropped, or set to another value).
func TestSchemaAgreesWithEngine(t *testing.T) {
	bin := contactlint(t)
	samples := readSamples(t, "testdata/schema-requests.jsonl")
	byParam := map[string][]string{}
	for _, s := range samples {
		for p, v := range s.Params {
			if !slices.Contains(byParam[p], v) {
				byParam[p] = append(byParam[p], v)
			}
		}
	}
	// Values at the bounds rules use: 1–16 digits, and letters up to
	// and past the usual length limits.
	values := slices.Clone(mutants)
	for n := 1; n <= 16; n++ {
		values = append(values, strings.Repeat("9", n))
	}
	for _, n := range []int{16, 17, 50, 51, 64, 65, 100, 101, 255, 256} {
		values = append(values, strings.Repeat("b", n))
	}
	var reqs []envelope
	for _, s := range samples {
		reqs = append(reqs, s)
		params := make([]string, 0, len(s.Params))
		for p := range s.Params {
			params = append(params, p)
		}
		slices.Sort(params)
		for _, p := range append(params, "state", "company", "fax", "address-line-2") {
			drop := clone(s)
			delete(drop.Params, p)
			reqs = append(reqs, drop)
			for _, v := range append(slices.Clone(values), byParam[p]...) {
				m := clone(s)
				m.Params[p] = v
				reqs = append(reqs, m)
			}
		}
	}

	results := checkAll(t, bin, reqs)
	schemas := map[string]*jsonschema.Schema{}
	var passed, refused, refusedByBoth, sayable int
	for i, req := range reqs {
		args := schemaArgs(req)
		key := strings.Join(args, " ")
		s, ok := schemas[key]
		if !ok {
			s = schemaFor(t, bin, args)
			schemas[key] = s
		}
		inst := map[string]any{}
		for k, v := range req.Params {
			inst[k] = v
		}
		verr := s.Validate(inst)
		r := results[i]
		if r.OK {
			passed++
			if verr != nil {
				t.Errorf("the engine passes %s but the schema refuses it: %v", js(req), verr)
			}
			continue
		}
		refused++
		if verr != nil {
			refusedByBoth++
		}
		if code := sayableError(r); code != "" {
			sayable++
			if verr == nil {
				t.Errorf("the engine refuses %s for %s, which the schema can say, but the schema accepts it", js(req), code)
			}
		}
	}
	t.Logf("%d requests, %d schemas: the engine passes %d, refuses %d; the schema refuses %d of those (%d for rules it can say)",
		len(reqs), len(schemas), passed, refused, refusedByBoth, sayable)
	if passed < 100 || sayable < 100 {
		t.Errorf("too few requests on either side to mean anything: %d passed, %d sayable", passed, sayable)
	}
}

// knownTypes are the contact types the mutants use that the rules know;
// another value of type is checked against the schema without a type.
var knownTypes = []string{"Contact", "EsContact", "CaContact", "RuContact", "EuContact", "AtContact"}

// sayable are the rule codes the schema expresses exactly (minLength is
// halved for UTF-16, so too-short is not among them).
var sayable = []string{"required", "too-long", "digits", "one-of", "pattern", "in-list", "min-words", "country", "calling-code", "postal-code", "forbidden", "attr-required"}

type checkResult struct {
	OK         bool `json:"ok"`
	Violations []struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
	} `json:"violations"`
}

func sayableError(r checkResult) string {
	for _, v := range r.Violations {
		if v.Severity == "error" && slices.Contains(sayable, v.Code) {
			return v.Code
		}
	}
	return ""
}

func checkAll(t *testing.T, bin string, reqs []envelope) []checkResult {
	t.Helper()
	var in bytes.Buffer
	for _, r := range reqs {
		in.WriteString(js(r) + "\n")
	}
	cmd := exec.Command(bin, "check", "--format", "jsonl", "-")
	cmd.Stdin = &in
	var out bytes.Buffer
	cmd.Stdout = &out
	_ = cmd.Run() // exits 1: some requests fail by design
	var results []checkResult
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r checkResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	if len(results) != len(reqs) {
		t.Fatalf("%d results for %d requests", len(results), len(reqs))
	}
	return results
}

// schemaArgs asks for the schema of req's command, type, TLD and role.
func schemaArgs(req envelope) []string {
	args := []string{"schema"}
	if req.Command != "" {
		args = append(args, "-command", req.Command)
	}
	if typ := req.Params["type"]; req.Command == "" && slices.Contains(knownTypes, typ) {
		args = append(args, "-type", typ)
	}
	if req.TLD != "" {
		args = append(args, "-tld", req.TLD)
	}
	if req.Role != "" {
		args = append(args, "-role", req.Role)
	}
	return args
}

func schemaFor(t *testing.T, bin string, args []string) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// As validators that assert formats (Ajv with ajv-formats) read it:
	// a format keyword must not refuse what the engine passes.
	c.AssertFormat()
	if err := c.AddResource("request.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("request.json")
	if err != nil {
		t.Fatalf("%v: the schema does not compile: %v", args, err)
	}
	return s
}

func readSamples(t *testing.T, path string) []envelope {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []envelope
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var e envelope
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func clone(e envelope) envelope {
	c := e
	c.Params = map[string]string{}
	for k, v := range e.Params {
		c.Params[k] = v
	}
	return c
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
