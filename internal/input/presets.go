package input

import (
	"slices"
	"strings"
)

// Preset maps a billing panel's client export to contacts/add's
// parameters. An export lacks what the API needs beyond the contact
// (customer-id, type): -columns 'customer-id="…"' and 'type="Contact"'
// give those.
type Preset struct {
	Name string
	// Source says where the export's columns come from.
	Source string
	// Signatures are sets of columns whose presence together tells the
	// export apart (its labels, its raw names).
	Signatures [][]string
	Rules      []columnRule
	// UnescapeFormula: the export puts a quote before a cell that would
	// start a spreadsheet formula (=, +, -, @); reading undoes it.
	UnescapeFormula bool
}

// alt is a preset's rule: the parameter from the first of the column sets
// the header has, none required.
func alt(param string, sets ...[]string) columnRule {
	return columnRule{param: param, alts: sets, optional: true}
}

func cols(names ...string) []string { return names }

// presetList are the panels' client exports, each from the panel's own
// code.
func presetList() []Preset {
	return []Preset{
		{
			Name: "whmcs",
			// The Clients report (modules/reports/clients.php: the labels
			// of the fields ticked, in this order), exported as CSV from
			// its Tools menu; or a SELECT on tblclients, whose raw column
			// names the API's GetClientsDetails shares. Since WHMCS 7.4 the
			// phone is one field, +CC.NNNN.
			Source:     "WHMCS modules/reports/clients.php; tblclients",
			Signatures: [][]string{cols("First Name", "Last Name", "Company Name", "Postcode"), cols("firstname", "lastname", "companyname", "postcode")},
			Rules: []columnRule{
				alt("name", cols("First Name", "Last Name"), cols("firstname", "lastname")),
				alt("company", cols("Company Name"), cols("companyname")),
				alt("email", cols("Email"), cols("email")),
				alt("address-line-1", cols("Address 1"), cols("address1")),
				alt("address-line-2", cols("Address 2"), cols("address2")),
				alt("city", cols("City"), cols("city")),
				alt("state", cols("State"), cols("state")),
				alt("country", cols("Country"), cols("country")),
				alt("zipcode", cols("Postcode"), cols("postcode")),
				{param: "phone", alts: [][]string{cols("Phone Number"), cols("phonenumber")}, optional: true, ccParam: "phone-cc"},
			},
		},
		{
			Name: "blesta",
			// Blesta exports clients as CSV through a custom report, whose
			// header is the SQL's column names: the contacts table's
			// (first_name, last_name, company, email, address1, address2,
			// city, state, zip, country) and contact_numbers' number.
			Source:     "Blesta components/upgrades/db/schema.sql (contacts, contact_numbers)",
			Signatures: [][]string{cols("first_name", "last_name", "address1", "zip")},
			Rules: []columnRule{
				alt("name", cols("first_name", "last_name")),
				alt("company", cols("company")),
				alt("email", cols("email")),
				alt("address-line-1", cols("address1")),
				alt("address-line-2", cols("address2")),
				alt("city", cols("city")),
				alt("state", cols("state")),
				alt("country", cols("country")),
				alt("zipcode", cols("zip")),
				{param: "phone", alts: [][]string{cols("number")}, optional: true, ccParam: "phone-cc"},
			},
		},
		{
			Name: "fossbilling",
			// Admin → Clients → Export (client/export_csv): the default
			// columns of src/modules/Client/Service.php, written with
			// league/csv's formula escaping.
			Source:          "FOSSBilling src/modules/Client/Service.php DEFAULT_EXPORT_COLUMNS",
			Signatures:      [][]string{cols("first_name", "last_name", "address_1", "postcode")},
			UnescapeFormula: true,
			Rules: []columnRule{
				alt("name", cols("first_name", "last_name")),
				alt("company", cols("company")),
				alt("email", cols("email")),
				alt("address-line-1", cols("address_1")),
				alt("address-line-2", cols("address_2")),
				alt("city", cols("city")),
				alt("state", cols("state")),
				alt("country", cols("country")),
				alt("zipcode", cols("postcode")),
				alt("phone-cc", cols("phone_cc")),
				alt("phone", cols("phone")),
			},
		},
	}
}

func presetNamed(name string) *Preset {
	for _, p := range presetList() {
		if strings.EqualFold(p.Name, name) {
			return &p
		}
	}
	return nil
}

func presetNames() []string {
	var out []string
	for _, p := range presetList() {
		out = append(out, p.Name)
	}
	return out
}

// recognise is the preset one of whose signatures the header has, or nil.
func recognise(names []string) *Preset {
	has := func(c string) bool {
		return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, c) })
	}
	for _, p := range presetList() {
		for _, sig := range p.Signatures {
			if !slices.ContainsFunc(sig, func(c string) bool { return !has(c) }) {
				return &p
			}
		}
	}
	return nil
}
