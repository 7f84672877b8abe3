package idnum

// dniLetters maps a number mod 23 to its check letter.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

func dniLetter(digits string) byte {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = (n*10 + int(digits[i]-'0')) % 23
	}
	return dniLetters[n]
}

// DNI reports whether s is a Spanish DNI: 8 digits and the letter of
// their value mod 23.
func DNI(s string) bool {
	return len(s) == 9 && isDigits(s[:8]) && s[8] == dniLetter(s[:8])
}

// NIFKLM reports whether s is a NIF of the K, L or M series (young
// Spaniards, Spaniards abroad, foreigners without NIE): the letter, 7
// digits, and the DNI letter of those digits.
func NIFKLM(s string) bool {
	return len(s) == 9 && (s[0] == 'K' || s[0] == 'L' || s[0] == 'M') && isDigits(s[1:8]) && s[8] == dniLetter(s[1:8])
}
