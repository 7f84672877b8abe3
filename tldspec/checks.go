package tldspec

import "slices"

// CheckInfo declares a named check that rule files may use. The engine
// declares each beside its implementation and gives the list to Load as a
// Catalog: a rule file naming any other check, or an option the check
// does not declare, is a diagnostic.
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

// ArgInfo declares an option of a check.
type ArgInfo struct {
	Name     string
	Kind     ArgKind
	Default  string // for a param: the parameter used when none is named
	Required bool
	// Valid, when set, judges each value given: nil for one the check
	// takes, otherwise what is wrong with it.
	Valid func(v string) error
	// ValidList, when set, judges the list a ListArg names: nil, or where
	// and what is wrong with it for this check.
	ValidList func(l *List) (Pos, error)
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
	// ValueArg is one value.
	ValueArg
)

// Catalog is what rule files may use beyond their own definitions: the
// named checks, and which validator tags the engine runs. Load holds the
// rule files to it.
type Catalog struct {
	Checks []CheckInfo
	// Tag, when set, judges a field's go-playground/validator tag: nil
	// for one the engine can run.
	Tag func(tag string) error
}

// Lookup finds a check by name.
func (c Catalog) Lookup(name string) (*CheckInfo, bool) {
	i := slices.IndexFunc(c.Checks, func(ci CheckInfo) bool { return ci.Name == name })
	if i < 0 {
		return nil, false
	}
	return &c.Checks[i], true
}

// Names lists the checks' names, in catalogue order.
func (c Catalog) Names() []string {
	names := make([]string, len(c.Checks))
	for i := range c.Checks {
		names[i] = c.Checks[i].Name
	}
	return names
}

func (c *CheckInfo) arg(name string) (ArgInfo, bool) {
	for _, a := range c.Args {
		if a.Name == name {
			return a, true
		}
	}
	return ArgInfo{}, false
}

func (c *CheckInfo) argNames() []string {
	names := []string{"basis", "message", "severity"} // every check's
	for _, a := range c.Args {
		names = append(names, a.Name)
	}
	return names
}
