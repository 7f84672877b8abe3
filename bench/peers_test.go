package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/nyaruka/phonenumbers/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

// The requests: a valid Contact, and one with five errors (e-mail,
// postal code, calling code, fax digits, customer id).
var (
	valid = map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "address-line-2": "Suite 100", "city": "Springfield",
		"state": "Illinois", "country": "US", "zipcode": "62701", "phone-cc": "1",
		"phone": "2175550123", "fax-cc": "1", "fax": "2175550199", "customer-id": "12345", "type": "Contact",
	}
	invalid = with(valid, map[string]string{"email": "test@example", "zipcode": "ABCDE", "phone-cc": "999", "fax": "21", "customer-id": "x12345"})
)

func with(base, over map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// contact is the request as a struct with go-playground/validator tags for
// the same constraints, as far as tags say them: the calling code can only
// be "1 to 3 digits", not "assigned".
type contact struct {
	Name       string `validate:"required,max=255"`
	Company    string `validate:"required,max=255"`
	Email      string `validate:"required,email"`
	Address1   string `validate:"required,max=64"`
	Address2   string `validate:"max=64"`
	City       string `validate:"required,max=64"`
	State      string `validate:"max=64"`
	Country    string `validate:"required,iso3166_1_alpha2"`
	Zipcode    string `validate:"required,postcode_iso3166_alpha2_field=Country"`
	PhoneCC    string `validate:"required,numeric,min=1,max=3"`
	Phone      string `validate:"required,numeric,min=4,max=12"`
	FaxCC      string `validate:"omitempty,numeric,min=1,max=3"`
	Fax        string `validate:"omitempty,numeric,min=4,max=12"`
	CustomerID string `validate:"required,numeric"`
	Type       string `validate:"required,oneof=Contact AtContact BrContact BrOrgContact CaContact ClContact CnContact CoContact CoopContact DeContact EsContact FrContact EuContact MxContact NlContact NycContact RuContact UkContact UkServiceContact"`
}

func toContact(m map[string]string) contact {
	return contact{m["name"], m["company"], m["email"], m["address-line-1"], m["address-line-2"], m["city"], m["state"],
		m["country"], m["zipcode"], m["phone-cc"], m["phone"], m["fax-cc"], m["fax"], m["customer-id"], m["type"]}
}

func request(m map[string]string) contactlint.Request {
	return contactlint.FromMap("contacts/add", m)
}

// peer is a library under comparison: prepare turns a request into its
// input (outside the timed loop, as a service has its data in its own
// shape already), check returns the field of each error found.
type peer struct {
	name    string
	prepare func(m map[string]string) any
	check   func(in any) []string
}

func peers(tb testing.TB) []peer {
	eng, err := contactlint.New()
	if err != nil {
		tb.Fatal(err)
	}
	v := validator.New(validator.WithRequiredStructEnabled())
	schemaJSON, err := eng.Schema(engine.Query{Command: "contacts/add"})
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("contacts-add.json", doc); err != nil {
		tb.Fatal(err)
	}
	sch, err := c.Compile("contacts-add.json")
	if err != nil {
		tb.Fatal(err)
	}
	return []peer{
		{"contactlint", func(m map[string]string) any { return request(m) }, func(in any) []string {
			var fields []string
			for _, viol := range eng.Check(in.(contactlint.Request)).Violations {
				if viol.Severity == contactlint.Error {
					fields = append(fields, viol.Field)
				}
			}
			return fields
		}},
		{"validator", func(m map[string]string) any { c := toContact(m); return &c }, func(in any) []string {
			var fields []string
			if verrs, ok := v.Struct(in.(*contact)).(validator.ValidationErrors); ok {
				for _, e := range verrs {
					fields = append(fields, e.Field())
				}
			}
			return fields
		}},
		{"jsonschema", func(m map[string]string) any {
			b, _ := json.Marshal(m)
			inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			return inst
		}, func(in any) []string {
			err := sch.Validate(in)
			if err == nil {
				return nil
			}
			return leaves(err.(*jsonschema.ValidationError), nil)
		}},
	}
}

// leaves lists the instance location of each of a jsonschema error's
// innermost causes: the problems found, and where.
func leaves(e *jsonschema.ValidationError, out []string) []string {
	if len(e.Causes) == 0 {
		return append(out, "/"+strings.Join(e.InstanceLocation, "/"))
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// Each peer passes the valid request, and the test prints how many of the
// invalid one's five errors it finds; contactlint must find all five.
func TestPeersFind(t *testing.T) {
	for _, p := range peers(t) {
		if errs := p.check(p.prepare(valid)); len(errs) != 0 {
			t.Errorf("%s: %d errors on the valid request: %v", p.name, len(errs), errs)
		}
		errs := p.check(p.prepare(invalid))
		fields := slices.Compact(slices.Sorted(slices.Values(errs)))
		t.Logf("%s finds %d errors on %d of the invalid request's 5 wrong fields: %v", p.name, len(errs), len(fields), errs)
		if p.name == "contactlint" && (len(errs) != 5 || len(fields) != 5) {
			t.Errorf("contactlint finds %d errors on %d fields of 5", len(errs), len(fields))
		}
	}
}

func BenchmarkPeers(b *testing.B) {
	for _, p := range peers(b) {
		for name, m := range map[string]map[string]string{"valid": valid, "invalid": invalid} {
			in := p.prepare(m)
			b.Run(fmt.Sprintf("%s/%s", p.name, name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p.check(in)
				}
			})
		}
	}
}

// Phone-number validity: libphonenumber's own IsValidNumber against the
// automata contactlint compiles from the same metadata.
func BenchmarkPhoneValidity(b *testing.B) {
	eng, err := contactlint.New()
	if err != nil {
		b.Fatal(err)
	}
	req := request(valid)
	eng.Check(req) // compile +1's plan
	b.Run("phonenumbers.IsValidNumber", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n, err := phonenumbers.Parse("+12175550123", "")
			if err != nil || !phonenumbers.IsValidNumber(n) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("contactlint.Check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			eng.Check(req)
		}
	})
}
