//go:build !unix

package main

// openFileLimit is 0: the open-file limit is not known here.
func openFileLimit() uint64 { return 0 }
