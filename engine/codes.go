package engine

import (
	"sort"
)

// Violation codes: the stable names of what a Violation reports, for
// callers to match on (never the message, which follows the API's
// wording). Codes lists each with its default severity and what it means.
const (
	// The request as a whole.
	CodeRequired          = "required"            // a parameter the command takes is missing: the API's whole answer
	CodeDeprecated        = "deprecated"          // a command the API no longer takes: its whole answer
	CodeUnknownCommand    = "unknown-command"     // a command the rules do not describe: not checked
	CodeUnknownTLD        = "unknown-tld"         // a TLD that reads like a misspelling of one the rules know
	CodeUnknownRole       = "unknown-role"        // a role other than registrant, admin, tech or billing
	CodeMethod            = "method"              // an HTTP method other than the spec's for the command
	CodeAuthIncomplete    = "auth-incomplete"     // credentials given by halves
	CodeTooManyParams     = "too-many-params"     // more parameters than one request may carry: the rest unchecked
	CodeTooManyViolations = "too-many-violations" // more violations than one result reports
	CodeInternal          = "internal"            // a defect of contactlint, reported instead of a panic
	CodeRules             = "rules"               // the rules did not compile: nothing was checked
	CodeContactSet        = "contact-set"         // a detail that must be on at least one contact of a domain

	// Parameters.
	CodeParamRequired  = "param-required"  // required by a contact type, TLD, role or condition: one entry of the error map
	CodeForbidden      = "forbidden"       // must not be passed for this contact
	CodeDiscouraged    = "discouraged"     // the spec asks not to pass it
	CodeRecommended    = "recommended"     // the spec asks for it where the API's refusal is not certain
	CodeUnknownParam   = "unknown-param"   // not a parameter of the command: the API ignores it
	CodeDuplicateParam = "duplicate-param" // given more than once
	CodeWhitespace     = "whitespace"      // spaces at either end
	CodeUnicodeSpace   = "unicode-space"   // a space character the API neither trims nor splits words on
	CodeEncoding       = "encoding"        // not valid UTF-8
	CodeInvalid        = "invalid"         // fails a rule with no code of its own
	CodeTooLong        = "too-long"
	CodeTooShort       = "too-short"
	CodeDigits         = "digits"    // a number of digits outside the documented range
	CodeMinWords       = "min-words" // fewer words than the spec asks
	CodeOneOf          = "one-of"    // not one of the documented values
	CodeInList         = "in-list"   // not an item of a rule file's list
	CodePattern        = "pattern"   // does not match the documented form
	CodeTag            = "tag"       // fails a validator tag of a rule file
	CodeInteger        = "integer"   // not a whole number the API's Java int holds
	CodeBoolean        = "boolean"   // neither true nor false

	// Named checks (rule files' check:) and the warnings they give.
	CodeCallingCode         = "calling-code"
	CodeCountry             = "country"
	CodeCountryCase         = "country-case"
	CodeCountryReserved     = "country-reserved"
	CodeEmail               = "email"
	CodeNationalID          = "national-id"
	CodeNationalIDFormat    = "national-id-format"
	CodeNationalIDKind      = "national-id-kind"
	CodeParamInList         = "param-in-list"
	CodeParamValue          = "param-value"
	CodePastDate            = "past-date"
	CodePhoneNumber         = "phone-number"
	CodePostalCode          = "postal-code"
	CodePostalCase          = "postal-case"
	CodePostalSeparator     = "postal-separator"
	CodePostalCountryPrefix = "postal-country-prefix"
	CodePostalFormer        = "postal-former"
	CodePostalPrefix        = "postal-prefix"
	CodePostalProvince      = "postal-province"
	CodeProvince            = "province"
	CodeProvinceSpelling    = "province-spelling"
	CodeSpelling            = "spelling"
	CodeUnchanged           = "unchanged"
	CodeUnchangedUnverified = "unchanged-unverified"
	CodeZipPrefix           = "zip-prefix"

	// Attribute pairs (attr-nameN/attr-valueN).
	CodeAttrPair       = "attr-pair"       // half a pair
	CodeAttrNumber     = "attr-number"     // a pair numbered oddly (attr-name01)
	CodeAttrAlias      = "attr-alias"      // a detail under another of its names
	CodeAttrRequired   = "attr-required"   // a detail the domain requires is not given
	CodeAttrRepeated   = "attr-repeated"   // a detail named in more than one pair
	CodeAttrConflict   = "attr-conflict"   // refused for some of the values of a detail named in more than one pair
	CodeAttrsUnchecked = "attrs-unchecked" // details with no TLD or product key to check them by
	CodeUnknownAttr    = "unknown-attr"    // a detail no rules of the request's TLDs know
)

// CodeInfo documents a violation code.
type CodeInfo struct {
	Code     string
	Severity Severity // the default; a rule file may choose the other for its own rules
	Doc      string
}

// codeDocs are the codes that are not named checks; the named checks'
// documentation is the catalogue's (engine.Catalog).
var codeDocs = [...]CodeInfo{
	{CodeRequired, Error, "A parameter the command takes is missing. The API answers with this alone: \"Required parameter missing: …\"."},
	{CodeDeprecated, Error, "A command the API no longer takes (contacts/set-details); the API answers \"Feature deprecated. Please refer to KB link\"."},
	{CodeUnknownCommand, Warning, "A command the rules do not describe: the request is not checked."},
	{CodeUnknownTLD, Warning, "A TLD that reads like a misspelling of one the rules know; its rules are not applied."},
	{CodeUnknownRole, Warning, "A role other than registrant, admin, tech or billing; role rules are not applied."},
	{CodeMethod, Warning, "An HTTP method other than the one the spec gives for the command."},
	{CodeAuthIncomplete, Warning, "Credentials given by halves: auth-userid without api-key or auth-password, or the other way round."},
	{CodeTooManyParams, Warning, "More parameters than one request may carry (engine.MaxParams): the rest are not checked."},
	{CodeTooManyViolations, Warning, "More violations than one result reports (engine.MaxViolations); errors come first, and the API's answer stays whole."},
	{CodeInternal, Error, "A defect of contactlint, reported instead of a panic. Please report it."},
	{CodeRules, Error, "The rules did not compile, so nothing was checked (contactlint.Check with broken embedded rules: a build defect)."},
	{CodeContactSet, Error, "A detail a domain needs on at least one of its contacts is on none (.ASIA)."},
	{CodeParamRequired, Error, "A parameter a contact type, TLD, role or condition requires is missing: one entry of the API's error map."},
	{CodeForbidden, Error, "A parameter that must not be passed for this contact."},
	{CodeDiscouraged, Warning, "A parameter the spec asks not to pass, without saying that the API refuses it."},
	{CodeRecommended, Warning, "A parameter the spec asks for, left out where the API's refusal is not certain (the state of an EsContact with an address outside Spain)."},
	{CodeUnknownParam, Warning, "Not a parameter of the command: the API ignores it."},
	{CodeDuplicateParam, Warning, "A parameter given more than once; the API reads one of the values."},
	{CodeWhitespace, Warning, "Spaces at the start or end of a value; the API trims them."},
	{CodeUnicodeSpace, Warning, "A space character other than the ASCII space (such as a no-break space): the API, in Java, neither trims it nor counts it as a word break."},
	{CodeEncoding, Warning, "A value that is not valid UTF-8: the API would store replacement characters."},
	{CodeInvalid, Error, "A value that fails a rule with no code of its own."},
	{CodeTooLong, Error, "Longer than the documented maximum, counted as the API counts (UTF-16 units, as sent)."},
	{CodeTooShort, Error, "Shorter than the documented minimum."},
	{CodeDigits, Error, "A number of digits outside the documented range (a phone number, a calling code)."},
	{CodeMinWords, Error, "Fewer words than the spec asks (a .RU company name of one word)."},
	{CodeOneOf, Error, "Not one of the values the spec lists (a contact type, a legal form)."},
	{CodeInList, Error, "Not an item of a rule file's list."},
	{CodePattern, Error, "Not of the form the spec documents."},
	{CodeTag, Error, "Fails a validator tag a rule file gives."},
	{CodeInteger, Error, "Not a whole number the API's Java int holds (it was seen refusing 9999999999)."},
	{CodeBoolean, Warning, "Neither true nor false: the API reads anything else as false."},
	{CodeCountryCase, Warning, "A country code in lower case; the fix is the upper-case code."},
	{CodeCountryReserved, Warning, "A country code ISO 3166-1 reserves but has not assigned (XK, AC, TA, …); the API may refuse it."},
	{CodeNationalIDFormat, Warning, "A valid national ID number written with separators, a country prefix or in lower case; the fix is its compact form."},
	{CodeNationalIDKind, Warning, "A valid national ID number of another kind than the one declared."},
	{CodePostalCase, Warning, "A postal code that fits its country's format once upper-cased; the fix is that."},
	{CodePostalSeparator, Warning, "A postal code that lacks the one space or hyphen its country's format puts in it; the fix puts it in."},
	{CodePostalCountryPrefix, Warning, "A postal code written after the prefix its country's post writes before it (LT-12345, L-1120); the fix is the code without it."},
	{CodePostalFormer, Warning, "A postal code in its country's former format (KR 110-110, PE LIMA 23), which the post no longer issues; whether the API takes it is not known."},
	{CodePostalProvince, Warning, "A Spanish postal code of another province than the state names (the spec does not tie the two)."},
	{CodeProvinceSpelling, Warning, "A province named in another spelling than the spec's; the fix is the spec's."},
	{CodeUnchangedUnverified, Warning, "A value that must keep its current value, checked without the contact's current details (pass them as current)."},
	{CodeAttrPair, Warning, "Half an attribute pair: attr-nameN without attr-valueN, or the other way round."},
	{CodeAttrNumber, Warning, "An attribute pair numbered in a way the API may not read (attr-name01, attr-name+1)."},
	{CodeAttrAlias, Warning, "A detail given under another of its names (.COOP's sponsor for sponsor1); the fix is its name."},
	{CodeAttrRepeated, Warning, "A detail named in more than one pair: the API keeps one of its values, and which one is unknown."},
	{CodeAttrConflict, Warning, "A rule that refuses some, not all, of the values given to a detail named in more than one pair (or what depends on them): an error only when every value would be refused."},
	{CodeAttrRequired, Error, "A detail the domain requires (es_form_juridica, CPR, …) is not given."},
	{CodeAttrsUnchecked, Warning, "Details given with neither a TLD nor a product key to check them by."},
	{CodeUnknownAttr, Warning, "A detail no rules of the request's TLDs know: the API would store it unchecked."},
}

// Codes lists every code a Violation may carry, sorted, with its default
// severity and documentation (for a named check, the catalogue's).
func Codes() []CodeInfo {
	out := append([]CodeInfo(nil), codeDocs[:]...)
	for _, c := range checks {
		out = append(out, CodeInfo{Code: c.Name, Severity: c.Severity, Doc: c.Doc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// LookupCode finds a code's documentation.
func LookupCode(code string) (CodeInfo, bool) {
	for _, c := range Codes() {
		if c.Code == code {
			return c, true
		}
	}
	return CodeInfo{}, false
}
