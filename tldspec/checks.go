package tldspec

// CheckInfo describes a named check that rule files may use. The engine
// implements each one; a rule file naming any other is a diagnostic.
type CheckInfo struct {
	Name     string
	Severity Severity // unless the rule file says otherwise
	Args     []ArgInfo
	Doc      string
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
	{Name: "calling-code", Severity: Error,
		Doc: "an assigned ITU country calling code (libphonenumber), non-geographic codes included"},
	{Name: "country", Severity: Error,
		Doc: "an ISO 3166-1 alpha-2 code; reserved codes in use (XK, AC, TA, ...) and lower case pass with a warning"},
	{Name: "email", Severity: Error,
		Doc: "an e-mail address: local part, @, and a domain with at least two labels"},
	{Name: "national-id", Severity: Error,
		Args: []ArgInfo{{Name: "scheme", Kind: ValuesArg, Required: true}, {Name: "warn", Kind: ValuesArg}, {Name: "if-length", Kind: ValuesArg}},
		Doc:  "a national ID number valid in one of the schemes (es-nif, es-nie, ru-inn10, ru-inn12, ru-kpp, ru-kpp-letters, br-cpf, br-cnpj, cn-uscc); valid in a warn scheme passes with a warning; with if-length, only values of those lengths are judged; separators pass with a warning and the compact form as fix"},
	{Name: "param-value", Severity: Error,
		Args: []ArgInfo{{Name: "param", Kind: ParamArg, Required: true}, {Name: "is", Kind: ValuesArg, Required: true}},
		Doc:  "another parameter (param) has one of the values given (is); reported on this field"},
	{Name: "past-date", Severity: Error, Args: []ArgInfo{{Name: "format", Kind: ValuesArg, Required: true}},
		Doc: "a real date in the format (DD.MM.YYYY, YYYY-MM-DD or DD/MM/YYYY), not in the future"},
	{Name: "phone-number", Severity: Warning, Args: []ArgInfo{{Name: "cc", Kind: ParamArg, Default: "phone-cc"}},
		Doc: "a number valid for its calling code (the parameter named by cc), by libphonenumber"},
	{Name: "postal-code", Severity: Error, Args: []ArgInfo{{Name: "country", Kind: ParamArg, Default: "country"}},
		Doc: "the postal-code format of the country (the parameter named by country), from Google's address data; any value for a country without postal codes"},
	{Name: "postal-prefix", Severity: Error,
		Args: []ArgInfo{{Name: "list", Kind: ListArg, Required: true}, {Name: "by", Kind: ParamArg, Default: "state"}},
		Doc:  "the postal code starts with the code of an item of the list, and with the code of the item the parameter named by by names, when it names one"},
	{Name: "province", Severity: Error, Args: []ArgInfo{{Name: "list", Kind: ListArg, Required: true}},
		Doc: "names an item of the list, ignoring case, accents and article order (\"Coruña, A\" = \"A Coruña\"); a spelling other than the item's own passes with a warning and the item's spelling as its fix"},
	{Name: "unchanged", Severity: Error,
		Doc: "the value equals the contact's current value, when the request carries the contact as it is (current); without it, a warning that this cannot be verified"},
	{Name: "zip-prefix", Severity: Error,
		Args: []ArgInfo{{Name: "zip", Kind: ParamArg, Default: "zipcode"}, {Name: "list", Kind: ListArg, Required: true}},
		Doc:  "the postal code (the parameter named by zip) starts with one of the list's values; reported on this field"},
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
