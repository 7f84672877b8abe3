package countries

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers/v2"
	"github.com/nyaruka/phonenumbers/v2/metadata"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite phonedata.tsv from the phonenumbers module's metadata")

// phonedata.tsv is the phonenumbers module's metadata as this package reads
// it; after a phonenumbers upgrade, -update rewrites it.
func TestPhoneDataIsCurrent(t *testing.T) {
	want, err := generatePhoneData()
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("phonedata.tsv", []byte(want), 0o644))
		return
	}
	if phoneData != want {
		t.Fatal("phonedata.tsv is not what the phonenumbers module's metadata gives: go test ./countries -run TestPhoneDataIsCurrent -update")
	}
}

func generatePhoneData() (string, error) {
	var b strings.Builder
	b.WriteString("# libphonenumber's numbering plans, from the metadata of github.com/nyaruka/phonenumbers/v2 (the version in go.mod).\n")
	b.WriteString("# Generated: go test ./countries -run TestPhoneDataIsCurrent -update. The layout is phonedata.go's.\n")
	byCode := metadata.CountryCodeToRegion()
	codes := make([]int, 0, len(byCode))
	for code := range byCode {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	lengths := func(ls []int32) string {
		s := make([]string, len(ls))
		for i, l := range ls {
			s[i] = strconv.Itoa(int(l))
		}
		return strings.Join(s, ",")
	}
	for _, code := range codes {
		tag := "+" + strconv.Itoa(code)
		lines := 0
		for i, id := range byCode[code] {
			md, ok := metadata.RegionMetadata(id)
			if id == "001" {
				md, ok = metadata.NonGeoMetadata(code)
			}
			if !ok || md == nil {
				if i == 0 {
					b.WriteString(tag + "\n") // the main region has none: nothing to strip by
					lines++
				}
				continue
			}
			f := []string{tag, id, md.GetNationalPrefix(), md.GetNationalPrefixForParsing(), md.GetNationalPrefixTransformRule(), md.GetLeadingDigits(),
				lengths(md.GetGeneralDesc().GetPossibleLength()), lengths(md.GetGeneralDesc().GetPossibleLengthLocalOnly()), md.GetGeneralDesc().GetNationalNumberPattern()}
			for _, d := range []*phonenumbers.PhoneNumberDesc{
				md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(),
				md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(),
				md.GetFixedLine(), md.GetMobile(),
			} {
				f = append(f, lengths(d.GetPossibleLength()), d.GetNationalNumberPattern())
			}
			for _, v := range f {
				if strings.ContainsAny(v, "\t\n") {
					return "", fmt.Errorf("%s %s: a field holds a tab or a newline: %q", tag, id, v)
				}
			}
			if len(md.GetGeneralDesc().GetPossibleLength()) == 0 {
				return "", fmt.Errorf("%s %s: no possible lengths in the general description", tag, id)
			}
			b.WriteString(strings.Join(f, "\t") + "\n")
			lines++
		}
		if lines == 0 {
			b.WriteString(tag + "\n")
		}
	}
	return b.String(), nil
}

// The data holds every calling code the library knows, each region once.
func TestPhoneDataReads(t *testing.T) {
	regions := 0
	var codes []int
	require.NoError(t, phoneCodeChunks(func(code int, chunk string) {
		codes = append(codes, code)
		for _, line := range strings.Split(chunk, "\n") {
			if !strings.Contains(line, "\t") {
				continue
			}
			_, err := parsePhoneRegion(line)
			require.NoError(t, err, line)
			regions++
		}
	}))
	var want []int
	for code := range phonenumbers.GetSupportedCallingCodes() {
		want = append(want, code)
	}
	slices.Sort(want)
	assert.Equal(t, want, codes)
	assert.Greater(t, regions, 240)
}
