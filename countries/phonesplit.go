package countries

import "strings"

// SplitInternational reads s, a number written with its calling code
// (+44 20 7946 0000, +1 (212) 555-0100 ext. 5), as phonenumbers.Parse(s,
// "") reads it, and returns its calling code, national significant number
// and extension when phonenumbers.IsValidNumber would call it valid.
//
// It reads fewer writings than the library, on purpose: a plus, ASCII
// digits and the separators space, no-break space, - . ( ), then
// optionally an extension labelled ext, extn, x or # (the library's
// labels, as it bounds their digits). Anything else (letters read off a
// keypad, a second number, RFC 3966, extensions written with commas) is
// not read, ok false: a fix made from it would not be certain. A test
// holds every reading to the library's own.
func (p *PhonePlans) SplitInternational(s string) (code int, national, ext string, ok bool) {
	if len(s) > 250 || !strings.HasPrefix(s, "+") { // the library's input bound
		return 0, "", "", false
	}
	var buf [24]byte
	digits := buf[:0]
	i := 1
body:
	for i < len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if len(digits) == len(buf) {
				return 0, "", "", false // more than a calling code and 17 digits
			}
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			i++
		default:
			break body
		}
		i++
	}
	if ext, ok = readExtension(s[i:]); !ok {
		return 0, "", "", false
	}
	if len(digits) < 3 || digits[0] == '0' {
		return 0, "", "", false
	}
	// Calling codes are prefix-free: the first of 1–3 digits the data
	// knows is the code, as extractCountryCode takes it.
	var l *lazyPlan
	for n := 1; n <= 3 && n < len(digits); n++ {
		code = code*10 + int(digits[n-1]-'0')
		if l = p.byCode[code]; l != nil {
			digits = digits[n:]
			break
		}
	}
	if l == nil || len(digits) < 2 {
		return 0, "", "", false
	}
	cp, err := l.get()
	if err != nil {
		return 0, "", "", false
	}
	national = string(digits)
	if cp.strip != nil {
		if stripped := cp.strip.apply(national); cp.strip.possible(len(stripped)) {
			national = stripped
		}
	}
	if len(national) < 2 || len(national) > 17 || !p.Valid(code, national) {
		return 0, "", "", false
	}
	return code, national, ext, true
}

// readExtension reads what follows a number's digits: nothing, or an
// extension as the library's extension pattern takes it at the end of a
// number — separators, a label, at most one of : and ., separators, the
// digits (at most 20 after ext or extn, 9 after x or #), and a # — and
// returns its digits. ok is false for anything else.
func readExtension(s string) (ext string, ok bool) {
	s = strings.TrimLeft(strings.ReplaceAll(s, "\u00a0", " "), " \t,")
	if s == "" {
		return "", true
	}
	max := 0
	for _, label := range []struct {
		text string
		max  int
	}{{"extn", 20}, {"ext", 20}, {"x", 9}, {"#", 9}} {
		// Folding cannot reach these labels from beyond ASCII (the Kelvin
		// sign folds to k, the long s to s; nothing to e, x, t, n or #).
		if len(s) >= len(label.text) && strings.EqualFold(s[:len(label.text)], label.text) {
			s, max = s[len(label.text):], label.max
			break
		}
	}
	if max == 0 {
		return "", false
	}
	if s != "" && (s[0] == ':' || s[0] == '.') {
		s = s[1:]
	}
	s = strings.TrimLeft(s, " \t,-")
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > max || s[n:] != "" && s[n:] != "#" {
		return "", false
	}
	return s[:n], true
}

// apply is maybeStripNationalPrefixAndCarrierCode on digits: the national
// prefix for parsing taken off, or rewritten by the transform rule, unless
// a number that fits the general pattern would then not.
func (ps *prefixStrip) apply(digits string) string {
	if ps.prefix == nil || digits == "" {
		return digits
	}
	m := ps.prefix.FindStringSubmatchIndex(digits)
	if m == nil {
		return digits
	}
	d, err := ps.main.descs()
	if err != nil {
		return digits
	}
	general := d.general.dfa
	viable := general.match(digits)
	groups := len(m)/2 - 1
	out := digits[m[1]:]
	if ps.transform != "" && m[groups*2] >= 0 {
		out = ps.prefix.ReplaceAllString(digits, ps.transform)
	}
	if viable && !general.match(out) {
		return digits
	}
	return out
}

// possible is testNumberLength's verdict by the general description: the
// stripped number is kept unless it is too short, of a length only
// dialled locally, or of no listed length (too long is kept).
func (ps *prefixStrip) possible(n int) bool {
	if len(ps.lengths) == 0 || ps.lengths[0] == -1 {
		return false
	}
	for _, l := range ps.local {
		if int(l) == n {
			return false
		}
	}
	switch first, last := int(ps.lengths[0]), int(ps.lengths[len(ps.lengths)-1]); {
	case first == n:
		return true
	case first > n:
		return false
	case last < n:
		return true
	}
	for _, l := range ps.lengths[1:] {
		if int(l) == n {
			return true
		}
	}
	return false
}
