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
//
// This package alone covers the common uses:
//
//   - Check, or an Engine's Check, for one request; FromValues and FromMap
//     make one, ForTLD and AsRole say which domain's rules apply;
//   - CheckSet for a domain's whole contact set (SetRequest, RoleRequest);
//   - Engine.Fix for the request with every sure fix applied (a case, a
//     separator, a phone number split from its calling code), the CLI's
//     fix; Engine.OfferFixes puts those values on a result's violations;
//   - Result.APIResponseStyle(Wire) for the API's answer byte for byte, to
//     answer in its place;
//   - Transport, an http.RoundTripper that pre-flights the calls an
//     http.Client sends to the API and answers refused ones locally — a
//     one-line change to an existing client;
//   - ReadRequests for requests kept in files, in every format the CLI
//     reads (JSON Lines, JSON, YAML, CSV, query strings, exports);
//   - WithClock, WithRules and WithoutPhoneValidity to configure New;
//     Engine.CheckInto to check request after request without allocating.
//
// An Engine is immutable and safe for concurrent use; compile it once.
package contactlint
