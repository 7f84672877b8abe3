package main

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/contactlint/contactlint"
)

// throughputInput is n requests as JSON Lines, a tenth of them failing.
func throughputInput(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		zip := "62701"
		if i%10 == 3 {
			zip = "ABCDE"
		}
		fmt.Fprintf(&b, `{"name":"User %d","company":"Example %d","email":"u%d@example.com","address-line-1":"%d Main Street","city":"Springfield","state":"Illinois","country":"US","zipcode":%q,"phone-cc":"1","phone":"2175550123","customer-id":"%d","type":"Contact"}`+"\n",
			i, i, i, i, zip, i+1)
	}
	return b.Bytes()
}

// BenchmarkThroughput runs the check pipeline side by side with a pipeline
// that only reads and decodes the same JSON Lines, on 1 and 2 workers, and
// holds checking to 1.3× decoding: the CLI must be bound by decoding. The
// budget applies to the engine's rules ("check"); "check+phone" adds
// libphonenumber's validity check (a warning, on by default), which costs
// 2–13 µs a number by itself and is reported, not budgeted.
func BenchmarkThroughput(b *testing.B) {
	const n = 5000
	in := throughputInput(n)
	engines := map[string]*contactlint.Engine{}
	for mode, opts := range map[string][]contactlint.Option{
		"decode":      {contactlint.WithoutPhoneValidity()},
		"check":       {contactlint.WithoutPhoneValidity()},
		"check+phone": nil,
	} {
		e, err := contactlint.New(opts...)
		if err != nil {
			b.Fatal(err)
		}
		engines[mode] = e
	}
	keys := exportKeys(engines["check"])
	ns := map[string]float64{}
	for _, j := range []int{1, 2} {
		for _, mode := range []string{"decode", "check", "check+phone"} {
			name := fmt.Sprintf("%s/j=%d", mode, j)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					pl := &pipeline{eng: engines[mode], workers: j, format: formatJSONL, stdin: bytes.NewReader(in), stderr: io.Discard, keys: keys}
					if mode == "decode" {
						pl.transform = func(decoded, *record) {}
					}
					got := 0
					pl.run([]string{"-"}, func(*record) { got++ })
					if got != n {
						b.Fatalf("%d records for %d requests", got, n)
					}
				}
				ns[name] = float64(b.Elapsed().Nanoseconds()) / float64(b.N) / n
			})
		}
	}
	for _, j := range []int{1, 2} {
		dec := ns[fmt.Sprintf("decode/j=%d", j)]
		chk, phone := ns[fmt.Sprintf("check/j=%d", j)], ns[fmt.Sprintf("check+phone/j=%d", j)]
		if dec == 0 || chk == 0 {
			continue // filtered out by -bench
		}
		b.Logf("j=%d: decode %.0f ns/request; check %.0f (%.2f× decoding); check+phone %.0f (%.2f×)", j, dec, chk, chk/dec, phone, phone/dec)
		if chk > 1.3*dec {
			b.Errorf("j=%d: checking takes %.2f× the time of decoding (budget 1.3×)", j, chk/dec)
		}
	}
}
