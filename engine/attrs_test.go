package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const attrRules = `version: 1
commands:
  t/add:
    attrs: true
    params: [name]
  t/set:
    attrs: required
    tld-from: product-key
    params: [product-key]
tlds:
  xx:
    product-key: dotxx
    attrs:
      kpp: {}
      a: {}
      b: {}
      need: {required: true}
      sponsor1: {aliases: [sponsor]}
  yy:
    attrs: {y: {}}
`

func attrEngine(t *testing.T) *Engine {
	return compileFiles(t, map[string]string{"cmd.yaml": attrRules})
}

func TestAttrPairs(t *testing.T) {
	e := attrEngine(t)
	run := func(params ...Param) []string {
		return summary(e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: append(params, Param{"attr-name99", "need"}, Param{"attr-value99", "1"})}))
	}
	assert.Empty(t, run(Param{"attr-name1", "kpp"}, Param{"attr-value1", "773601001"}))
	assert.Empty(t, run(Param{"attr-value2", "x"}, Param{"attr-name2", "a"}, Param{"attr-name10", "b"}, Param{"attr-value10", "y"}),
		"order and numbering are free")
	assert.Equal(t, []string{"kpp attr-pair warning"}, run(Param{"attr-name1", "kpp"}), "a name without a value parameter is half a pair")
	assert.Empty(t, run(Param{"attr-name1", "kpp"}, Param{"attr-value1", "  "}), "an empty value is a detail not given")
	assert.Equal(t, []string{"attr-name3 attr-pair warning"}, run(Param{"attr-value3", "x"}))
	assert.Empty(t, run(Param{"attr-name1", ""}, Param{"attr-value1", ""}), "an empty pair says nothing")
	assert.Equal(t, []string{"attr-namex unknown-param warning"}, run(Param{"attr-namex", "a"}))
}

func TestAttrPairMessages(t *testing.T) {
	e := attrEngine(t)
	r := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: []Param{{"attr-name1", "need"}}})
	assert.Equal(t, []string{"need attr-required error", "need attr-pair warning"}, summary(r), "a required detail without a value is missing")
	assert.Equal(t, "attr-value1", r.Violations[1].Param)
	assert.Equal(t, "t/cmd.yaml:4:5", r.Violations[1].Rule.String())
	r = e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: []Param{{"attr-name1", "need"}, {"attr-value1", ""}}})
	assert.Equal(t, []string{"need attr-required error"}, summary(r), "given empty: not given, and nothing else")
}

func TestAttrNumbersWrittenOddly(t *testing.T) {
	e := attrEngine(t)
	run := func(params ...Param) []string {
		return summary(e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: append(params, Param{"attr-name9", "need"}, Param{"attr-value9", "1"})}))
	}
	// attr-name01 is not merged with attr-value1: each is half a pair.
	assert.Equal(t, []string{"attr-name01 attr-number warning", "kpp attr-pair warning", "attr-name1 attr-pair warning"},
		run(Param{"attr-name01", "kpp"}, Param{"attr-value1", "773601001"}))
	assert.Equal(t, []string{"attr-name+1 attr-number warning", "kpp attr-pair warning", "attr-name1 attr-pair warning"},
		run(Param{"attr-name+1", "kpp"}, Param{"attr-value1", "773601001"}))
	assert.Equal(t, []string{"attr-name01 attr-number warning"}, run(Param{"attr-name01", "kpp"}, Param{"attr-value01", "773601001"}),
		"a consistent odd number pairs, with the warning")
	assert.Empty(t, run(Param{"attr-name0", "kpp"}, Param{"attr-value0", "1"}), "0 is a number like any other (clientexec counts from 0)")

	// A required detail given only by an oddly numbered pair: the API may
	// read that pair, so the detail is not surely missing.
	only := func(params ...Param) []string {
		return summary(e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: params}))
	}
	assert.Equal(t, []string{"attr-name01 attr-number warning"}, only(Param{"attr-name01", "need"}, Param{"attr-value01", "1"}))
	assert.Equal(t, []string{"attr-name+1 attr-number warning"}, only(Param{"attr-name+1", "need"}, Param{"attr-value+1", "1"}, Param{"attr-name2", "need"}, Param{"attr-value2", ""}),
		"nor when a regular pair gives it empty")
	assert.Equal(t, []string{"need attr-required error", "attr-name01 attr-number warning", "need attr-pair warning", "attr-name1 attr-pair warning"}, only(Param{"attr-name01", "need"}, Param{"attr-value1", "1"}),
		"a name and a value of different numbers give no value")
}

func TestAttrAlias(t *testing.T) {
	e := attrEngine(t)
	r := e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: []Param{{"attr-name1", "sponsor"}, {"attr-value1", "12345"}, {"attr-name2", "need"}, {"attr-value2", "1"}}})
	assert.Equal(t, []string{"sponsor1 attr-alias warning"}, summary(r))
	assert.Equal(t, "sponsor1", r.Violations[0].Fix)
	assert.Equal(t, "attr-name1", r.Violations[0].Param)
}

func TestAttrsAcrossTLDs(t *testing.T) {
	e := attrEngine(t)
	params := []Param{{"attr-name1", "need"}, {"attr-value1", "1"}, {"attr-name2", "y"}, {"attr-value2", "2"}}
	assert.Equal(t, []string{"y unknown-attr warning"}, summary(e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: params})))
	assert.Empty(t, summary(e.Check(Request{Command: "t/add", TLDs: SplitTLDs("xx,yy"), Params: params})),
		"a detail one of the request's TLDs knows is not unknown")
}

func TestAttrsWithoutTLD(t *testing.T) {
	e := attrEngine(t)
	assert.Equal(t, []string{"tld attrs-unchecked warning"}, summary(e.Check(Request{Command: "t/add", Params: []Param{{"attr-name1", "kpp"}, {"attr-value1", "x"}}})))
	assert.Equal(t, []string{"zz unknown-attr warning", "tld attrs-unchecked warning"},
		summary(e.Check(Request{Command: "t/add", Params: []Param{{"attr-name1", "zz"}, {"attr-value1", "x"}}})))
	assert.Empty(t, summary(e.Check(Request{Command: "t/add", Params: []Param{{"name", "x"}}})), "no details, nothing to say")
}

func TestAttrsRequired(t *testing.T) {
	e := attrEngine(t)
	r := e.Check(Request{Command: "t/set", Params: []Param{{"product-key", "dotxx"}}})
	assert.Equal(t, []string{"need attr-required error", "attr-name required error"}, summary(r))
	assert.Equal(t, "Required parameter missing: attr-name", r.Violations[1].Message)
	r = e.Check(Request{Command: "t/set", Params: []Param{{"product-key", "dotxx"}, {"attr-name1", "need"}, {"attr-value1", ""}}})
	assert.Equal(t, []string{"need attr-required error", "attr-name required error"}, summary(r), "a pair with an empty value is no detail")
	assert.Empty(t, summary(e.Check(Request{Command: "t/set", Params: []Param{{"product-key", "dotxx"}, {"attr-name1", "need"}, {"attr-value1", "1"}}})))
}

func TestAttrParam(t *testing.T) {
	for _, c := range []struct {
		param, num      string
		isName, odd, ok bool
	}{
		{"attr-name1", "1", true, false, true},
		{"attr-value12", "12", false, false, true},
		{"attr-name0", "0", true, false, true},
		{"attr-name01", "01", true, true, true},
		{"attr-value+1", "+1", false, true, true},
		{"attr-name-2", "-2", true, true, true},
		{"attr-name", "", false, false, false},
		{"attr-name+", "", false, false, false},
		{"attr-namex", "", false, false, false},
		{"attr-name1234567", "", false, false, false},
		{"name", "", false, false, false},
	} {
		num, isName, odd, ok := attrParam(c.param)
		assert.Equal(t, c.ok, ok, c.param)
		if ok {
			assert.Equal(t, []any{c.num, c.isName, c.odd}, []any{num, isName, odd}, c.param)
		}
	}
}
