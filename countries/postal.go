package countries

import (
	_ "embed"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// postalData is each country's postal-code pattern from Google's address
// data, as github.com/bojanz/address publishes it, a line "CC\tpattern" a
// country; TestPostalDataIsCurrent writes it (-update). Reading it rather
// than importing the module keeps the module's init (0.2 MB of maps, which
// the sidecar's collector would mark on every cycle) out of the programs.
//
//go:embed postaldata.tsv
var postalData string

// PostalFormat is one country's postal-code format from Google's address
// data (through github.com/bojanz/address, postaldata.tsv), compiled once.
type PostalFormat struct {
	Country string
	// Pattern is the data's pattern as published, unanchored. Match anchors
	// it: the whole value must match.
	Pattern string
	// fast is the pattern lowered to a byte loop when its shape allows it
	// (most formats are runs of digits and letters); nil otherwise.
	fast []item
	// re is the pattern compiled: at once for a format that is not
	// lowered, on first need (a value too long for the loop) for one that
	// is. Most never need it, and 166 regexps held for nothing would be
	// 0.4 MB that every collection marks.
	compile sync.Once
	re      *regexp.Regexp
	// expected, Expected's answer, is made on first use: most formats
	// never need saying.
	describe sync.Once
	expected string
}

// Match reports whether s is a whole postal code in this format.
func (f *PostalFormat) Match(s string) bool {
	if f.fast != nil && len(s) <= maxFastLen {
		return matchItems(f.fast, s)
	}
	re := f.regexp()
	return re == nil || re.MatchString(s) // a format that cannot judge refuses nothing
}

// MatchBytes is Match for a value in a byte slice: it lets a caller try
// candidates in a buffer of its own without making strings.
func (f *PostalFormat) MatchBytes(b []byte) bool {
	if f.fast != nil && len(b) <= maxFastLen {
		return matchItems(f.fast, b)
	}
	// A copy for the regexp (15 formats of 181), so that b never escapes:
	// a caller's buffer stays on its stack.
	re := f.regexp()
	return re == nil || re.MatchString(string(b))
}

func (f *PostalFormat) regexp() *regexp.Regexp {
	// compilePostal parsed the anchored pattern, and a parsed pattern
	// compiles (TestPostalFormats compiles every one); were it not so, the
	// format would judge nothing (nil) rather than panic.
	f.compile.Do(func() { f.re, _ = regexp.Compile(`^(?:` + f.Pattern + `)$`) })
	return f.re
}

// Lowered reports whether Match runs as a byte loop rather than a regexp.
func (f *PostalFormat) Lowered() bool { return f.fast != nil }

// PostalFormats maps a country code to its format. Countries without one
// (no postal system, or none in the data) are absent. Immutable once built.
type PostalFormats struct {
	// byLetters holds the formats by code, AA…ZZ as 0…675: For runs on
	// every contact, and an index beats hashing the code.
	byLetters [26 * 26]*PostalFormat
}

// NewPostalFormats compiles every country's pattern (postaldata.tsv).
// Call it once and share the result.
func NewPostalFormats() (*PostalFormats, error) { return newPostalFormats(postalData) }

// newPostalFormats reads data (postalData, or a test's); a line may end in
// CR LF, as a checkout that converted line endings has it.
func newPostalFormats(data string) (*PostalFormats, error) {
	p := &PostalFormats{}
	for rest := data; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		code, pattern, ok := strings.Cut(line, "\t")
		i, isCode := letterIndex(code)
		if !ok || !isCode || pattern == "" {
			return nil, fmt.Errorf("countries: postal data: a line %.20q… is not a country code and a pattern", line)
		}
		pf, err := compilePostal(code, pattern)
		if err != nil {
			return nil, err
		}
		p.byLetters[i] = pf
	}
	return p, nil
}

func compilePostal(code, pattern string) (*PostalFormat, error) {
	f := &PostalFormat{Country: code, Pattern: pattern, fast: lower(pattern)}
	if f.fast != nil {
		// Its regexp is compiled when needed; parsed now, as it will be
		// compiled (anchored), so that a pattern that would not compile is
		// refused here, as before (\Q would quote the closing parenthesis).
		if _, err := syntax.Parse(`^(?:`+pattern+`)$`, syntax.Perl); err != nil {
			return nil, fmt.Errorf("countries: postal pattern of %s: %w", code, err)
		}
		return f, nil
	}
	re, err := regexp.Compile(`^(?:` + pattern + `)$`)
	if err != nil {
		return nil, fmt.Errorf("countries: postal pattern of %s: %w", code, err)
	}
	f.compile.Do(func() { f.re = re }) // kept: every match needs it
	return f, nil
}

// For returns the format of an upper-case country code, if it has one.
func (p *PostalFormats) For(country string) (*PostalFormat, bool) {
	i, ok := letterIndex(country)
	if !ok {
		return nil, false
	}
	f := p.byLetters[i]
	return f, f != nil
}

// letterIndex numbers a code of two upper-case ASCII letters.
func letterIndex(code string) (int, bool) {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return 0, false
	}
	return int(code[0]-'A')*26 + int(code[1]-'A'), true
}

// Codes lists the countries that have a format, sorted.
func (p *PostalFormats) Codes() []string {
	var out []string
	for _, f := range p.byLetters {
		if f != nil {
			out = append(out, f.Country)
		}
	}
	return out
}
