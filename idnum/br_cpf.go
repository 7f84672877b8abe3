package idnum

// cpfDigit is the check digit over the digits of s with weights counting
// down from len(s)+1 to 2.
func cpfDigit(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += int(s[i]-'0') * (len(s) + 1 - i)
	}
	r := sum % 11
	if r < 2 {
		return '0'
	}
	return byte('0' + 11 - r)
}

// CPF reports whether s is a Brazilian individual taxpayer number: 11
// digits, the last two check digits mod 11. A number of one repeated digit
// passes the arithmetic but is never issued, and is invalid.
func CPF(s string) bool {
	return len(s) == 11 && isDigits(s) && !allSame(s) && s[9] == cpfDigit(s[:9]) && s[10] == cpfDigit(s[:10])
}
