package idnum

import "testing"

// FuzzSchemes: any input is judged without a panic, and compacting twice
// changes nothing.
func FuzzSchemes(f *testing.F) {
	for _, s := range []string{"12345678Z", "x-1234567-l", "A5812345F", "7707083893", "7736AB001", "123.456.789-09", "12.ABC.345/0001-88", "91 110108 MA01C2XX0T", "\u2013\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Compact(s)
		if Compact(c) != c {
			t.Fatalf("Compact is not idempotent on %q", s)
		}
		for _, valid := range []func(string) bool{DNI, NIFKLM, NIE, CIF, NIF, INN10, INN12, INN, KPP, KPPWithLetters, CPF, CNPJ, USCC} {
			_ = valid(s)
			_ = valid(c)
		}
	})
}
