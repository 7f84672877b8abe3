package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/contactlint/contactlint/tldspec"
)

func TestResultRendering(t *testing.T) {
	r := Result{Violations: []Violation{
		{Field: "zip", Code: "postal-code", Severity: Error, Message: "Postal Code is invalid"},
		{Field: "telno", Code: "phone-number", Severity: Warning, Message: "not valid"},
		{Field: "telnocc", Code: "digits", Severity: Error, Message: "TelephoneNo Country Code is invalid"},
		{Field: "zip", Code: "other", Severity: Error, Message: "second zip message"},
	}}
	assert.False(t, r.OK())
	assert.Equal(t, map[string]string{"zip": "Postal Code is invalid", "telnocc": "TelephoneNo Country Code is invalid"}, r.Fields())
	assert.Equal(t, "{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}", r.APIMessage())
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}"}`, string(r.APIResponse()))
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid, zip\u003dPostal Code is invalid}"}`, string(r.APIResponseStyle(Wire)))
}

func TestResultMissingParameterWins(t *testing.T) {
	r := Result{Violations: []Violation{
		{Field: "zip", Code: "postal-code", Severity: Error, Message: "Postal Code is invalid"},
		{Field: "customer-id", Code: CodeRequired, Severity: Error, Message: "Required parameter missing: customer-id"},
		{Field: "type", Code: CodeRequired, Severity: Error, Message: "Required parameter missing: type"},
	}}
	assert.Equal(t, `{"status":"ERROR","message":"Required parameter missing: customer-id"}`, string(r.APIResponse()))
}

func TestResultThatPasses(t *testing.T) {
	r := Result{Violations: []Violation{{Field: "telno", Code: "phone-number", Severity: Warning}}}
	assert.True(t, r.OK())
	assert.Empty(t, r.Fields())
	assert.Equal(t, "", r.APIMessage())
	assert.Nil(t, r.APIResponse(), "the API would answer with the new contact's id")
	assert.True(t, Result{}.OK())
}

func TestRender(t *testing.T) {
	v := vars{param: "zipcode", key: "zip", label: "Postal Code", min: "4", max: "12", command: "contacts/add"}
	for in, want := range map[string]string{
		"{label} is invalid":                    "Postal Code is invalid",
		"Required parameter missing: {param}":   "Required parameter missing: zipcode",
		"{key} {min}-{max} in {command}{label}": "zip 4-12 in contacts/addPostal Code",
		"no placeholders":                       "no placeholders",
		"{unknown} and {label}":                 "{unknown} and Postal Code",
		"a { lone brace, {label":                "a { lone brace, {label",
		"{{label}}":                             "{Postal Code}",
		"":                                      "",
	} {
		if got := render(in, v); got != want {
			t.Errorf("render(%q) = %q, want %q", in, got, want)
		}
	}
}

// render fills every placeholder the loader lets a message use, and only
// those: the two lists are one contract.
func TestRenderFillsEveryPlaceholder(t *testing.T) {
	v := vars{param: "p", key: "k", label: "l", min: "1", max: "2", command: "c"}
	for _, name := range tldspec.Placeholders() {
		got := render("{"+name+"}", v)
		assert.NotEqual(t, "{"+name+"}", got, "{%s} is not filled", name)
		assert.NotEmpty(t, got, name)
	}
	assert.Equal(t, "{other}", render("{other}", v))
}
