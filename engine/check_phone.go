package engine

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers/v2"

	"github.com/contactlint/contactlint/tldspec"
)

// phoneNumberRules: the number (digits, checked before) is valid for its
// calling code (the parameter named by cc) by libphonenumber's numbering
// plans. A warning by default: the plans lag behind real numbers, and the
// API documents only digit counts. The number is built from the code and
// the digits, skipping Parse; a national trunk prefix ("020…" for +44) is
// offered off as a fix. Engine option SkipPhoneValidity turns it off.
func (fc *fieldCtx) phoneNumberRules(chk *tldspec.Check, sev Severity) []rule {
	slot, ok := fc.slotOf(chk, "cc")
	if !ok || fc.c.e.opts.SkipPhoneValidity {
		return nil
	}
	cc := fc.c.e.calling
	r := fc.rule("phone-number", sev, chk.Pos, chk.Message, "", "", func(v string, st *state) bool {
		code := st.val[slot]
		// Only a well-formed number under an assigned code can be judged;
		// the other rules report the rest.
		if !cc.Assigned(code) || !allDigits(v) || len(v) > 17 {
			return true
		}
		return validNumber(code, v)
	})
	r.detail = "a valid number for the calling code in " + fc.cmd.params[slot].name
	r.fix = func(v string, st *state) string {
		code := st.val[slot]
		if s := strings.TrimLeft(v, "0"); s != v && s != "" && validNumber(code, s) {
			return s
		}
		return ""
	}
	return []rule{r}
}

// validNumber builds the PhoneNumber that phonenumbers.Parse would for
// "+code digits" and asks whether it is valid.
func validNumber(code, digits string) bool {
	var n uint64
	for i := 0; i < len(digits); i++ {
		n = n*10 + uint64(digits[i]-'0')
	}
	var c int32
	for i := 0; i < len(code); i++ {
		c = c*10 + int32(code[i]-'0')
	}
	num := &phonenumbers.PhoneNumber{CountryCode: &c, NationalNumber: &n}
	// As Parse does: a national number with leading zeros keeps them.
	if len(digits) > 1 && digits[0] == '0' {
		t := true
		num.ItalianLeadingZero = &t
		zeros := int32(1)
		for int(zeros) < len(digits)-1 && digits[zeros] == '0' {
			zeros++
		}
		if zeros > 1 {
			num.NumberOfLeadingZeros = &zeros
		}
	}
	return phonenumbers.IsValidNumber(num)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
