// Package bench compares contactlint with the libraries a Go service
// would otherwise use to check a contact, on the same requests: its own
// module, so that none of them enters the library's dependencies.
//
//	go -C bench test -bench . -benchmem
//
// Each peer is given the same constraints contactlint's rules state for a
// contacts/add Contact (the required parameters, lengths, digit counts,
// e-mail, country and postal code), as well as it can express them; the
// test prints how many of the invalid request's five errors each finds.
package bench
