package engine

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const commandRules = `version: 1
messages:
  deprecated: {text: "Feature deprecated. Please refer to KB link", source: observed}
auth:
  user: auth-userid
  secret: [api-key]
fields:
  auth-userid: {type: integer}
  id: {type: integer}
  email: {key: emailaddr, checks: [email]}
commands:
  t/old:
    method: POST
    deprecated: {message: deprecated}
    params:
      - id: {required: true}
      - name
    tlds:
      xx:
        fields:
          name: {checks: [unchanged]}
      yy:
        fields:
          id: {forbidden: true}
  t/list:
    method: GET
    params:
      - id: {repeat: true}
      - email: {inherit: false}
  t/open:
    open: true
  t/details:
    attrs: true
    tld-from: pk
    params:
      - pk: {repeat: true, one-of: [p1, p2]}
tlds:
  one:
    product-key: p1
    attrs: {a: {required: true}}
  two:
    product-key: p2
    attrs: {b: {required: true}}
`

func cmdEngine(t *testing.T) *Engine {
	return compileFiles(t, map[string]string{"r.yaml": commandRules})
}

func req(command string, kv ...string) Request {
	r := Request{Command: command}
	for _, p := range kv {
		name, val, _ := strings.Cut(p, "=")
		r.Params = append(r.Params, Param{name, val})
	}
	return r
}

func TestDeprecatedCommand(t *testing.T) {
	e := cmdEngine(t)
	r := e.Check(req("t/old", "id=1"))
	assert.Equal(t, []string{"command deprecated error"}, summary(r))
	assert.Equal(t, `{"status":"ERROR","message":"Feature deprecated. Please refer to KB link"}`, string(r.APIResponse()))
	r = e.Check(req("t/old"))
	assert.Equal(t, []string{"command deprecated error", "id required error"}, summary(r))
	assert.Contains(t, string(r.APIResponse()), "Feature deprecated", "the deprecation is answered before a missing parameter")
}

func TestMethod(t *testing.T) {
	e := cmdEngine(t)
	r := e.Check(Request{Command: "t/list", Method: "POST"})
	assert.Equal(t, []string{"method method warning"}, summary(r))
	assert.Equal(t, "GET", r.Violations[0].Fix)
	assert.Empty(t, summary(e.Check(Request{Command: "t/list", Method: "get"})))
	assert.Empty(t, summary(e.Check(Request{Command: "t/open", Method: "PUT"})), "a command without a documented method")
}

func TestRepeatedParameters(t *testing.T) {
	e := cmdEngine(t)
	assert.Empty(t, summary(e.Check(req("t/list", "id=1", "id=2", "id=3"))))
	assert.Equal(t, []string{"id integer error"}, summary(e.Check(req("t/list", "id=1", "id=x", "id=3"))))
	assert.Equal(t, []string{"id integer error", "id integer error"}, summary(e.Check(req("t/list", "id=a", "id=b"))))
	assert.Equal(t, []string{"id duplicate-param warning"}, summary(e.Check(Request{Command: "t/old", Params: []Param{{"id", "1"}, {"id", "2"}}}))[1:])
}

func TestInheritFalse(t *testing.T) {
	e := cmdEngine(t)
	assert.Empty(t, summary(e.Check(req("t/list", "email=@example"))), "a search term, not an address")
	x, err := e.Explain(Query{Command: "t/list"})
	require.NoError(t, err)
	assert.Equal(t, "email", x.Params[len(x.Params)-1].Field, "nor its internal key")
}

func TestOpenCommand(t *testing.T) {
	e := cmdEngine(t)
	assert.Empty(t, summary(e.Check(req("t/open", "anything=1"))))
	assert.Equal(t, []string{"auth-userid integer error"}, summary(e.Check(req("t/open", "auth-userid=x", "api-key=k"))))
}

func TestCommandTLDsAndCurrent(t *testing.T) {
	e := cmdEngine(t)
	r := Request{Command: "t/old", TLDs: []string{"xx"}, Params: []Param{{"id", "1"}, {"name", "Ada"}}}
	assert.Equal(t, []string{"command deprecated error", "name unchanged-unverified warning"}, summary(e.Check(r)))
	r.Current = []Param{{"name", "Ada"}}
	assert.Equal(t, []string{"command deprecated error"}, summary(e.Check(r)))
	r.Current = []Param{{"name", "Grace"}}
	assert.Equal(t, []string{"command deprecated error", "name unchanged error"}, summary(e.Check(r)))

	// Several TLDs: the rules of each, each violation once.
	r.TLDs = []string{"xx", " yy"}
	assert.Equal(t, []string{"command deprecated error", "name unchanged error", "id forbidden error"}, summary(e.Check(r)))
	r.TLDs = []string{"yy", "xx", "yy"}
	assert.Equal(t, []string{"command deprecated error", "id forbidden error", "name unchanged error"}, summary(e.Check(r)))
}

// The details are checked with the TLD of each product key.
func TestTLDFromProductKey(t *testing.T) {
	e := cmdEngine(t)
	assert.Equal(t, []string{"a attr-required error"}, summary(e.Check(req("t/details", "pk=p1"))))
	assert.Empty(t, summary(e.Check(req("t/details", "pk=p1", "attr-name1=a", "attr-value1=1"))))
	assert.Equal(t, []string{"b attr-required error", "a unknown-attr warning"},
		summary(e.Check(req("t/details", "pk=p2", "attr-name1=a", "attr-value1=1"))))
	r := e.Check(req("t/details", "pk=p1", "pk=p2", "attr-name1=a", "attr-value1=1"))
	assert.Equal(t, []string{"b attr-required error"}, summary(r),
		"p1 is satisfied and knows a; p2 wants b")
	assert.Equal(t, []string{"pk one-of error"}, summary(e.Check(req("t/details", "pk=p9"))))
}
