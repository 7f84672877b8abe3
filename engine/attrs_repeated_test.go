package engine

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const repeatedRules = `version: 1
commands:
  t/add:
    attrs: true
    params: [name]
tlds:
  xx:
    attrs:
      form: {one-of: [A, B, C]}
      id: {}
      size: {one-of: ["1", "2"]}
    when:
      - if: {attr: form, is: [A]}
        attrs: {id: {required: true}}
      - if: {attr: form, is: [B]}
        fields: {name: {required: true}}
`

// A detail named in two pairs is judged on both values, in every world
// its values make: an error only when every one refuses.
func TestRepeatedDetail(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": repeatedRules})
	run := func(params ...string) []string {
		var ps []Param
		for _, p := range params {
			k, v, _ := strings.Cut(p, "=")
			ps = append(ps, Param{k, v})
		}
		return summary(e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: ps}))
	}
	assert.Equal(t, []string{"form attr-repeated warning", "form attr-conflict warning"},
		run("name=x", "attr-name1=form", "attr-value1=C", "attr-name2=form", "attr-value2=D"), "D is refused, C is not")
	assert.Equal(t, []string{"form attr-repeated warning", "form one-of error"},
		run("name=x", "attr-name1=form", "attr-value1=E", "attr-name2=form", "attr-value2=D"), "both refused")
	assert.Equal(t, []string{"form attr-repeated warning", "id attr-conflict warning"},
		run("name=x", "attr-name1=form", "attr-value1=A", "attr-name2=form", "attr-value2=C"), "id is required only where form is A")
	assert.Equal(t, []string{"name attr-conflict warning", "form attr-repeated warning", "id attr-conflict warning"},
		run("attr-name1=form", "attr-value1=A", "attr-name2=form", "attr-value2=B"), "each world requires something else")
	assert.Equal(t, []string{"form attr-repeated warning"},
		run("attr-name1=form", "attr-value1=C", "attr-name2=form", "attr-value2=C", "attr-name3=form", "attr-value3="),
		"one value, and an empty one that gives none")
	assert.Equal(t, []string{"form attr-repeated warning", "size attr-repeated warning", "size attr-conflict warning"},
		run("name=x", "attr-name1=form", "attr-value1=C", "attr-name2=form", "attr-value2=A", "attr-name3=id", "attr-value3=7",
			"attr-name4=size", "attr-value4=1", "attr-name5=size", "attr-value5=3"), "two repeated details, one of them a subject")

	r := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: []Param{{"attr-name2", "form"}, {"attr-value2", "E"}, {"attr-name1", "form"}, {"attr-value1", "D"}, {"name", "x"}}})
	require.Len(t, r.Violations, 2)
	assert.Equal(t, "attr-value1", r.Violations[1].Param, "the refusal the lowest-numbered value gives")
	assert.Equal(t, `{"status":"ERROR","message":"{form=form is invalid}"}`, string(r.APIResponse()))
}

// Past maxWorlds, what depends on conditions is never an error; what does
// not still is.
func TestRepeatedDetailWorldsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\ncommands:\n  t/add:\n    attrs: true\n    params: [name]\ntlds:\n  xx:\n    attrs:\n      plain: {one-of: [A]}\n")
	for i := range 7 { // 2^7 worlds
		fmt.Fprintf(&b, "      c%d: {}\n      need%d: {}\n", i, i)
	}
	b.WriteString("    when:\n")
	for i := range 7 {
		fmt.Fprintf(&b, "      - if: {attr: c%d, is: [\"1\"]}\n        attrs: {need%d: {required: true}}\n", i, i)
	}
	e := compileFiles(t, map[string]string{"r.yaml": b.String()})
	var ps []Param
	n := 1
	for i := range 7 {
		for _, v := range []string{"1", "2"} {
			ps = append(ps, Param{fmt.Sprintf("attr-name%d", n), fmt.Sprintf("c%d", i)}, Param{fmt.Sprintf("attr-value%d", n), v})
			n++
		}
	}
	ps = append(ps, Param{"attr-name99", "plain"}, Param{"attr-value99", "Z"})
	r := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: ps})
	var errs []string
	for _, v := range r.Violations {
		if v.Severity == Error {
			errs = append(errs, v.Field+" "+v.Code)
		}
	}
	assert.Equal(t, []string{"plain one-of"}, errs)
	assert.Contains(t, summary(r), "need6 attr-conflict warning")
}

// Where a request writes its parameters changes nothing: pairs are read
// by number, unknown parameters are reported by name. Only parameters of
// one name keep their order among themselves (the API reads the first).
func TestParamOrderChangesNothing(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": repeatedRules})
	reqs := [][]Param{
		{{"name", "x"}, {"attr-name1", "form"}, {"attr-value1", "C"}, {"attr-name2", "form"}, {"attr-value2", "D"}, {"zz", "1"}, {"aa", "2"}},
		{{"attr-name10", "form"}, {"attr-value10", "A"}, {"attr-name2", "form"}, {"attr-value2", "B"}, {"attr-name3", "size"}, {"attr-value3", "9"}},
		{{"attr-name1", "form"}, {"attr-value1", ""}, {"attr-name2", "form"}, {"attr-value2", "A"}, {"attr-name01", "id"}, {"attr-value1", "x"}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, params := range reqs {
		want := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: params})
		for range 50 {
			shuffled := append([]Param(nil), params...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			keepSameNameOrder(shuffled, params)
			got := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: shuffled})
			require.Equal(t, want, got, "%v", shuffled)
		}
	}
}

// keepSameNameOrder puts the values of each name back in their order in
// orig, leaving where each name's parameters stand shuffled.
func keepSameNameOrder(shuffled, orig []Param) {
	next := map[string]int{}
	for i := range shuffled {
		name := shuffled[i].Name
		k := next[name]
		for j := range orig {
			if orig[j].Name != name {
				continue
			}
			if k == 0 {
				shuffled[i] = orig[j]
				break
			}
			k--
		}
		next[name]++
	}
}

func TestParamsFromValuesByNumber(t *testing.T) {
	v := url.Values{"attr-name10": {"b"}, "attr-value10": {"2"}, "attr-name2": {"a"}, "attr-value2": {"1"},
		"zipcode": {"1"}, "address-line-1": {"x"}, "attr-": {"?"}, "attr-name01": {"c"}, "attr-valuex": {"y"}}
	var names []string
	for _, p := range ParamsFromValues(v) {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"address-line-1", "attr-", "attr-name01", "attr-name2", "attr-value2", "attr-name10", "attr-value10", "attr-valuex", "zipcode"}, names)
	m := map[string]string{}
	for k, vs := range v {
		m[k] = vs[0]
	}
	assert.Equal(t, ParamsFromValues(v), ParamsFromMap(m))
}
