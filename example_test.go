package contactlint_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing/fstest"
	"time"

	"github.com/contactlint/contactlint"
)

// Check the exact request a service is about to send: every problem at
// once, in the API's own words.
func ExampleCheck() {
	v := url.Values{}
	v.Set("name", "Test User")
	v.Set("company", "Example Inc")
	v.Set("email", "test@example.com")
	v.Set("address-line-1", "1 Main Street")
	v.Set("city", "Springfield")
	v.Set("country", "US")
	v.Set("zipcode", "ABCDE")
	v.Set("phone-cc", "999")
	v.Set("phone", "2175550123")
	v.Set("customer-id", "12345")
	v.Set("type", "Contact")

	res := contactlint.Check(contactlint.FromValues("contacts/add", v))
	fmt.Println(res.OK())
	fmt.Println(string(res.APIResponse()))
	for _, viol := range res.Violations {
		fmt.Printf("%s (%s): %s [%s at %s]\n", viol.Field, viol.Param, viol.Message, viol.Code, viol.Rule)
	}
	// Output:
	// false
	// {"status":"ERROR","message":"{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}"}
	// zip (zipcode): Postal Code is invalid [postal-code at rules/fields.yaml:63:9]
	// telnocc (phone-cc): TelephoneNo Country Code is invalid [calling-code at rules/fields.yaml:69:14]
}

// A missing parameter is answered as the API answers it: the whole message.
func ExampleCheck_missingParameter() {
	res := contactlint.Check(contactlint.FromMap("contacts/add", map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield", "country": "US",
		"zipcode": "62701", "phone-cc": "1", "phone": "2175550123", "type": "Contact",
	}))
	fmt.Println(string(res.APIResponse()))
	// Output:
	// {"status":"ERROR","message":"Required parameter missing: customer-id"}
}

// A Go value works too; warnings carry fixes and never enter the API's
// answer.
func ExampleContact_Request() {
	c := contactlint.Contact{
		Name: "Ada Lovelace", Company: "Analytical Engines Ltd", Email: "ada@example.co.uk",
		AddressLine1: "12 St James's Square", City: "London", Country: "gb",
		Zipcode: "sw1y 4lb", PhoneCC: "44", Phone: "2079460000", CustomerID: "1001", Type: "Contact",
	}
	res := contactlint.Check(c.Request())
	fmt.Println(res.OK(), res.APIResponse() == nil)
	for _, v := range res.Violations {
		fmt.Printf("%s %s: %s -> %q\n", v.Severity, v.Field, v.Message, v.Fix)
	}
	// Output:
	// true true
	// warning country: Country should be an upper-case ISO 3166-1 code -> "GB"
	// warning zip: Postal Code should be written in upper case -> "SW1Y 4LB"
}

// The live API's bytes, for answering in its place: its JSON writer
// escapes "=" as \u003d.
func ExampleResult_wire() {
	res := contactlint.Check(contactlint.FromMap("contacts/add", map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield", "country": "US",
		"zipcode": "62701", "phone-cc": "999", "phone": "2175550123", "customer-id": "12345", "type": "Contact",
	}))
	fmt.Println(string(res.APIResponseStyle(contactlint.Wire)))
	// Output:
	// {"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid}"}
}

// Rule files of your own add to or override the embedded ones, without a
// fork: here a stricter city limit and another wording for the zip error.
func ExampleNew() {
	mine := fstest.MapFS{"mine.yaml": {Data: []byte(`version: 1
messages:
  zip-invalid: {text: "ZIP code is not valid", source: ours}
fields:
  city: {label: City, max-length: 10}
`)}}
	e, err := contactlint.New(contactlint.WithRules("mine", mine))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := e.Check(contactlint.FromMap("contacts/add", map[string]string{
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield Heights", "country": "US",
		"zipcode": "ABCDE", "phone-cc": "1", "phone": "2175550123", "customer-id": "1", "type": "Contact",
	}))
	fmt.Println(string(res.APIResponse()))
	// Output:
	// {"status":"ERROR","message":"{zip=ZIP code is not valid, city=City cannot be longer than 10 characters}"}
}

// Plug Transport into the http.Client that talks to the API: a request the
// API would refuse is answered at once, as the API would answer it, and
// never sent. (The test server stands for https://httpapi.com.)
func ExampleTransport() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "87654321") // the new contact's id
	}))
	defer api.Close()
	client := &http.Client{Transport: &contactlint.Transport{}}

	v := url.Values{}
	v.Set("name", "Test User")
	v.Set("company", "Example Inc")
	v.Set("email", "test@example.com")
	v.Set("address-line-1", "1 Main Street")
	v.Set("city", "Springfield")
	v.Set("country", "US")
	v.Set("phone-cc", "1")
	v.Set("phone", "2175550123")
	v.Set("customer-id", "12345")
	v.Set("type", "Contact")
	for _, zip := range []string{"62701", "ABCDE"} {
		v.Set("zipcode", zip)
		resp, err := client.PostForm(api.URL+"/api/contacts/add.json", v)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	// Output:
	// 200 87654321
	// 500 {"status":"ERROR","message":"{zip\u003dPostal Code is invalid}"}
}

// A contact for a .ES domain's registrant is checked under .ES's rules: the
// Spanish details the registry needs, as attr-nameN/attr-valueN.
func ExampleFromValues_forTLD() {
	v := url.Values{}
	v.Set("name", "Ana García")
	v.Set("company", "N/A")
	v.Set("email", "ana@example.es")
	v.Set("address-line-1", "Calle Mayor 1")
	v.Set("city", "Madrid")
	v.Set("country", "ES")
	v.Set("zipcode", "28013")
	v.Set("phone-cc", "34")
	v.Set("phone", "912345678")
	v.Set("customer-id", "12345")
	v.Set("type", "Contact")

	res := contactlint.Check(contactlint.FromValues("contacts/add", v, contactlint.ForTLD("es"), contactlint.AsRole("registrant")))
	for _, viol := range res.Violations {
		fmt.Printf("%s %s: %s\n", viol.Severity, viol.Field, viol.Message)
	}
	// Output:
	// error es_form_juridica: es_form_juridica is required for this domain
	// error es_tipo_identificacion: es_tipo_identificacion is required for this domain
	// error es_identificacion: es_identificacion is required for this domain
}

// A domain's four contacts, checked together.
func ExampleCheckSet() {
	contact := func(role string) contactlint.RoleRequest {
		return contactlint.RoleRequest{Role: role, Params: contactlint.FromMap("contacts/add", map[string]string{
			"name": "Test User", "company": "Example Inc", "email": "test@example.com",
			"address-line-1": "1 Main Street", "city": "Singapore", "country": "SG",
			"zipcode": "018956", "phone-cc": "65", "phone": "61234567", "customer-id": "12345", "type": "Contact",
		}).Params}
	}
	res := contactlint.CheckSet(contactlint.SetRequest{TLD: "asia", Contacts: []contactlint.RoleRequest{
		contact("registrant"), contact("admin"), contact("tech"), contact("billing"),
	}})
	fmt.Println(res.OK())
	for _, viol := range res.Violations() {
		fmt.Printf("%s %s %s: %s\n", viol.Role, viol.Severity, viol.Field, viol.Message)
	}
	// Output:
	// false
	// set error locality: locality must be given on at least one contact of the domain
	// set error legalentitytype: legalentitytype must be given on at least one contact of the domain
	// set error identform: identform must be given on at least one contact of the domain
	// set error identnumber: identnumber must be given on at least one contact of the domain
}

// A clock of one's own: the date checks ("not in the future") judge by
// it. On 1 January 2020 a birth date in 2021 has not happened yet.
func ExampleWithClock() {
	v := url.Values{
		"name": {"Ivan Petrov"}, "company": {"Not Applicable"}, "email": {"ivan@example.ru"},
		"address-line-1": {"Tverskaya 1"}, "city": {"Moskva"}, "country": {"RU"}, "zipcode": {"125009"},
		"phone-cc": {"7"}, "phone": {"4951234567"}, "customer-id": {"1"}, "type": {"RuContact"},
		"attr-name1": {"contract-type"}, "attr-value1": {"PRS"},
		"attr-name2": {"birth-date"}, "attr-value2": {"15.06.2021"},
		"attr-name3": {"person-r"}, "attr-value3": {"Петров Иван Иванович"},
		"attr-name4": {"passport"}, "attr-value4": {"4510 123456, issued 01.02.2015"},
	}
	req := contactlint.FromValues("contacts/add", v, contactlint.ForTLD("ru"))
	then, err := contactlint.New(contactlint.WithClock(func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }))
	if err != nil {
		panic(err)
	}
	now, err := contactlint.New()
	if err != nil {
		panic(err)
	}
	fmt.Println(then.Check(req).Fields())
	fmt.Println(now.Check(req).OK())
	// Output:
	// map[birth-date:Birth Date must be a real date, not in the future]
	// true
}

// Requests from a file as operators keep them: here JSON Lines with a
// broken line, which comes back as an error naming its line while the
// others are checked.
func ExampleReadRequests() {
	in := strings.NewReader(`{"name":"Ada Lovelace","company":"Analytical Engines","email":"ada@example.com","address-line-1":"1 Main Street","city":"London","country":"GB","zipcode":"SW1A 1AA","phone-cc":"44","phone":"2071234567","customer-id":"1","type":"Contact"}
{"name": "broken
{"name":"Test User","company":"Example Inc","email":"test@example","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}
`)
	err := contactlint.ReadRequests(in, "jsonl", nil, func(line int, req contactlint.Request, _ *contactlint.SetRequest, err error) {
		var undecoded *contactlint.UndecodedError
		switch {
		case errors.As(err, &undecoded):
			// A query line read without what could not be decoded: it is
			// checked as the API would read it, but not to be written back.
			fmt.Println(line, contactlint.Check(req).Fields(), "without", undecoded.Params)
		case err != nil:
			fmt.Println(line, "unreadable")
		default:
			fmt.Println(line, contactlint.Check(req).Fields())
		}
	})
	fmt.Println(err)
	// Output:
	// 1 map[]
	// 2 unreadable
	// 3 map[emailaddr:Email Address is invalid]
	// <nil>
}
