package countries

import (
	"flag"
	"fmt"
	"maps"
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

var update = flag.Bool("update", false, "rewrite phonedata.tsv and postaldata.tsv from the modules they come from")

// phonedata.tsv is the phonenumbers module's metadata as this package reads
// it; after a phonenumbers upgrade, -update rewrites it.
func TestPhoneDataIsCurrent(t *testing.T) {
	tableIsCurrent(t, "phonedata.tsv", phoneData, generatePhoneData)
}

// tableIsCurrent holds file, embedded as embedded, to what generate writes
// now; with -update it writes that.
func tableIsCurrent(t *testing.T, file, embedded string, generate func() (string, error)) {
	t.Helper()
	want, err := generate()
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(file, []byte(want), 0o644))
		return
	}
	if embedded != want {
		t.Fatalf("%s is not what its module's data gives: go test ./countries -run %s -update", file, t.Name())
	}
}

func generatePhoneData() (string, error) {
	var b strings.Builder
	b.WriteString("# libphonenumber's numbering plans, from the metadata of github.com/nyaruka/phonenumbers/v2 (the version in go.mod).\n")
	b.WriteString("# Generated: go test ./countries -run TestPhoneDataIsCurrent -update. The layout is phonedata.go's.\n")
	byCode := metadata.CountryCodeToRegion()
	codes := slices.Sorted(maps.Keys(byCode))
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
		for _, id := range byCode[code] {
			md, ok := metadata.RegionMetadata(id)
			if id == "001" {
				md, ok = metadata.NonGeoMetadata(code)
			}
			if !ok || md == nil {
				// Valid's shortcut for a code of one region, and the
				// region it picks among several, assume every region
				// listed has its plan.
				return "", fmt.Errorf("%s %s: a region without metadata", tag, id)
			}
			if md.GetSameMobileAndFixedLinePattern() && (md.GetMobile().GetNationalNumberPattern() != md.GetFixedLine().GetNationalNumberPattern() ||
				!slices.Equal(md.GetMobile().GetPossibleLength(), md.GetFixedLine().GetPossibleLength())) {
				// The library then skips mobile; Valid tries it, which adds
				// nothing only while the two are the same.
				return "", fmt.Errorf("%s %s: same mobile and fixed-line pattern, but they differ", tag, id)
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
	require.NoError(t, phoneCodeChunks(phoneData, func(code int, chunk string) {
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

// A checkout that turned the tables' line endings into CR LF (Git for
// Windows does by default; .gitattributes asks it not to) reads the same:
// the same codes, the same valid numbers, the same splits, the same
// postal codes.
func TestDataReadWithCRLF(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	plans, err := NewPhonePlans()
	require.NoError(t, err)
	plansCRLF, err := newPhonePlans(crlf(phoneData))
	require.NoError(t, err)
	require.NoError(t, plansCRLF.CompileAll())
	assert.Equal(t, NewCallingCodes().Codes(), newCallingCodes(crlf(phoneData)).Codes())
	for _, n := range []struct {
		code   int
		digits string
	}{{1, "2125550100"}, {44, "2079460000"}, {44, "7400123456"}, {7, "4951234567"}, {800, "12345678"}, {39, "0612345678"}, {44, "123"}} {
		assert.Equal(t, plans.Valid(n.code, n.digits), plansCRLF.Valid(n.code, n.digits), "+%d %s", n.code, n.digits)
	}
	assert.True(t, plansCRLF.Valid(44, "7400123456"), "a mobile number: its pattern ends the line")
	for _, s := range []string{"+44 7400 123456", "+44 (0)20 7946 0000 x12", "+1 212 555 0100"} {
		c1, n1, e1, ok1 := plans.SplitInternational(s)
		c2, n2, e2, ok2 := plansCRLF.SplitInternational(s)
		assert.True(t, ok1, s)
		assert.Equal(t, []any{c1, n1, e1, ok1}, []any{c2, n2, e2, ok2}, s)
	}
	postal, err := NewPostalFormats()
	require.NoError(t, err)
	postalCRLF, err := newPostalFormats(crlf(postalData))
	require.NoError(t, err)
	assert.Equal(t, postal.Codes(), postalCRLF.Codes())
	for _, c := range []struct{ country, zip string }{{"US", "12345"}, {"DE", "10115"}, {"GB", "SW1A 1AA"}, {"BR", "01310-100"}, {"US", "1234"}} {
		f1, _ := postal.For(c.country)
		f2, _ := postalCRLF.For(c.country)
		assert.Equal(t, f1.Match(c.zip), f2.Match(c.zip), "%s %s", c.country, c.zip)
	}
	us, _ := postalCRLF.For("US")
	assert.True(t, us.Match("12345"))
}
