//go:build !race

package contactlint_test

const raceEnabled = false
