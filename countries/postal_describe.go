package countries

import (
	"strconv"

	"github.com/contactlint/contactlint/internal/text/patterntext"
)

// Expected says what a postal code of this format looks like, for a
// violation's "expected": a description where the pattern is simple
// enough to say in words ("5 digits, optionally followed by a space or
// hyphen and 4 digits") and an example the format matches ("e.g.
// 12345"). Built from the pattern on first use.
func (f *PostalFormat) Expected() string {
	f.describe.Do(func() { f.expected = describePostal(f) })
	return f.expected
}

func describePostal(f *PostalFormat) string {
	desc, ex := patterntext.Say(f.Pattern)
	if !f.Match(ex) {
		ex = ""
	}
	switch {
	case desc != "" && desc == strconv.Quote(ex):
		return "the one code there is, " + ex
	case desc != "" && ex != "":
		return desc + ", e.g. " + ex
	case desc != "":
		return desc
	case ex != "":
		return "a postal code as " + f.Country + "'s post writes them, e.g. " + ex
	}
	return ""
}
