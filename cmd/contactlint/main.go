// Command contactlint checks LogicBoxes / ResellerClub contacts API
// requests before they are sent, and answers as the API would.
//
//	contactlint check [flags] FILE…|-
//
// Run "contactlint help" for the commands and their flags.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
