package idnum

var (
	inn10Weights = [...]int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	inn11Weights = [...]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	inn12Weights = [...]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

func innCheck(s string, weights []int) byte {
	sum := 0
	for i, w := range weights {
		sum += w * int(s[i]-'0')
	}
	return byte('0' + sum%11%10)
}

// INN10 reports whether s is a Russian taxpayer number of an
// organisation: 10 digits, the last a weighted sum mod 11 mod 10.
func INN10(s string) bool {
	return len(s) == 10 && isDigits(s) && s[9] == innCheck(s, inn10Weights[:])
}

// INN12 reports whether s is a Russian taxpayer number of a person: 12
// digits, the last two check digits over the ten and eleven before them.
func INN12(s string) bool {
	return len(s) == 12 && isDigits(s) && s[10] == innCheck(s, inn11Weights[:]) && s[11] == innCheck(s, inn12Weights[:])
}

// INN reports whether s is a valid 10- or 12-digit INN.
func INN(s string) bool { return INN10(s) || INN12(s) }
