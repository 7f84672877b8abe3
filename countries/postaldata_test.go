package countries

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bojanz/address"
)

// postaldata.tsv is the address module's postal-code patterns; after an
// upgrade of github.com/bojanz/address, -update rewrites it.
func TestPostalDataIsCurrent(t *testing.T) {
	tableIsCurrent(t, "postaldata.tsv", postalData, generatePostalData)
}

func generatePostalData() (string, error) {
	var b strings.Builder
	b.WriteString("# Postal-code patterns of Google's address data, from github.com/bojanz/address (the version in go.mod).\n")
	b.WriteString("# Generated: go test ./countries -run TestPostalDataIsCurrent -update. A line: country code, tab, pattern.\n")
	all := address.GetFormats()
	codes := make([]string, 0, len(all))
	for code, f := range all {
		if f.PostalCodePattern != "" && code != "ZZ" { // ZZ: the data's default, no country
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	for _, code := range codes {
		pattern := all[code].PostalCodePattern
		if _, ok := letterIndex(code); !ok || strings.ContainsAny(pattern, "\t\n") {
			return "", fmt.Errorf("%q %q: not a two-letter code and a one-line pattern", code, pattern)
		}
		b.WriteString(code + "\t" + pattern + "\n")
	}
	return b.String(), nil
}
