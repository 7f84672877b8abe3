package engine

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A hostile request is checked up to the limits, with a warning saying
// the rest was not; errors are kept before warnings, so the API's answer
// stays whole.
func TestRequestLimits(t *testing.T) {
	e := attrEngine(t)
	var params []Param
	for i := range 5000 {
		params = append(params, Param{"unknown" + strconv.Itoa(i), "x"})
	}
	r := e.Check(Request{Command: "t/add", Params: params})
	require.Len(t, r.Violations, MaxViolations+2)
	last := r.Violations[len(r.Violations)-1]
	assert.Equal(t, CodeTooManyParams, last.Code, "said once, last")
	assert.Equal(t, CodeTooManyViolations, r.Violations[len(r.Violations)-2].Code)

	// An error after thousands of warnings still makes the answer.
	params = append(params[:MaxParams-2:MaxParams-2], Param{"attr-name1", "need"}, Param{"attr-value1", ""})
	r = e.Check(Request{Command: "t/add", TLDs: []string{"xx"}, Params: params})
	assert.False(t, r.OK())
	assert.Equal(t, `{"status":"ERROR","message":"{need=need is invalid}"}`, string(r.APIResponse()))
	assert.Equal(t, MaxViolations+1, len(r.Violations))
}

// Thousands of attribute pairs cost linear work: each is filed in one
// step once there are many.
func TestManyAttrPairs(t *testing.T) {
	st := newState(4)
	for i := range 40000 {
		n := strconv.Itoa(i)
		st.addAttr("attr-name"+n, "a"+n)
		st.addAttr("attr-value"+n, "v"+n)
	}
	require.Len(t, st.attrs, 40000)
	assert.Equal(t, "v39999", st.pairOf("39999").value)
	assert.Equal(t, "a7", st.pairOf("7").name)
	st.reset()
	assert.Nil(t, st.pairIx, "the index is per request")
}

// A name the request chose is shortened in messages.
func TestLongNamesShortened(t *testing.T) {
	e := attrEngine(t)
	long := strings.Repeat("é", 10000)
	r := e.Check(Request{Command: "t/add", Params: []Param{{long, "x"}}})
	require.Len(t, r.Violations, 1)
	assert.Less(t, len(r.Violations[0].Message), 300)
	assert.Equal(t, long, r.Violations[0].Field, "the field still names it")
}

// An unknown parameter whose name may hold a credential is reported
// without it: a secret sent with its "=" escaped (api-key%3D…), a line of
// another kind read as a query. Other unknown names are named, with a
// suggestion.
func TestUnknownNameMayHoldSecret(t *testing.T) {
	e := embeddedEngine(t, Options{})
	for _, name := range []string{"api-key=S3CR3T", "api-key S3CR3T", `{"auth-password":"S3CR3T"}`, "Auth-Password-S3CR3T", "Api-Key S3CR3T",
		"api_key S3CR3T", "APIKEY S3CR3T", "api_key: S3CR3T", "ApiKey\tS3CR3T", "auth_password:S3CR3T"} {
		res := e.Check(Request{Command: "contacts/add", Params: []Param{{Name: name, Value: "v"}}})
		for _, v := range res.Violations {
			assert.NotContains(t, v.Param+v.Field+v.Message, "S3CR3T", name)
		}
		assert.True(t, slices.ContainsFunc(res.Violations, func(v Violation) bool { return v.Code == CodeUnknownParam && v.Param == MaskedName }), name)
	}
	for _, name := range []string{"zipcod", "Zip Code", "x:y"} { // a CSV column, a typo: named, with a suggestion
		res := e.Check(Request{Command: "contacts/add", Params: []Param{{Name: name, Value: "1"}}})
		assert.True(t, slices.ContainsFunc(res.Violations, func(v Violation) bool { return v.Code == CodeUnknownParam && v.Param == name }), name)
	}
}

// An extra detail's name that may hold a credential is not shown either.
func TestUnknownAttrNameMayHoldSecret(t *testing.T) {
	e := embeddedEngine(t, Options{})
	res := e.Check(Request{Command: "contacts/add", TLDs: []string{"es"}, Params: []Param{
		{Name: "attr-name1", Value: "api-key=S3CR3T"}, {Name: "attr-value1", Value: "x"},
		{Name: "attr-name2", Value: "Api_Key S3CR3T"}, {Name: "attr-value2", Value: "y"}}})
	n := 0
	for _, v := range res.Violations {
		assert.NotContains(t, v.Field+v.Param+v.Message, "S3CR3T")
		if v.Code == CodeUnknownAttr {
			n++
			assert.Equal(t, MaskedName, v.Field)
		}
	}
	assert.Equal(t, 2, n)
}
