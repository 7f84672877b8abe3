// Package contactlint checks requests for the LogicBoxes / ResellerClub
// contacts API before they are sent, and answers exactly as the API would:
// the same field keys, the same messages, the same
// {"status":"ERROR","message":"{telnocc=…, zip=…}"} — but every problem at
// once, without a round trip.
//
// The rules are YAML files (package rules), parsed by tldspec and compiled
// by engine into an immutable *Engine. This package wires the embedded rules
// in: Check uses a default engine compiled on first use; New compiles one
// with options, such as a directory of rule files that add to or override
// the embedded ones.
//
//	v := url.Values{}            // the request you are about to send
//	v.Set("name", "Ada Lovelace")
//	…
//	res := contactlint.Check(contactlint.FromValues("contacts/add", v))
//	if !res.OK() {
//		fmt.Println(string(res.APIResponse()))
//	}
package contactlint
