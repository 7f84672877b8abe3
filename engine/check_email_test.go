package engine

import (
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
)

var emailCases = []struct {
	addr string
	ok   bool
}{
	{"test@example.com", true},
	{"first.last+tag@sub.example.co.uk", true},
	{"o'brien@example.ie", true},
	{"user_name-1@ex-ample.org", true},
	{"a@b.co", true},
	{"x!#$%&*/=?^`{|}~@example.com", true},
	{"josé@exemplo.com.br", true},
	{"user@bücher.de", true},
	{"", false},
	{"plainaddress", false},
	{"@example.com", false},
	{"user@", false},
	{"user@localhost", false},
	{"user@example", false},
	{"user@@example.com", false},
	{"user@exa mple.com", false},
	{"us er@example.com", false},
	{".user@example.com", false},
	{"user.@example.com", false},
	{"us..er@example.com", false},
	{"user@example..com", false},
	{"user@.example.com", false},
	{"user@example.com.", false},
	{"user@-example.com", false},
	{"user@example-.com", false},
	{"user@192.168.0.1", false},
	{"user@[192.168.0.1]", false},
	{"user@exam_ple.com", false},
	{"\"quoted\"@example.com", false},
	{"user@example.com,other@example.com", false},
	{"user@example.com\n", false},
}

func TestValidEmail(t *testing.T) {
	for _, tc := range emailCases {
		assert.Equal(t, tc.ok, validEmail(tc.addr), "%q", tc.addr)
	}
	long := make([]byte, 0, 300)
	for len(long) < 250 {
		long = append(long, "abcdefghi."...)
	}
	assert.False(t, validEmail("u@"+string(long)+"com"), "over 254 bytes")
	assert.False(t, validEmail(string(make([]byte, 65))+"@example.com"), "local part over 64 bytes")
}

// On ordinary ASCII addresses the byte loop gives go-playground/validator's
// verdict. (They differ where validator follows its regexp: it accepts
// quoted local parts, IP literals and trailing dots, which the API's
// contacts do not carry, and it rejects some valid IDNs.)
func TestEmailAgreesWithValidator(t *testing.T) {
	v := validator.New()
	differ := map[string]bool{
		"user@[192.168.0.1]": true, "\"quoted\"@example.com": true, "user@example.com.": true,
		"user@192.168.0.1": true, "josé@exemplo.com.br": true, "user@example.com\n": true,
	}
	for _, tc := range emailCases {
		if differ[tc.addr] || tc.addr == "" {
			continue
		}
		assert.Equal(t, v.Var(tc.addr, "email") == nil, validEmail(tc.addr), "%q", tc.addr)
	}
}

func TestEmailRule(t *testing.T) {
	e := fieldEngine(t, "checks: [email]\n")
	assert.Empty(t, codes(e, "test@example.com"))
	assert.Equal(t, []string{"v email error"}, codes(e, "test@example"))
	assert.Equal(t, "test@example.com", fixOf(check1(e, "mailto:test@example.com"), "email"))
	assert.Equal(t, "test@example.com", fixOf(check1(e, "<test@example.com>"), "email"))
}
