package idnum

var cnpjWeights = [...]int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}

// cnpjDigit is the check digit over s (12 or 13 characters), each counting
// as its ASCII code minus 48: digits as themselves, letters from 17 (A).
func cnpjDigit(s string) byte {
	w := cnpjWeights[len(cnpjWeights)-len(s):]
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += int(s[i]-'0') * w[i]
	}
	r := sum % 11
	if r < 2 {
		return '0'
	}
	return byte('0' + 11 - r)
}

// CNPJ reports whether s is a Brazilian company number: 12 characters,
// digits or (since July 2026) capital letters, then 2 check digits mod 11.
// A number of one repeated digit is invalid.
func CNPJ(s string) bool {
	if len(s) != 14 || !isDigits(s[12:]) || allSame(s) {
		return false
	}
	for i := 0; i < 12; i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return s[12] == cnpjDigit(s[:12]) && s[13] == cnpjDigit(s[:13])
}
