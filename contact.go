package contactlint

import "strconv"

// Contact is a contacts/add request as a Go value. Empty fields are left
// out of the request, so a missing required one is reported as the API
// reports it.
type Contact struct {
	Name         string
	Company      string
	Email        string
	AddressLine1 string
	AddressLine2 string
	AddressLine3 string
	City         string
	State        string
	Country      string // ISO 3166-1 alpha-2
	Zipcode      string
	PhoneCC      string
	Phone        string
	FaxCC        string
	Fax          string
	CustomerID   string
	Type         string // Contact, EsContact, …
	// Attrs are the extra details, sent as attr-nameN/attr-valueN pairs.
	Attrs []Attr
}

// Attr is one extra detail.
type Attr struct{ Name, Value string }

// Request makes the contacts/add request c stands for, its parameters in
// the order the API documents them.
func (c Contact) Request() Request {
	fields := [...]struct{ name, value string }{
		{"name", c.Name}, {"company", c.Company}, {"email", c.Email},
		{"address-line-1", c.AddressLine1}, {"city", c.City}, {"country", c.Country},
		{"zipcode", c.Zipcode}, {"phone-cc", c.PhoneCC}, {"phone", c.Phone},
		{"customer-id", c.CustomerID}, {"type", c.Type},
		{"address-line-2", c.AddressLine2}, {"address-line-3", c.AddressLine3},
		{"state", c.State}, {"fax-cc", c.FaxCC}, {"fax", c.Fax},
	}
	params := make([]Param, 0, len(fields)+2*len(c.Attrs))
	for _, f := range fields {
		if f.value != "" {
			params = append(params, Param{Name: f.name, Value: f.value})
		}
	}
	for i, a := range c.Attrs {
		n := strconv.Itoa(i + 1)
		params = append(params, Param{Name: "attr-name" + n, Value: a.Name}, Param{Name: "attr-value" + n, Value: a.Value})
	}
	return Request{Command: "contacts/add", Params: params}
}
