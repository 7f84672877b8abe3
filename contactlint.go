package contactlint

import (
	"io/fs"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

// The engine's types, so that callers import this package only. They are
// aliases: go doc shows their methods and fields under package engine
// (go doc github.com/contactlint/contactlint/engine Result), and each is
// summed up here. As names of this package they are covered by its
// stability promise (README, "Versions"), fields and
// methods included.
type (
	// Engine checks requests against compiled rules; immutable and safe
	// for concurrent use. Its methods: Check, CheckInto (into a reused
	// slice, allocation-free), CheckSet, Fix and FixSet (the request with
	// every sure fix applied, and the changes), OfferFixes and
	// OfferSetFixes (the fix values on a result's violations), Explain
	// and Schema (what applies to a kind of request), Commands, Types,
	// TLDs, Files, HasCommand, IsSecret, AuthParams and Warnings.
	Engine = engine.Engine
	// Request is one API call to check: Command, TLDs, Role, Method,
	// Current (the contact as it is, for contacts/modify) and Params in
	// the order they would be sent.
	Request = engine.Request
	// Param is one name=value pair of a request.
	Param = engine.Param
	// Result is the outcome of one request: Command and Violations. OK
	// reports whether no violation is an error; Fields is the API's
	// error map (field key → message); APIResponse is the API's answer
	// as its documentation prints it, APIResponseStyle(Wire) as the live
	// API sends it; APIMessage is its message alone.
	Result = engine.Result
	// Violation is one problem: Field (the API's key), Param, Code (a
	// stable violation code), Severity, Message (the API's wording where
	// known), Fix (a value that passes, when one is sure), Rule (where the
	// rule is declared) and, in a set, Role. AppendJSON writes it as JSON.
	Violation = engine.Violation
	// Severity is Error or Warning.
	Severity = engine.Severity
	// SetRequest is a domain's contact set: a request per role, checked
	// together (Command, TLD, Contacts).
	SetRequest = engine.SetRequest
	// RoleRequest is one contact of a set: its Role and Params.
	RoleRequest = engine.RoleRequest
	// SetResult is the outcome of a set: a RoleResult per contact and the
	// violations of the set as a whole (Set). OK and Violations sum it up.
	SetResult = engine.SetResult
	// RoleResult is one contact's result in a set.
	RoleResult = engine.RoleResult
	// APIStyle chooses how Result.APIResponseStyle escapes the API's JSON.
	APIStyle = engine.APIStyle
	// Change is one value Engine.Fix changed: Param, From, To and Code
	// (the violation it fixes); a secret parameter's change (Secret)
	// carries no value; Dropped is what a fix left out.
	Change = engine.Change
	// Query names a kind of request (command, contact type, TLD, role)
	// for Engine.Explain and Engine.Schema; Explanation is what applies.
	Query       = engine.Query
	Explanation = engine.Explanation
	// CommandInfo describes a command the rules describe (Engine.Commands).
	CommandInfo = engine.CommandInfo
	// Diagnostics is the error New returns when rules do not compile: a
	// list of Diagnostic, each with its file:line:col (Pos), Severity,
	// stable Code and Message. HasErrors, Sorted and Err sum it up.
	Diagnostics = tldspec.Diagnostics
	// Diagnostic is one problem of a rule file.
	Diagnostic = tldspec.Diagnostic
)

// Severities.
const (
	Error   = engine.Error
	Warning = engine.Warning
)

// API answer styles: Plain as the API's documentation prints its answers,
// Wire byte for byte as the live API sends them.
const (
	Plain = engine.Plain
	Wire  = engine.Wire
)

// Option configures New.
type Option func(*config)

type config struct {
	sources []tldspec.Source
	opts    engine.Options
	// unproven: rule files of the caller's are in; they are compiled
	// whole, so that New reports every problem they have.
	unproven bool
	eager    bool
}

// WithRules adds a set of rule files after the embedded ones: a file at
// the same path replaces the embedded file, and a definition with the same
// name (message, field, command, type) replaces the embedded definition.
// name prefixes positions in diagnostics and violations.
func WithRules(name string, fsys fs.FS) Option {
	return func(c *config) {
		c.sources = append(c.sources, tldspec.Source{Name: name, FS: fsys})
		c.unproven = true
	}
}

// WithRulesDir is WithRules for a directory.
func WithRulesDir(dir string) Option { return WithRules(dir, os.DirFS(dir)) }

// WithoutPhoneValidity turns off the check of phone numbers against
// libphonenumber's numbering plans (a warning-level check).
func WithoutPhoneValidity() Option {
	return func(c *config) { c.opts.SkipPhoneValidity = true }
}

// WithClock sets the clock the date checks use ("not in the future"):
// a service that checks requests for another day, or a test, gives its
// own. time.Now by default.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.opts.Now = now }
}

// WithEagerCompile builds every rule set in New rather than on a
// request's first need: a long-running service that wants its first
// requests as fast as the rest pays the whole compile at start. Rules of
// the caller's (WithRules) are always compiled whole.
func WithEagerCompile() Option {
	return func(c *config) { c.eager = true }
}

// New compiles the embedded rules, with the given options, into an Engine.
// The error, when the rules do not compile, is a Diagnostics: every
// problem of the rule files, each with its place.
func New(options ...Option) (*Engine, error) {
	c := &config{sources: []tldspec.Source{{Name: rules.Name, FS: rules.FS()}}}
	for _, o := range options {
		if o != nil { // a nil option is no option
			o(c)
		}
	}
	spec, err := tldspec.Load(engine.Catalog(), c.sources...)
	if err != nil {
		return nil, err
	}
	// The embedded rules are proven to compile without a diagnostic (their
	// tests compile every rule set), so their sets may be built on first
	// use; rules of the caller's are compiled whole, so that New reports
	// every problem they have.
	c.opts.Lazy = !c.unproven && !c.eager
	return engine.Compile(spec, c.opts)
}

// Default returns the engine of the embedded rules, compiling it on first
// use. Later calls return the same engine.
func Default() (*Engine, error) { return defaultEngine() }

var defaultEngine = sync.OnceValues(func() (*Engine, error) { return New() })

// Check checks req with the default engine. Should the embedded rules fail
// to compile (a build defect; tests prevent it), the result holds that
// error as a violation rather than panicking.
func Check(req Request) Result {
	e, err := Default()
	if err != nil {
		return Result{Command: req.Command, Violations: []Violation{{
			Field: "rules", Code: engine.CodeRules, Severity: Error, Message: err.Error(),
		}}}
	}
	return e.Check(req)
}

// CheckSet checks a domain's contact set with the default engine: each
// contact under its role's rules for the TLD, and the rules that span the
// set (.ASIA's details on at least one contact).
func CheckSet(req SetRequest) SetResult {
	e, err := Default()
	if err != nil {
		return SetResult{Set: []Violation{{Field: "rules", Code: engine.CodeRules, Severity: Error, Message: err.Error(), Role: "set"}}}
	}
	return e.CheckSet(req)
}

// RequestOption adds to a request what its parameters cannot say.
type RequestOption func(*Request)

// ForTLD says which domain's rules apply: a TLD (es, com.br), or several
// for a contact that serves several domains.
func ForTLD(tlds ...string) RequestOption { return func(r *Request) { r.TLDs = tlds } }

// AsRole says which role the contact has for the TLD: registrant, admin,
// tech or billing.
func AsRole(role string) RequestOption { return func(r *Request) { r.Role = role } }

// FromValues makes a request of the parameters a service is about to send.
func FromValues(command string, v url.Values, opts ...RequestOption) Request {
	return with(Request{Command: command, Params: engine.ParamsFromValues(v)}, opts)
}

// FromMap makes a request of single-valued parameters.
func FromMap(command string, m map[string]string, opts ...RequestOption) Request {
	return with(Request{Command: command, Params: engine.ParamsFromMap(m)}, opts)
}

func with(r Request, opts []RequestOption) Request {
	for _, o := range opts {
		if o != nil {
			o(&r)
		}
	}
	return r
}
