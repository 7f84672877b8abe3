package tldspec

// CheckInfo describes a named check that rule files may use. The engine
// implements each one; a rule file naming any other is a diagnostic.
type CheckInfo struct {
	Name     string
	Severity Severity // unless the rule file says otherwise
	// Basis is why the check's error holds, unless the rule file says
	// otherwise: BasisSpec when the spec states it, BasisBeyond when the
	// value is provably invalid although the spec does not say so.
	Basis Basis
	Args  []ArgInfo
	Doc   string
}

// ArgInfo describes an option of a check.
type ArgInfo struct {
	Name     string
	Kind     ArgKind
	Default  string // for a param: the parameter used when none is named
	Required bool
}

// ArgKind says what an option's value is.
type ArgKind uint8

const (
	// ParamArg names another parameter of the command.
	ParamArg ArgKind = iota + 1
	// ListArg names a list (the lists section).
	ListArg
	// ValuesArg is one value or a list of values.
	ValuesArg
)

var catalogue = [...]CheckInfo{
	{Name: "calling-code", Severity: Error, Basis: BasisSpec,
		Doc: "an assigned ITU country calling code (libphonenumber), non-geographic codes included"},
	{Name: "country", Severity: Error, Basis: BasisSpec,
		Doc: "an ISO 3166-1 alpha-2 code; reserved codes in use (XK, AC, TA, ...) and lower case pass with a warning, and conditions compare the code upper-cased"},
	{Name: "email", Severity: Error, Basis: BasisSpec,
		Doc: "an e-mail address: local part, @, and a domain with at least two labels"},
	{Name: "national-id", Severity: Error, Basis: BasisBeyond,
		Args: []ArgInfo{{Name: "scheme", Kind: ValuesArg, Required: true}, {Name: "warn", Kind: ValuesArg}, {Name: "if-length", Kind: ValuesArg}},
		Doc:  "a national ID number valid in one of the schemes (es-nif, es-nie, ru-inn10, ru-inn12, ru-kpp, ru-kpp-letters, br-cpf, br-cnpj, cn-uscc); an error only because a failed check digit is provably invalid, which the spec does not say; valid in a warn scheme passes with a warning; with if-length, only values of those lengths are judged; separators, lower case and a Spanish number's ES prefix pass with a warning and the compact form as fix"},
	{Name: "param-value", Severity: Error, Basis: BasisSpec,
		Args: []ArgInfo{{Name: "param", Kind: ParamArg, Required: true}, {Name: "is", Kind: ValuesArg, Required: true}},
		Doc:  "another parameter (param) has one of the values given (is), ignoring case; \"\" in is allows it not to be given; reported on this field"},
	{Name: "past-date", Severity: Error, Basis: BasisSpec, Args: []ArgInfo{{Name: "format", Kind: ValuesArg, Required: true}},
		Doc: "a date in the format (DD.MM.YYYY, YYYY-MM-DD or DD/MM/YYYY) that exists and is not in the future (an impossible or future date is provably invalid)"},
	{Name: "phone-number", Severity: Warning, Basis: BasisBeyond, Args: []ArgInfo{{Name: "cc", Kind: ParamArg, Default: "phone-cc"}},
		Doc: "a number valid for its calling code (the parameter named by cc), by libphonenumber"},
	{Name: "postal-code", Severity: Error, Basis: BasisSpec, Args: []ArgInfo{{Name: "country", Kind: ParamArg, Default: "country"}},
		Doc: "the postal-code format of the country (the parameter named by country), from Google's address data; any value for a country without postal codes; a code that fits once upper-cased, or once its one missing space or hyphen is put in (exactly one place fits), passes with a warning and that fix"},
	{Name: "postal-prefix", Severity: Error, Basis: BasisBeyond,
		Args: []ArgInfo{{Name: "list", Kind: ListArg, Required: true}, {Name: "by", Kind: ParamArg, Default: "state"}},
		Doc:  "the postal code starts with the code of an item of the list (an error only because no such code exists: a Spanish postal code begins with an INE province code, 01-52); one that belongs to another item than the parameter named by by names is a warning (postal-province)"},
	{Name: "province", Severity: Error, Basis: BasisSpec, Args: []ArgInfo{{Name: "list", Kind: ListArg, Required: true}},
		Doc: "names an item of the list, ignoring case, accents and article order (\"Coruña, A\" = \"A Coruña\"); a spelling other than the item's own passes with a warning and the item's spelling as its fix"},
	{Name: "unchanged", Severity: Error, Basis: BasisSpec,
		Doc: "the value equals the contact's current value (exactly, after trimming and NFC; a country code in any case), when the request carries the contact as it is (current); without it, a warning that this cannot be verified"},
	{Name: "zip-prefix", Severity: Error, Basis: BasisBeyond,
		Args: []ArgInfo{{Name: "zip", Kind: ParamArg, Default: "zipcode"}, {Name: "list", Kind: ListArg, Required: true}},
		Doc:  "the postal code (the parameter named by zip) starts with one of the list's values, when given (an error only because a postal code outside the list provably places the address elsewhere); reported on this field"},
}

func (c CheckInfo) arg(name string) ArgInfo {
	for _, a := range c.Args {
		if a.Name == name {
			return a
		}
	}
	return ArgInfo{}
}

// LookupCheck finds a check by name.
func LookupCheck(name string) (CheckInfo, bool) {
	for _, c := range catalogue {
		if c.Name == name {
			return c, true
		}
	}
	return CheckInfo{}, false
}

// Checks lists the catalogue, sorted by name.
func Checks() []CheckInfo { return append([]CheckInfo(nil), catalogue[:]...) }

func checkNames() []string {
	names := make([]string, len(catalogue))
	for i, c := range catalogue {
		names[i] = c.Name
	}
	return names
}
