// Package countries holds the country data the rules refer to: the ISO 3166-1
// alpha-2 table, the ITU calling codes and the postal-code formats.
//
// The tables are constants compiled into the binary; the package does no work
// at init. Calling codes and postal formats are built on request (by
// NewCallingCodes and NewPostalFormats), once per compiled engine.
package countries

import (
	"iter"
	"slices"
	"strings"
)

// Status says how ISO 3166-1 treats a two-letter code.
type Status uint8

const (
	// Unknown codes are neither assigned nor reserved for a territory.
	Unknown Status = iota
	// Assigned codes are officially assigned ISO 3166-1 alpha-2 codes.
	Assigned
	// Reserved codes name a real territory but are not officially assigned
	// (exceptionally reserved AC, CP, DG, EA, IC, TA; user-assigned XK).
	// Address data uses them; whether the API accepts them is unconfirmed.
	Reserved
)

// Country is one row of the table.
type Country struct {
	Code   string // upper-case alpha-2
	Name   string // English short name
	Status Status
}

// table is sorted by code; Lookup binary-searches it.
var table = [...]Country{
	{"AC", "Ascension Island", Reserved},
	{"AD", "Andorra", Assigned},
	{"AE", "United Arab Emirates", Assigned},
	{"AF", "Afghanistan", Assigned},
	{"AG", "Antigua and Barbuda", Assigned},
	{"AI", "Anguilla", Assigned},
	{"AL", "Albania", Assigned},
	{"AM", "Armenia", Assigned},
	{"AO", "Angola", Assigned},
	{"AQ", "Antarctica", Assigned},
	{"AR", "Argentina", Assigned},
	{"AS", "American Samoa", Assigned},
	{"AT", "Austria", Assigned},
	{"AU", "Australia", Assigned},
	{"AW", "Aruba", Assigned},
	{"AX", "Åland Islands", Assigned},
	{"AZ", "Azerbaijan", Assigned},
	{"BA", "Bosnia and Herzegovina", Assigned},
	{"BB", "Barbados", Assigned},
	{"BD", "Bangladesh", Assigned},
	{"BE", "Belgium", Assigned},
	{"BF", "Burkina Faso", Assigned},
	{"BG", "Bulgaria", Assigned},
	{"BH", "Bahrain", Assigned},
	{"BI", "Burundi", Assigned},
	{"BJ", "Benin", Assigned},
	{"BL", "Saint Barthélemy", Assigned},
	{"BM", "Bermuda", Assigned},
	{"BN", "Brunei Darussalam", Assigned},
	{"BO", "Bolivia", Assigned},
	{"BQ", "Bonaire, Sint Eustatius and Saba", Assigned},
	{"BR", "Brazil", Assigned},
	{"BS", "Bahamas", Assigned},
	{"BT", "Bhutan", Assigned},
	{"BV", "Bouvet Island", Assigned},
	{"BW", "Botswana", Assigned},
	{"BY", "Belarus", Assigned},
	{"BZ", "Belize", Assigned},
	{"CA", "Canada", Assigned},
	{"CC", "Cocos (Keeling) Islands", Assigned},
	{"CD", "Congo, Democratic Republic of the", Assigned},
	{"CF", "Central African Republic", Assigned},
	{"CG", "Congo", Assigned},
	{"CH", "Switzerland", Assigned},
	{"CI", "Côte d'Ivoire", Assigned},
	{"CK", "Cook Islands", Assigned},
	{"CL", "Chile", Assigned},
	{"CM", "Cameroon", Assigned},
	{"CN", "China", Assigned},
	{"CO", "Colombia", Assigned},
	{"CP", "Clipperton Island", Reserved},
	{"CR", "Costa Rica", Assigned},
	{"CU", "Cuba", Assigned},
	{"CV", "Cabo Verde", Assigned},
	{"CW", "Curaçao", Assigned},
	{"CX", "Christmas Island", Assigned},
	{"CY", "Cyprus", Assigned},
	{"CZ", "Czechia", Assigned},
	{"DE", "Germany", Assigned},
	{"DG", "Diego Garcia", Reserved},
	{"DJ", "Djibouti", Assigned},
	{"DK", "Denmark", Assigned},
	{"DM", "Dominica", Assigned},
	{"DO", "Dominican Republic", Assigned},
	{"DZ", "Algeria", Assigned},
	{"EA", "Ceuta and Melilla", Reserved},
	{"EC", "Ecuador", Assigned},
	{"EE", "Estonia", Assigned},
	{"EG", "Egypt", Assigned},
	{"EH", "Western Sahara", Assigned},
	{"ER", "Eritrea", Assigned},
	{"ES", "Spain", Assigned},
	{"ET", "Ethiopia", Assigned},
	{"FI", "Finland", Assigned},
	{"FJ", "Fiji", Assigned},
	{"FK", "Falkland Islands (Malvinas)", Assigned},
	{"FM", "Micronesia", Assigned},
	{"FO", "Faroe Islands", Assigned},
	{"FR", "France", Assigned},
	{"GA", "Gabon", Assigned},
	{"GB", "United Kingdom", Assigned},
	{"GD", "Grenada", Assigned},
	{"GE", "Georgia", Assigned},
	{"GF", "French Guiana", Assigned},
	{"GG", "Guernsey", Assigned},
	{"GH", "Ghana", Assigned},
	{"GI", "Gibraltar", Assigned},
	{"GL", "Greenland", Assigned},
	{"GM", "Gambia", Assigned},
	{"GN", "Guinea", Assigned},
	{"GP", "Guadeloupe", Assigned},
	{"GQ", "Equatorial Guinea", Assigned},
	{"GR", "Greece", Assigned},
	{"GS", "South Georgia and the South Sandwich Islands", Assigned},
	{"GT", "Guatemala", Assigned},
	{"GU", "Guam", Assigned},
	{"GW", "Guinea-Bissau", Assigned},
	{"GY", "Guyana", Assigned},
	{"HK", "Hong Kong", Assigned},
	{"HM", "Heard Island and McDonald Islands", Assigned},
	{"HN", "Honduras", Assigned},
	{"HR", "Croatia", Assigned},
	{"HT", "Haiti", Assigned},
	{"HU", "Hungary", Assigned},
	{"IC", "Canary Islands", Reserved},
	{"ID", "Indonesia", Assigned},
	{"IE", "Ireland", Assigned},
	{"IL", "Israel", Assigned},
	{"IM", "Isle of Man", Assigned},
	{"IN", "India", Assigned},
	{"IO", "British Indian Ocean Territory", Assigned},
	{"IQ", "Iraq", Assigned},
	{"IR", "Iran", Assigned},
	{"IS", "Iceland", Assigned},
	{"IT", "Italy", Assigned},
	{"JE", "Jersey", Assigned},
	{"JM", "Jamaica", Assigned},
	{"JO", "Jordan", Assigned},
	{"JP", "Japan", Assigned},
	{"KE", "Kenya", Assigned},
	{"KG", "Kyrgyzstan", Assigned},
	{"KH", "Cambodia", Assigned},
	{"KI", "Kiribati", Assigned},
	{"KM", "Comoros", Assigned},
	{"KN", "Saint Kitts and Nevis", Assigned},
	{"KP", "Korea, Democratic People's Republic of", Assigned},
	{"KR", "Korea, Republic of", Assigned},
	{"KW", "Kuwait", Assigned},
	{"KY", "Cayman Islands", Assigned},
	{"KZ", "Kazakhstan", Assigned},
	{"LA", "Lao People's Democratic Republic", Assigned},
	{"LB", "Lebanon", Assigned},
	{"LC", "Saint Lucia", Assigned},
	{"LI", "Liechtenstein", Assigned},
	{"LK", "Sri Lanka", Assigned},
	{"LR", "Liberia", Assigned},
	{"LS", "Lesotho", Assigned},
	{"LT", "Lithuania", Assigned},
	{"LU", "Luxembourg", Assigned},
	{"LV", "Latvia", Assigned},
	{"LY", "Libya", Assigned},
	{"MA", "Morocco", Assigned},
	{"MC", "Monaco", Assigned},
	{"MD", "Moldova", Assigned},
	{"ME", "Montenegro", Assigned},
	{"MF", "Saint Martin (French part)", Assigned},
	{"MG", "Madagascar", Assigned},
	{"MH", "Marshall Islands", Assigned},
	{"MK", "North Macedonia", Assigned},
	{"ML", "Mali", Assigned},
	{"MM", "Myanmar", Assigned},
	{"MN", "Mongolia", Assigned},
	{"MO", "Macao", Assigned},
	{"MP", "Northern Mariana Islands", Assigned},
	{"MQ", "Martinique", Assigned},
	{"MR", "Mauritania", Assigned},
	{"MS", "Montserrat", Assigned},
	{"MT", "Malta", Assigned},
	{"MU", "Mauritius", Assigned},
	{"MV", "Maldives", Assigned},
	{"MW", "Malawi", Assigned},
	{"MX", "Mexico", Assigned},
	{"MY", "Malaysia", Assigned},
	{"MZ", "Mozambique", Assigned},
	{"NA", "Namibia", Assigned},
	{"NC", "New Caledonia", Assigned},
	{"NE", "Niger", Assigned},
	{"NF", "Norfolk Island", Assigned},
	{"NG", "Nigeria", Assigned},
	{"NI", "Nicaragua", Assigned},
	{"NL", "Netherlands", Assigned},
	{"NO", "Norway", Assigned},
	{"NP", "Nepal", Assigned},
	{"NR", "Nauru", Assigned},
	{"NU", "Niue", Assigned},
	{"NZ", "New Zealand", Assigned},
	{"OM", "Oman", Assigned},
	{"PA", "Panama", Assigned},
	{"PE", "Peru", Assigned},
	{"PF", "French Polynesia", Assigned},
	{"PG", "Papua New Guinea", Assigned},
	{"PH", "Philippines", Assigned},
	{"PK", "Pakistan", Assigned},
	{"PL", "Poland", Assigned},
	{"PM", "Saint Pierre and Miquelon", Assigned},
	{"PN", "Pitcairn", Assigned},
	{"PR", "Puerto Rico", Assigned},
	{"PS", "Palestine, State of", Assigned},
	{"PT", "Portugal", Assigned},
	{"PW", "Palau", Assigned},
	{"PY", "Paraguay", Assigned},
	{"QA", "Qatar", Assigned},
	{"RE", "Réunion", Assigned},
	{"RO", "Romania", Assigned},
	{"RS", "Serbia", Assigned},
	{"RU", "Russian Federation", Assigned},
	{"RW", "Rwanda", Assigned},
	{"SA", "Saudi Arabia", Assigned},
	{"SB", "Solomon Islands", Assigned},
	{"SC", "Seychelles", Assigned},
	{"SD", "Sudan", Assigned},
	{"SE", "Sweden", Assigned},
	{"SG", "Singapore", Assigned},
	{"SH", "Saint Helena, Ascension and Tristan da Cunha", Assigned},
	{"SI", "Slovenia", Assigned},
	{"SJ", "Svalbard and Jan Mayen", Assigned},
	{"SK", "Slovakia", Assigned},
	{"SL", "Sierra Leone", Assigned},
	{"SM", "San Marino", Assigned},
	{"SN", "Senegal", Assigned},
	{"SO", "Somalia", Assigned},
	{"SR", "Suriname", Assigned},
	{"SS", "South Sudan", Assigned},
	{"ST", "Sao Tome and Principe", Assigned},
	{"SV", "El Salvador", Assigned},
	{"SX", "Sint Maarten (Dutch part)", Assigned},
	{"SY", "Syrian Arab Republic", Assigned},
	{"SZ", "Eswatini", Assigned},
	{"TA", "Tristan da Cunha", Reserved},
	{"TC", "Turks and Caicos Islands", Assigned},
	{"TD", "Chad", Assigned},
	{"TF", "French Southern Territories", Assigned},
	{"TG", "Togo", Assigned},
	{"TH", "Thailand", Assigned},
	{"TJ", "Tajikistan", Assigned},
	{"TK", "Tokelau", Assigned},
	{"TL", "Timor-Leste", Assigned},
	{"TM", "Turkmenistan", Assigned},
	{"TN", "Tunisia", Assigned},
	{"TO", "Tonga", Assigned},
	{"TR", "Türkiye", Assigned},
	{"TT", "Trinidad and Tobago", Assigned},
	{"TV", "Tuvalu", Assigned},
	{"TW", "Taiwan", Assigned},
	{"TZ", "Tanzania", Assigned},
	{"UA", "Ukraine", Assigned},
	{"UG", "Uganda", Assigned},
	{"UM", "United States Minor Outlying Islands", Assigned},
	{"US", "United States of America", Assigned},
	{"UY", "Uruguay", Assigned},
	{"UZ", "Uzbekistan", Assigned},
	{"VA", "Holy See", Assigned},
	{"VC", "Saint Vincent and the Grenadines", Assigned},
	{"VE", "Venezuela", Assigned},
	{"VG", "Virgin Islands (British)", Assigned},
	{"VI", "Virgin Islands (U.S.)", Assigned},
	{"VN", "Viet Nam", Assigned},
	{"VU", "Vanuatu", Assigned},
	{"WF", "Wallis and Futuna", Assigned},
	{"WS", "Samoa", Assigned},
	{"XK", "Kosovo", Reserved},
	{"YE", "Yemen", Assigned},
	{"YT", "Mayotte", Assigned},
	{"ZA", "South Africa", Assigned},
	{"ZM", "Zambia", Assigned},
	{"ZW", "Zimbabwe", Assigned},
}

// Lookup finds an upper-case two-letter code. It does not fold case: the
// caller decides whether "us" is acceptable.
func Lookup(code string) (Country, bool) {
	if len(code) != 2 {
		return Country{}, false
	}
	// Codes are two bytes: compared as one number, without a string
	// comparison per step (this runs for every country parameter).
	want := uint16(code[0])<<8 | uint16(code[1])
	lo, hi := 0, len(table)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := table[m].Code
		switch got := uint16(c[0])<<8 | uint16(c[1]); {
		case got == want:
			return table[m], true
		case got < want:
			lo = m + 1
		default:
			hi = m
		}
	}
	return Country{}, false
}

// All yields every row, in code order.
func All() iter.Seq[Country] {
	return func(yield func(Country) bool) {
		for _, c := range table {
			if !yield(c) {
				return
			}
		}
	}
}

// commonNames maps names and codes people write instead of the ISO code
// ("UK", "USA", "Holland") to that code. Matched case-insensitively.
var commonNames = [...]struct{ name, code string }{
	{"bolivia (plurinational state of)", "BO"},
	{"britain", "GB"},
	{"brunei", "BN"},
	{"burma", "MM"},
	{"cape verde", "CV"},
	{"czech republic", "CZ"},
	{"democratic republic of the congo", "CD"},
	{"drc", "CD"},
	{"east timor", "TL"},
	{"england", "GB"},
	{"great britain", "GB"},
	{"holland", "NL"},
	{"iran (islamic republic of)", "IR"},
	{"ivory coast", "CI"},
	{"laos", "LA"},
	{"macau", "MO"},
	{"micronesia (federated states of)", "FM"},
	{"moldova, republic of", "MD"},
	{"north korea", "KP"},
	{"northern ireland", "GB"},
	{"palestine", "PS"},
	{"republic of korea", "KR"},
	{"russia", "RU"},
	{"scotland", "GB"},
	{"south korea", "KR"},
	{"swaziland", "SZ"},
	{"syria", "SY"},
	{"taiwan, province of china", "TW"},
	{"tanzania, united republic of", "TZ"},
	{"the netherlands", "NL"},
	{"turkey", "TR"},
	{"u.k.", "GB"},
	{"u.s.", "US"},
	{"u.s.a.", "US"},
	{"uk", "GB"},
	{"united kingdom of great britain and northern ireland", "GB"},
	{"united states", "US"},
	{"usa", "US"},
	{"vatican", "VA"},
	{"vatican city", "VA"},
	{"venezuela (bolivarian republic of)", "VE"},
	{"vietnam", "VN"},
	{"wales", "GB"},
}

// ambiguousNames name more than one place, so no fix may pick one:
// Georgia (the country, GE, or the US state), Congo (CG, or the
// Democratic Republic, CD, which people write so too), Korea (KR or KP),
// Micronesia (FM, or the region of Guam and Palau too). America,
// Macedonia (also Greece's region) and El (the EU's code for Greece, or
// El Salvador cut short) are in no list at all.
var ambiguousNames = [...]string{"georgia", "congo", "korea", "micronesia"}

// ByName finds the code for a country written out: an English name from
// the table or a common alternative ("UK", "USA", "Russia"), ignoring case
// and surrounding space; never a name that could mean two places. It is
// for fixes, never for acceptance.
func ByName(name string) (Country, bool) {
	name = strings.TrimSpace(name)
	if name == "" || slices.ContainsFunc(ambiguousNames[:], func(a string) bool { return strings.EqualFold(a, name) }) {
		return Country{}, false
	}
	for _, c := range table {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	for _, a := range commonNames {
		if strings.EqualFold(a.name, name) {
			return Lookup(a.code)
		}
	}
	return Country{}, false
}
