package countries

import "strconv"

// CallingCodes is the set of assigned ITU country calling codes, those of
// libphonenumber's metadata (phonedata.tsv): geographic codes and the
// non-geographic ones (800, 808, 870, 878, 881–883, 888, 979). Immutable
// once built.
type CallingCodes struct {
	set [1000]bool // indexed by the code's value; codes are 1–3 digits
}

// NewCallingCodes reads the codes of phonedata.tsv. Call it once and share
// the result.
func NewCallingCodes() *CallingCodes { return newCallingCodes(phoneData) }

func newCallingCodes(data string) *CallingCodes {
	c := new(CallingCodes)
	// The data is the binary's own, read whole by NewPhonePlans (whose
	// error an engine reports) and by the tests: it cannot fail here.
	_ = phoneCodeChunks(data, func(code int, _ string) { c.set[code] = true })
	return c
}

// Codes lists the assigned codes in numeric order, as Assigned accepts
// them.
func (c *CallingCodes) Codes() []string {
	var out []string
	for n, ok := range c.set {
		if ok {
			out = append(out, strconv.Itoa(n))
		}
	}
	return out
}

// Assigned reports whether s is an assigned calling code written as the ITU
// writes it: 1–3 ASCII digits without a leading zero or a plus sign.
func (c *CallingCodes) Assigned(s string) bool {
	if len(s) == 0 || len(s) > 3 || s[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return false
		}
		n = n*10 + int(d)
	}
	return c.set[n]
}
