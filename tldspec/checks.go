package tldspec

// CheckInfo describes a named check that rule files may use. The engine
// implements each one; a rule file naming any other is a diagnostic.
type CheckInfo struct {
	Name     string
	Severity Severity // unless the rule file says otherwise
	Args     []string // the options it takes
	Doc      string
}

var catalogue = [...]CheckInfo{
	{Name: "calling-code", Severity: Error,
		Doc: "an assigned ITU country calling code (libphonenumber), non-geographic codes included"},
	{Name: "country", Severity: Error,
		Doc: "an ISO 3166-1 alpha-2 code; reserved codes in use (XK, AC, TA, ...) and lower case pass with a warning"},
	{Name: "email", Severity: Error,
		Doc: "an e-mail address: local part, @, and a domain with at least two labels"},
	{Name: "phone-number", Severity: Warning, Args: []string{"cc"},
		Doc: "a number valid for its calling code (the parameter named by cc), by libphonenumber"},
	{Name: "postal-code", Severity: Error, Args: []string{"country"},
		Doc: "the postal-code format of the country (the parameter named by country), from Google's address data; any value for a country without postal codes"},
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
