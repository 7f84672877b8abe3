package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInListRule(t *testing.T) {
	e := compileFiles(t, map[string]string{"r.yaml": `version: 1
lists:
  cpr:
    items:
      - {value: CCO, class: non-individual}
      - {value: CCT, class: individual}
fields:
  v: {in-list: cpr}
commands:
  t/cmd:
    params: [v]
`})
	assert.Empty(t, codes(e, "CCT"))
	assert.Equal(t, []string{"v in-list error"}, codes(e, "CIT"))
	assert.Equal(t, "CCO", fixOf(check1(e, "cco"), "in-list"))
	assert.Equal(t, "", fixOf(check1(e, "CIT"), "in-list"))
}
