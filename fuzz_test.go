package contactlint_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

// FuzzCheck: arbitrary parameters (a query string split on & and =, bytes
// kept as they are) under an arbitrary command, TLD and role never panic,
// checking the same request twice gives the same result, and so does the
// request written in reverse (parameters of one name kept in their order:
// the API reads the first).
func FuzzCheck(f *testing.F) {
	f.Add("contacts/add", "es", "admin", "type=EsContact&company=X&attr-name1=es_form_juridica&attr-value1=1&state=Coruña, A&zipcode=15001&country=ES")
	f.Add("contacts/add", "BR", "registrant", "type=BrContact")
	f.Add("contacts/add", "", "", "name=Test User&company=Example Inc&email=test@example.com&address-line-1=1 Main Street&city=Springfield&country=US&zipcode=ABCDE&phone-cc=999&phone=2175550123&customer-id=12345&type=Contact")
	f.Add("", "", "", "name=Ada&country=gb&zipcode=sw1a 1aa&phone-cc=+44&phone=020 7946 0000&attr-name1=kpp&type=EuContact&type=Contact")
	f.Add("contacts/ad", "", "", "x=1")
	f.Add("/api/contacts/add.json", ".xx", "owner", "attr-value7=x&attr-name7=&auth-userid=a&api-key=")
	f.Add("contacts/add", "es,jobs", "", "attr-name01=title&attr-value1=x&attr-name+2=y&name=Hans\u00a0Muster&type=AtContact&zipcode=627011234&country=us")
	f.Add("contacts/set-details", "uss", "", "product-key=dotcoop&attr-name1=sponsor&attr-value1=1&contact-id=9999999999")
	f.Add("contacts/modify", "at,ru", "registrant", "contact-id=1&name=e\u0301&country=ru&type=UkServiceContact")
	f.Add("contacts/add", "nl", "", "attr-name2=legalForm&attr-value2=BV&attr-name1=legalForm&attr-value1=PERSOON&type=NlContact")
	f.Add("contacts/add", "es", "registrant", "type=EsContact&attr-name4=es_form_juridica&attr-value4=612&attr-name1=es_form_juridica&attr-value1=1&attr-name0=sponsor1&attr-value0=&attr-name11=es_form_juridica&attr-value11=x")
	e, err := contactlint.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, command, tld, role, query string) {
		req := contactlint.Request{Command: command, TLDs: strings.Split(tld, ","), Role: role}
		for _, kv := range strings.Split(query, "&") {
			name, value, _ := strings.Cut(kv, "=")
			req.Params = append(req.Params, contactlint.Param{Name: name, Value: value})
		}
		a, b := e.Check(req), e.Check(req)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two checks differ:\n%+v\n%+v", a, b)
		}
		if a.OK() != (a.APIResponse() == nil) {
			t.Fatalf("OK %v but response %s", a.OK(), a.APIResponse())
		}
		if len(req.Params) <= engine.MaxParams { // beyond, which are checked depends on the order
			rev := req
			rev.Params = reversed(req.Params)
			if c := e.Check(rev); !reflect.DeepEqual(a, c) {
				t.Fatalf("the request in reverse is judged otherwise:\n%+v\n%+v", a, c)
			}
		}
	})
}

// reversed is params in reverse order, except that the values of each
// name keep their order.
func reversed(params []contactlint.Param) []contactlint.Param {
	out := make([]contactlint.Param, len(params))
	for i, p := range params {
		out[len(params)-1-i] = p
	}
	byName := map[string][]string{}
	for _, p := range params {
		byName[p.Name] = append(byName[p.Name], p.Value)
	}
	for i := range out {
		vals := byName[out[i].Name]
		out[i].Value, byName[out[i].Name] = vals[0], vals[1:]
	}
	return out
}
