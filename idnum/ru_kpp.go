package idnum

// KPP reports whether s is a Russian tax registration reason code in
// digits only: 9 digits (the form the spec describes, "a 9 digit number").
func KPP(s string) bool { return len(s) == 9 && isDigits(s) }

// KPPWithLetters reports whether s is a KPP in the form allowed since
// 2013: 4 digits (tax office), 2 digits or capital Latin letters (reason),
// 3 digits (number). KPP has no check digit. Case matters: compact a KPP
// with StripSeparators, not Compact.
func KPPWithLetters(s string) bool {
	if len(s) != 9 || !isDigits(s[:4]) || !isDigits(s[6:]) {
		return false
	}
	for i := 4; i < 6; i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
