package idnum

import "strings"

// usccAlphabet is GB 32100-2015's: digits and capital letters without I,
// O, S, V and Z, each worth its index.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// USCC reports whether s is a Chinese unified social credit code: 18
// characters of the alphabet — the registering authority and entity kind
// (positions 1–2), a 6-digit region code (3–8), the organisation code
// (9–17) — and a check character: the weights are 3^i mod 31, and the
// check is (31 - sum mod 31) mod 31.
func USCC(s string) bool {
	if len(s) != 18 || !isDigits(s[2:8]) {
		return false
	}
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccAlphabet, s[i])
		if v < 0 {
			return false
		}
		sum += v * w
		w = w * 3 % 31
	}
	return strings.IndexByte(usccAlphabet, s[17]) == (31-sum%31)%31
}
