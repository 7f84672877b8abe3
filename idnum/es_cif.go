package idnum

import "strings"

// cifLetters are the first letters of a CIF (the kind of organisation).
const cifLetters = "ABCDEFGHJNPQRSUVW"

// CIF reports whether s is a Spanish organisation's tax code: an
// organisation letter, 7 digits, and a control that is a digit or the
// letter of the same value (JABCDEFGHI). The digits in odd positions are
// doubled and their digits summed, those in even positions added; the
// control is 10 minus the sum's last digit. Either form of the control is
// accepted whatever the organisation letter: issuers have not kept to the
// rule that says which.
func CIF(s string) bool {
	if len(s) != 9 || strings.IndexByte(cifLetters, s[0]) < 0 || !isDigits(s[1:8]) {
		return false
	}
	sum := 0
	for i := 1; i < 8; i++ {
		d := int(s[i] - '0')
		if i%2 == 1 { // positions 1, 3, 5, 7 of the digits
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	c := (10 - sum%10) % 10
	return s[8] == byte('0'+c) || s[8] == "JABCDEFGHI"[c]
}

// NIF reports whether s is a Spanish tax number of a person or an
// organisation: a DNI, a K/L/M NIF, or a CIF. (A NIE is a foreigner's
// NIF too; see NIE.)
func NIF(s string) bool { return DNI(s) || NIFKLM(s) || CIF(s) }
