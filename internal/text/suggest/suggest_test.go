package suggest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosest(t *testing.T) {
	params := []string{"name", "company", "email", "zipcode", "phone-cc", "phone", "address-line-1", "customer-id"}
	cases := map[string]string{
		"zipcod":                 "zipcode",
		"Zipcode":                "zipcode",
		"emial":                  "email",
		"adress-line-1":          "address-line-1",
		"customerid":             "customer-id",
		"phonecc":                "phone-cc",
		"zip":                    "",
		"x":                      "",
		"":                       "",
		"completely-off":         "",
		strings.Repeat("a", 100): "",
	}
	for in, want := range cases {
		assert.Equal(t, want, Closest(in, params), in)
	}
}

func TestDistance(t *testing.T) {
	assert.Equal(t, 0, distance("abc", "ABC"))
	assert.Equal(t, 3, distance("", "abc"))
	assert.Equal(t, 1, distance("kpp", "kp"))
	assert.Equal(t, 2, distance("ab", "ba"))
}

func TestHints(t *testing.T) {
	known := []string{"max-length", "min-length"}
	if got := Hint("max-lenght", known); got != `; did you mean "max-length"?` {
		t.Errorf("Hint: %q", got)
	}
	if got := ParenHint("max-lenght", known); got != " (did you mean max-length?)" {
		t.Errorf("ParenHint: %q", got)
	}
	if Hint("zzz", known) != "" || ParenHint("zzz", known) != "" {
		t.Error("no hint when nothing is near")
	}
}
