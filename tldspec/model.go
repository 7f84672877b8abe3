package tldspec

import (
	"regexp"
	"slices"
	"strings"
)

// Opt is a property a rule file may set, with where it was set and on
// what grounds (Basis). Overlays replace only what they set.
type Opt[T any] struct {
	V     T
	Pos   Pos
	Set   bool
	Basis Basis // for a rule's property: why it holds; "" reads as BasisSpec
}

// Or returns the value when set, and def otherwise.
func (o Opt[T]) Or(def T) T {
	if o.Set {
		return o.V
	}
	return def
}

func set[T any](v T, pos Pos) Opt[T] { return Opt[T]{V: v, Pos: pos, Set: true} }

// Basis says why a rule holds, so that its severity can be judged: an
// error is only for what the API certainly refuses.
type Basis string

const (
	// BasisSpec: the spec states it (a documented length, list, type or
	// refusal). The default.
	BasisSpec Basis = "spec"
	// BasisObserved: the live API was seen answering so in public
	// material.
	BasisObserved Basis = "observed"
	// BasisBeyond: beyond the spec's words — a value provably invalid
	// (a failed check digit, a code that does not exist), or, for a
	// warning, good practice the spec does not ask for.
	BasisBeyond Basis = "beyond-spec"
)

// Bases lists the values a rule file may give as basis.
func Bases() []string { return []string{string(BasisSpec), string(BasisObserved), string(BasisBeyond)} }

// Or is b, or def when b is not given.
func (b Basis) Or(def Basis) Basis {
	if b == "" {
		return def
	}
	return b
}

// Provenance says where a message's wording comes from.
type Provenance string

const (
	// Seed wording is quoted in the API documentation (../spec).
	Seed Provenance = "seed"
	// Observed wording was seen from the live API in public material.
	Observed Provenance = "observed"
	// Ours is written in the API's style where its wording is unknown.
	Ours Provenance = "ours"
)

// Message is one entry of the message catalogue. Text may hold the
// placeholders {param}, {key}, {label}, {min}, {max} and {command}.
type Message struct {
	Code   string
	Text   string
	Source Provenance
	Ref    string // where the wording was seen, for seed and observed
	// Severity, when set, is the severity of every violation carrying
	// this code: the catalogue files the code under it, and a rule that
	// gives the code another severity is a diagnostic.
	Severity Opt[Severity]
	Pos      Pos
}

// Auth names the authentication parameters every command accepts.
type Auth struct {
	User   Opt[string]
	Secret []Opt[string] // any one of them
	Pos    Pos
}

// Range is an inclusive bound on a count.
type Range struct{ Min, Max int }

// Pattern is a regular expression a whole value must match.
type Pattern struct {
	Source string         // as written
	Re     *regexp.Regexp // anchored: ^(?:Source)$
}

// Field describes one API parameter: its internal key, its label for
// messages and the constraints on its value. The same type carries a
// command's or a contact type's overrides, which set only some properties.
type Field struct {
	Param     string
	Key       Opt[string] // the API's internal key (zipcode -> zip); default Param
	Label     Opt[string] // used in messages; default Key
	Doc       Opt[string]
	Type      Opt[string] // string (default), integer or boolean
	MinLength Opt[int]
	MaxLength Opt[int]
	Digits    Opt[Range]
	MinWords  Opt[int]
	OneOf     Opt[[]string]
	InList    Opt[string] // the value is an item of this list
	Pattern   Opt[Pattern]
	Tag       Opt[string] // a go-playground/validator tag
	Message   Opt[string] // message code for every error on this field
	Checks    []Check
	// Basis is the entry's basis as written (basis:); it is stamped on
	// every property and check the entry sets.
	Basis Opt[Basis]
	Pos   Pos
}

// Check is a named check of the catalogue Load was given, with options.
type Check struct {
	Name     string
	Severity Opt[Severity]
	Message  Opt[string]
	// Basis is the check's own, or its entry's; when neither gives one,
	// the catalogue's default (CheckInfo.Basis).
	Basis Opt[Basis]
	Args  []Arg
	Pos   Pos
	// info is the check's declaration, set when Load resolves the check.
	info *CheckInfo
}

// Arg is a named option of a check: a parameter name, a list name, or
// values, as the catalogue declares.
type Arg struct {
	Name   string
	Values []string // one value, unless the option takes several
	Pos    Pos
	// Where the value is, and whether it was written as a list.
	valuePos Pos
	list     bool
}

// Value is the arg's first value.
func (a Arg) Value() string {
	if len(a.Values) == 0 {
		return ""
	}
	return a.Values[0]
}

// Key identifies a check within a field: its name and options, so that a
// field may hold the same check twice with other options, and an overlay's
// check replaces the one with the same name and options.
func (c *Check) Key() string {
	k := c.Name
	args := slices.Clone(c.Args)
	slices.SortFunc(args, func(a, b Arg) int { return strings.Compare(a.Name, b.Name) })
	for _, a := range args {
		k += "\x00" + a.Name + "=" + strings.Join(a.Values, "\x01")
	}
	return k
}

// Arg returns the named option, if given.
func (c *Check) Arg(name string) (Arg, bool) {
	for _, a := range c.Args {
		if a.Name == name {
			return a, true
		}
	}
	return Arg{}, false
}

// ArgValue is the named option's value and position, or, when the check
// does not give it, the catalogue's default and the check's position.
func (c *Check) ArgValue(name string) (string, Pos) {
	if a, ok := c.Arg(name); ok {
		return a.Value(), a.Pos
	}
	if c.info != nil {
		if a, ok := c.info.arg(name); ok {
			return a.Default, c.Pos
		}
	}
	return "", c.Pos
}

// Param is a command's parameter: a field (or overrides of the global
// field of the same name) and whether it must, may or must not be passed.
// Overlays use the same type to refine a parameter.
type Param struct {
	Field
	Required  Opt[bool]
	Forbidden Opt[bool] // passing it at all is an error
	// Discouraged: passing it is a warning (the spec asks not to, without
	// saying the API refuses it), with its own message when given
	// (discouraged: {message: code}): the field's message words errors.
	Discouraged        Opt[bool]
	DiscouragedMessage Opt[string]
	// Recommended: leaving it out is a warning (the spec asks for it
	// where the API's refusal is not certain), with its own message when
	// given (recommended: {message: code}). Required outranks it.
	Recommended        Opt[bool]
	RecommendedMessage Opt[string]
	Repeat             Opt[bool]
	// Aliases, for an attribute, are other names clients send for it (an
	// older name in the API's documentation): they count as the attribute,
	// with a warning whose fix is its name.
	Aliases Opt[[]string]
	// Inherit false: the parameter does not take the global field of its
	// name (a search filter is not a contact's value).
	Inherit Opt[bool]
}

// Command is one API call, named by its path without ".json"
// (contacts/add). Params are in the order the API documents them: the
// order in which a missing parameter is reported.
type Command struct {
	Name        string
	Method      Opt[string]
	Doc         Opt[string]
	ContactType Opt[string] // the parameter whose value selects a contact type
	// CurrentType names the key of the contact's current details
	// (Request.Current) whose value is its contact type, for a command
	// that changes an existing contact (contacts/modify).
	CurrentType Opt[string]
	Attrs       Opt[bool] // accepts attr-nameN/attr-valueN pairs
	// AttrsRequired: at least one complete attr-nameN/attr-valueN pair
	// must be given (the spec lists both as Required).
	AttrsRequired Opt[bool]
	// TLDFrom names the parameter whose values (product keys) select the
	// TLD rules, instead of the envelope's TLD.
	TLDFrom Opt[string]
	// Open: the spec documents no parameters beyond authentication, so
	// others are not reported as unknown.
	Open       Opt[bool]
	Deprecated *Deprecation
	Params     []*Param
	// TLDs are overlays for this command only, by TLD name (the modify
	// restrictions of .AT, .ES, .NYC and .RU).
	TLDs []*TLD
	Pos  Pos
}

// Deprecation is the API's answer to a deprecated call: the whole message,
// as for a missing parameter, and whether it is an error (the API refuses
// the call) or a warning.
type Deprecation struct {
	Message  Opt[string]
	Severity Opt[Severity]
	Pos      Pos
}

// Overlay refines the parameters of a request in some circumstance: its
// contact type, its TLD, the contact's role, or a condition on its values.
type Overlay struct {
	Doc    Opt[string]
	Fields []*Param
	// Attrs are the extra details (attr-nameN/attr-valueN) the overlay
	// declares or refines, by attribute name.
	Attrs []*Param
	// When holds overlays that apply only when their condition holds.
	When []*Conditional
	Pos  Pos
}

// Conditional is an overlay applied when If holds for the request.
type Conditional struct {
	If Condition
	Overlay
}

// Condition tests one value of the request: an attribute (attr-nameN's
// value names it) or a parameter. With Is, it holds when the value is one
// of them ("" stands for a value not given); with IsNot, when the value is
// given and is none of them; with In or NotIn, when the value is given and
// is (is not) an item of the named list.
type Condition struct {
	Attr  string
	Param string
	Is    []string
	IsNot []string
	In    string
	NotIn string
	Pos   Pos
}

// Roles a contact can have in a domain's contact set.
var roles = [...]string{"registrant", "admin", "tech", "billing"}

// NumRoles is how many contact roles there are.
const NumRoles = len(roles)

// Roles lists the contact roles: registrant, admin, tech, billing.
func Roles() []string { return append([]string(nil), roles[:]...) }

// RoleIndex numbers a role as Roles orders them, from 1; 0 for "", -1
// for a word that is not a role.
func RoleIndex(r string) int {
	if r == "" {
		return 0
	}
	for i, name := range roles {
		if name == r {
			return i + 1
		}
	}
	return -1
}

// RoleOverlay is an overlay for contacts in one role.
type RoleOverlay struct {
	Role string
	Overlay
}

// ContactType is the overlay for one value of the contact-type parameter
// (EuContact, RuContact, ...), and for its roles.
type ContactType struct {
	Name string
	Overlay
	Roles []*RoleOverlay
}

// TLD is the overlay for requests whose envelope names this TLD, and for
// its roles.
type TLD struct {
	Name       string
	ProductKey Opt[string] // the API's product key (dotes, domus, ...)
	Overlay
	Roles []*RoleOverlay
	// Set holds rules on a domain's whole contact set.
	Set []SetRule
}

// SetRule is a rule on a domain's contact set: OneHas names attributes
// that at least one contact must carry.
type SetRule struct {
	OneHas []string
	Pos    Pos
}

// List is named data that checks refer to: the Spanish provinces, the
// ZIP prefixes of New York City.
type List struct {
	Name  string
	Doc   Opt[string]
	Items []ListItem
	// Include names lists whose items this one also holds, after its
	// own; Load resolves them into Items.
	Include []Opt[string]
	Pos     Pos
}

// ListItem is one entry: its value as the API spells it, an optional code
// (a province's INE number) and other spellings that mean it.
type ListItem struct {
	Value   string
	Code    string
	Class   string // a kind the item belongs to (individual, non-individual)
	Aliases []string
	Pos     Pos
}

// Spec is every rule file merged: the input of engine.Compile.
type Spec struct {
	Files []string // as loaded, with their source's name: rules/contacts.yaml
	Sections
	// Warnings are diagnostics that did not stop the load.
	Warnings Diagnostics

	messages map[string]*Message
	fields   map[string]*Field
	commands map[string]*Command
	types    map[string]*ContactType
	tlds     map[string]*TLD
	lists    map[string]*List
	sevs     map[string]*SeverityRule
}

// Message looks up a catalogue entry by code.
func (s *Spec) Message(code string) (*Message, bool) { m, ok := s.messages[code]; return m, ok }

// Field looks up a global field by parameter name.
func (s *Spec) Field(param string) (*Field, bool) { f, ok := s.fields[param]; return f, ok }

// Command looks up a command by name.
func (s *Spec) Command(name string) (*Command, bool) { c, ok := s.commands[name]; return c, ok }

// Type looks up a contact type by name.
func (s *Spec) Type(name string) (*ContactType, bool) { t, ok := s.types[name]; return t, ok }

// TLD looks up a TLD by name, without the dot.
func (s *Spec) TLD(name string) (*TLD, bool) { t, ok := s.tlds[name]; return t, ok }

// List looks up a list by name.
func (s *Spec) List(name string) (*List, bool) { l, ok := s.lists[name]; return l, ok }
func stamp[T any](o *Opt[T], b Basis) {
	if o.Set {
		o.Basis = b
	}
}

func mergeOpt[T any](dst *Opt[T], src Opt[T]) {
	if src.Set {
		*dst = src
	}
}
