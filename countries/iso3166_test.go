package countries

import (
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTableSortedAndComplete(t *testing.T) {
	assigned := 0
	for i, c := range table {
		require.Len(t, c.Code, 2, c.Code)
		if i > 0 {
			require.Less(t, table[i-1].Code, c.Code, "table must be sorted and free of duplicates")
		}
		if c.Status == Assigned {
			assigned++
		}
	}
	// ISO 3166-1 has 249 officially assigned alpha-2 codes.
	assert.Equal(t, 249, assigned)
}

// go-playground/validator keeps its own ISO 3166-1 list; the two must agree
// on every possible two-letter code but XK, which validator counts as
// assigned (it is user-assigned, in wide use for Kosovo).
func TestAssignedAgreesWithValidator(t *testing.T) {
	v := validator.New()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			c, ok := Lookup(code)
			ours := ok && c.Status == Assigned
			theirs := v.Var(code, "iso3166_1_alpha2") == nil
			if code == "XK" {
				assert.True(t, theirs)
				assert.Equal(t, Reserved, c.Status)
				continue
			}
			assert.Equal(t, theirs, ours, code)
		}
	}
}

func TestLookup(t *testing.T) {
	cases := []struct {
		code   string
		ok     bool
		status Status
	}{
		{"US", true, Assigned},
		{"NO", true, Assigned},
		{"AD", true, Assigned},
		{"ZW", true, Assigned},
		{"XK", true, Reserved},
		{"AC", true, Reserved},
		{"UK", false, Unknown},
		{"us", false, Unknown},
		{"USA", false, Unknown},
		{"", false, Unknown},
		{"U", false, Unknown},
	}
	for _, tc := range cases {
		c, ok := Lookup(tc.code)
		assert.Equal(t, tc.ok, ok, tc.code)
		assert.Equal(t, tc.status, c.Status, tc.code)
	}
}

func TestByName(t *testing.T) {
	cases := map[string]string{
		"Germany":                  "DE",
		"germany":                  "DE",
		"  Spain ":                 "ES",
		"United States of America": "US",
		"USA":                      "US",
		"UK":                       "GB",
		"Great Britain":            "GB",
		"Russia":                   "RU",
		"Côte d'Ivoire":            "CI",
		"Ivory Coast":              "CI",
	}
	for name, want := range cases {
		c, ok := ByName(name)
		if assert.True(t, ok, name) {
			assert.Equal(t, want, c.Code, name)
		}
	}
	// A name of more than one place gets no code: a fix must not move a
	// contact in Georgia, USA to Georgia the country.
	for _, name := range []string{"", "Atlantis", "U", "Georgia", " georgia", "Congo", "Korea", "Micronesia", "America", "Macedonia", "El"} {
		_, ok := ByName(name)
		assert.False(t, ok, name)
	}
}

func TestAllYieldsEveryRow(t *testing.T) {
	n := 0
	for range All() {
		n++
	}
	assert.Equal(t, len(table), n)
	for c := range All() {
		assert.Equal(t, "AC", c.Code)
		break
	}
}

// Lookup finds exactly the table's rows, for every two-byte code.
func TestLookupEveryTwoBytes(t *testing.T) {
	byCode := map[string]Country{}
	for _, c := range table {
		byCode[c.Code] = c
	}
	for a := range 256 {
		for b := range 256 {
			code := string([]byte{byte(a), byte(b)})
			got, ok := Lookup(code)
			want, known := byCode[code]
			if ok != known || got != want {
				t.Fatalf("Lookup(%q) = %v, %v; want %v, %v", code, got, ok, want, known)
			}
		}
	}
}
