package countries

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nyaruka/phonenumbers/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// libphonenumber's own answer for +code digits, through the PhoneNumber
// Parse would build (leading zeros kept as Italian leading zeros).
func libValid(code int, digits string) bool {
	n, _ := strconv.ParseUint(digits, 10, 64)
	c := int32(code)
	num := &phonenumbers.PhoneNumber{CountryCode: &c, NationalNumber: &n}
	if len(digits) > 1 && digits[0] == '0' {
		t := true
		num.ItalianLeadingZero = &t
		zeros := int32(1)
		for int(zeros) < len(digits)-1 && digits[zeros] == '0' {
			zeros++
		}
		if zeros > 1 {
			num.NumberOfLeadingZeros = &zeros
		}
	}
	return phonenumbers.IsValidNumber(num)
}

// The automata give libphonenumber's answer on every calling code: its
// example numbers of every type, each with its last digits changed, and
// random digit strings of every length.
func TestPhonePlansAgreeWithLibphonenumber(t *testing.T) {
	plans, err := NewPhonePlans()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER,
		phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL}
	checked, valid := 0, 0
	check := func(code int, digits string) {
		t.Helper()
		checked++
		want := libValid(code, digits)
		if want {
			valid++
		}
		if got := plans.Valid(code, digits); got != want {
			t.Errorf("+%d %s: automata say %v, libphonenumber %v", code, digits, got, want)
		}
	}
	for _, code := range sortedCallingCodes() { // in order: the seeded draws repeat run to run
		for _, n := range exampleNumbers(code, types) {
			ex := phonenumbers.GetNationalSignificantNumber(n)
			check(code, ex)
			for range 20 {
				b := []byte(ex)
				for k := 1 + rng.IntN(min(4, len(b))); k > 0; k-- {
					b[len(b)-k] = byte('0' + rng.IntN(10))
				}
				check(code, string(b))
				check(code, string(b[:len(b)-1]))
				check(code, string(b)+strconv.Itoa(rng.IntN(10)))
			}
		}
		for n := 1; n <= 17; n++ {
			for range 10 {
				var b strings.Builder
				for range n {
					b.WriteByte(byte('0' + rng.IntN(10)))
				}
				check(code, b.String())
			}
		}
	}
	t.Logf("%d numbers, %d of them valid, over %d calling codes", checked, valid, len(phonenumbers.GetSupportedCallingCodes()))
	assert.Greater(t, valid, checked/10, "too few valid numbers to mean anything")
}

func TestDigitDFA(t *testing.T) {
	d, err := compileDigitDFA(`^(?:1[2-4]\d{2}|56)$`)
	require.NoError(t, err)
	for s, want := range map[string]bool{"1234": true, "1434": true, "56": true, "1534": false, "123": false, "12345": false, "": false, "5x": false} {
		assert.Equal(t, want, d.match(s), s)
	}
	p, err := compileDigitDFA(`^(?:26|3)`)
	require.NoError(t, err)
	for s, want := range map[string]bool{"268": true, "3": true, "2": false, "": false, "48": false} {
		assert.Equal(t, want, p.matchPrefix(s), s)
	}
	_, err = compileDigitDFA(`^\bx$`)
	assert.Error(t, err)
}

func BenchmarkPhoneValidity(b *testing.B) {
	plans, err := NewPhonePlans()
	require.NoError(b, err)
	for _, c := range []struct {
		code   int
		digits string
	}{{1, "2175550123"}, {44, "2079460000"}, {34, "912345678"}, {7, "4951234567"}} {
		b.Run(strconv.Itoa(c.code)+"/automata", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				plans.Valid(c.code, c.digits)
			}
		})
		b.Run(strconv.Itoa(c.code)+"/libphonenumber", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				libValid(c.code, c.digits)
			}
		})
	}
}

func BenchmarkNewPhonePlans(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewPhonePlans(); err != nil {
			b.Fatal(err)
		}
	}
}

// A digit automaton matches digit strings as regexp does.
func FuzzDigitDFA(f *testing.F) {
	for _, s := range []string{`1[2-4]\d{2}|56`, `(?:2(?:0[1-35-9]|1[02-9])|3)\d{6}`, `\d{4,7}`, `7?`, `[^5]\d`} {
		f.Add(s, "12345", false)
		f.Add(s, "2015550123", true)
	}
	f.Add(`0$`, "0", true) // a match that needs the end, in prefix mode
	f.Fuzz(func(t *testing.T, pattern, input string, prefix bool) {
		for i := 0; i < len(input); i++ {
			if input[i] < '0' || input[i] > '9' {
				return
			}
		}
		if _, err := regexp.Compile(pattern); err != nil {
			return // not a pattern on its own: ")|(" would unanchor the wrapper
		}
		anchored := `^(?:` + pattern + `)$`
		if prefix {
			anchored = `^(?:` + pattern + `)`
		}
		re, err := regexp.Compile(anchored)
		if err != nil {
			return
		}
		d, err := compileDigitDFA(anchored)
		if err != nil {
			return // word boundaries, or too many states
		}
		got := d.match(input)
		if prefix {
			got = d.matchPrefix(input)
		}
		if want := re.MatchString(input); got != want {
			t.Fatalf("%q on %q: automaton %v, regexp %v", anchored, input, got, want)
		}
	})
}

// Every calling code's plan compiles (Valid would otherwise fall back to
// the library), and plans compiled on first use from many goroutines at
// once give the same answers.
func TestPhonePlansLazy(t *testing.T) {
	p, err := NewPhonePlans()
	if err != nil {
		t.Fatal(err)
	}
	numbers := []struct {
		code   int
		digits string
		valid  bool
	}{{44, "2079460000", true}, {1, "2175550123", true}, {49, "6211234567", true}, {44, "1", false}, {7, "4951234567", true}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range numbers {
				if got := p.Valid(n.code, n.digits); got != n.valid {
					t.Errorf("+%d %s: %v", n.code, n.digits, got)
				}
			}
		}()
	}
	wg.Wait()
	if err := p.CompileAll(); err != nil {
		t.Fatal(err)
	}
}

// A plan that does not compile judges nothing: Valid says no (so no fix
// is made from it) and Judge says it could not judge (so no check flags
// the number). The embedded data has no such plan (CompileAll).
func TestUncompilablePlanJudgesNothing(t *testing.T) {
	f := []string{"+999", "XX", "", "", "", "", "5", "", `\b\d{5}`}
	for range typeOrder {
		f = append(f, "5", `\d{5}`)
	}
	p, err := newPhonePlans(strings.Join(f, "\t") + "\n")
	require.NoError(t, err)
	valid, judged := p.Judge(999, "12345")
	assert.False(t, valid)
	assert.False(t, judged)
	assert.False(t, p.Valid(999, "12345"))
	assert.False(t, p.Invalid(999, "12345"))
	assert.Error(t, p.CompileAll())
	_, _, _, ok := p.SplitInternational("+999 12345")
	assert.False(t, ok)
	valid, judged = p.Judge(998, "12345")
	assert.False(t, valid, "a code the data does not have")
	assert.True(t, judged)
	assert.True(t, p.Invalid(998, "12345"))

	// Of two regions without leading digits, the first does not compile:
	// a number the second would take might be the first's, so it is not
	// judged; a number of a compiled region's own is.
	yy := []string{"+997", "YY", "", "", "", "", "5", "", `\d{5}`}
	for range typeOrder {
		yy = append(yy, "5", `\d{5}`)
	}
	two := strings.Replace(strings.Join(f, "\t"), "+999", "+997", 1) + "\n" + strings.Join(yy, "\t") + "\n"
	p, err = newPhonePlans(two)
	require.NoError(t, err)
	valid, judged = p.Judge(997, "12345")
	assert.False(t, valid)
	assert.False(t, judged)
	assert.False(t, p.Invalid(997, "12345"))
	p, err = newPhonePlans(strings.Join(yy, "\t") + "\n" + strings.Replace(strings.Join(f, "\t"), "+999", "+997", 1) + "\n")
	require.NoError(t, err)
	valid, judged = p.Judge(997, "12345")
	assert.True(t, valid, "the compiled region, tried first, takes it")
	assert.True(t, judged)
}

// sortedCallingCodes is the library's calling codes in numeric order.
func sortedCallingCodes() []int {
	var codes []int
	for code := range phonenumbers.GetSupportedCallingCodes() {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}

// exampleNumbers is the library's example number of each type in each of
// code's regions (a non-geographic code's one example once a type), in the
// library's region order.
func exampleNumbers(code int, types []phonenumbers.PhoneNumberType) []*phonenumbers.PhoneNumber {
	var out []*phonenumbers.PhoneNumber
	for _, region := range phonenumbers.GetRegionCodesForCountryCode(code) {
		for _, ty := range types {
			var ex *phonenumbers.PhoneNumber
			if region == "001" {
				ex = phonenumbers.GetExampleNumberForNonGeoEntity(code)
			} else {
				ex = phonenumbers.GetExampleNumberForTypeInRegion(region, ty)
			}
			if ex != nil {
				out = append(out, ex)
			}
		}
	}
	return out
}
