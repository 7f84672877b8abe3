package tldspec

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testChecks is a catalogue of the shapes checks take, for this package's
// tests; the engine's own is engine.Catalog.
var testChecks = Catalog{Checks: []CheckInfo{
	{Name: "email", Severity: Error, Basis: BasisSpec, Doc: "an e-mail address"},
	{Name: "phone-number", Severity: Warning, Basis: BasisBeyond, Args: []ArgInfo{{Name: "cc", Kind: ParamArg, Default: "phone-cc"}}, Doc: "a number valid for cc"},
	{Name: "postal-code", Severity: Error, Basis: BasisSpec, Args: []ArgInfo{{Name: "country", Kind: ParamArg, Default: "country"}}, Doc: "a postal code of country"},
	{Name: "province", Severity: Error, Basis: BasisSpec, Args: []ArgInfo{{Name: "list", Kind: ListArg, Required: true}}, Doc: "an item of list"},
	{Name: "coded", Severity: Error, Basis: BasisSpec, Doc: "format, schemes and a list of coded items",
		Args: []ArgInfo{
			{Name: "format", Kind: ValueArg, Valid: func(v string) error {
				if v != "YYYY" {
					return errors.New("not YYYY")
				}
				return nil
			}},
			{Name: "schemes", Kind: ValuesArg},
			{Name: "list", Kind: ListArg, ValidList: func(l *List) (Pos, error) {
				for _, it := range l.Items {
					if it.Code == "" {
						return it.Pos, errors.New("every item needs a code")
					}
				}
				return Pos{}, nil
			}},
		}},
}}

// A check's options are held to its declaration when the spec is loaded:
// its values (Valid), the lists it names (ValidList), one value where it
// takes one; and ArgValue gives a declared default.
func TestCheckDeclarations(t *testing.T) {
	load := func(fields string) error {
		src := "version: 1\nmessages:\n  required: {text: r, source: ours}\n  invalid: {text: i, source: ours}\nlists:\n  plain: {items: [a, b]}\n  coded: {items: [{value: a, code: \"1\"}]}\nfields:\n" + fields
		_, err := Load(testChecks, Source{Name: "r", FS: fstest.MapFS{"f.yaml": {Data: []byte(src)}}})
		return err
	}
	codes := func(err error) []string {
		var out []string
		for _, d := range err.(Diagnostics) {
			out = append(out, d.Pos.String()+" "+d.Code)
		}
		return out
	}
	require.NoError(t, load("  f:\n    checks: [{coded: {format: YYYY, schemes: [x, y], list: coded}}]\n"))
	err := load("  f:\n    checks: [{coded: {format: MM, list: plain}}]\n")
	assert.Equal(t, []string{"r/f.yaml:6:19 bad-list", "r/f.yaml:10:31 bad-option"}, codes(err))
	err = load("  f:\n    checks: [{coded: {format: [YYYY]}}]\n")
	assert.Equal(t, []string{"r/f.yaml:10:31 wrong-type"}, codes(err))
	err = load("  f:\n    checks: [{coded: {fromat: YYYY}}, emial]\n")
	assert.Equal(t, []string{"r/f.yaml:10:23 unknown-key", "r/f.yaml:10:39 unknown-check"}, codes(err))
	assert.Contains(t, err.Error(), `did you mean "format"?`)
	assert.Contains(t, err.Error(), `did you mean "email"?`)

	spec, err := Load(testChecks, Source{Name: "r", FS: fstest.MapFS{"f.yaml": {Data: []byte("version: 1\nmessages:\n  required: {text: r, source: ours}\n  invalid: {text: i, source: ours}\nfields:\n  phone:\n    checks: [phone-number, {phone-number: {cc: cc2}}]\n")}}})
	require.NoError(t, err)
	f, _ := spec.Field("phone")
	v, _ := f.Checks[0].ArgValue("cc")
	assert.Equal(t, "phone-cc", v, "the declared default")
	v, _ = f.Checks[1].ArgValue("cc")
	assert.Equal(t, "cc2", v)
}
