package idnum

// NIE reports whether s is a Spanish foreigner's identity number: X, Y or
// Z (read as 0, 1, 2), 7 digits, and the DNI letter of the 8-digit number.
func NIE(s string) bool {
	if len(s) != 9 || s[0] < 'X' || s[0] > 'Z' || !isDigits(s[1:8]) {
		return false
	}
	n := int(s[0] - 'X')
	for i := 1; i < 8; i++ {
		n = (n*10 + int(s[i]-'0')) % 23
	}
	return s[8] == dniLetters[n]
}
