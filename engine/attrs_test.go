package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func attrEngine(t *testing.T) *Engine {
	return compileFiles(t, map[string]string{"cmd.yaml": "version: 1\ncommands:\n  t/add:\n    attrs: true\n    params: [name]\ntlds:\n  xx:\n    attrs: {kpp: {}, a: {}, b: {}}\n"})
}

func TestAttrPairs(t *testing.T) {
	e := attrEngine(t)
	run := func(params ...Param) []string { return summary(e.Check(Request{Command: "t/add", Params: params})) }
	assert.Empty(t, run(Param{"attr-name1", "kpp"}, Param{"attr-value1", "773601001"}))
	assert.Empty(t, run(Param{"attr-value2", "x"}, Param{"attr-name2", "a"}, Param{"attr-name10", "b"}, Param{"attr-value10", "y"}),
		"order and numbering are free")
	assert.Equal(t, []string{"kpp attr-pair error"}, run(Param{"attr-name1", "kpp"}))
	assert.Equal(t, []string{"kpp attr-pair error"}, run(Param{"attr-name1", "kpp"}, Param{"attr-value1", "  "}))
	assert.Equal(t, []string{"attr-name3 attr-pair error"}, run(Param{"attr-value3", "x"}))
	assert.Empty(t, run(Param{"attr-name1", ""}, Param{"attr-value1", ""}), "an empty pair says nothing")
	assert.Equal(t, []string{"attr-namex unknown-param warning"}, run(Param{"attr-namex", "a"}))
	r := e.Check(Request{Command: "t/add", Params: []Param{{"attr-name1", "kpp"}}})
	assert.Equal(t, "attr-value1", r.Violations[0].Param)
	assert.Equal(t, "kpp is invalid", r.Violations[0].Message, "the test catalogue has no attr-pair message: invalid, labelled by the attribute")
	assert.Equal(t, "t/cmd.yaml:4:5", r.Violations[0].Rule.String())
}
