package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

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
// holds checking (the default engine, phone validity on) to 1.3× decoding:
// the CLI must be bound by decoding. The budget compares the best of
// several interleaved runs of each, so that a noisy neighbour slows both.
func BenchmarkThroughput(b *testing.B) {
	const n = 20000
	in := throughputInput(n)
	engines := map[string]*contactlint.Engine{}
	for mode, opts := range map[string][]contactlint.Option{
		"decode":   {contactlint.WithoutPhoneValidity()},
		"check":    nil,
		"no-phone": {contactlint.WithoutPhoneValidity()},
	} {
		e, err := contactlint.New(opts...)
		if err != nil {
			b.Fatal(err)
		}
		engines[mode] = e
	}
	keys := exportKeys(engines["check"])
	once := func(b *testing.B, mode string, j int) time.Duration {
		runtime.GC() // each run starts from the same heap
		start := time.Now()
		pl := &pipeline{eng: engines[mode], workers: j, format: formatJSONL, stdin: bytes.NewReader(in), stderr: io.Discard, keys: keys}
		if mode == "decode" {
			pl.transform = func(decoded, *record) {}
		}
		got := 0
		pl.run([]string{"-"}, func(*record) { got++ })
		if got != n {
			b.Fatalf("%d records for %d requests", got, n)
		}
		return time.Since(start)
	}
	modes := []string{"decode", "check", "no-phone"}
	for _, j := range []int{1, 2} {
		for _, mode := range modes {
			b.Run(fmt.Sprintf("%s/j=%d", mode, j), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					once(b, mode, j)
				}
			})
		}
	}
	for _, j := range []int{1, 2} {
		best := map[string]time.Duration{}
		for range 7 {
			for _, mode := range modes {
				if d := once(b, mode, j); best[mode] == 0 || d < best[mode] {
					best[mode] = d
				}
			}
		}
		per := func(mode string) float64 { return float64(best[mode].Nanoseconds()) / n }
		dec, chk, nop := per("decode"), per("check"), per("no-phone")
		b.Logf("j=%d, best of 7: decode %.0f ns/request; check %.0f (%.2f× decoding); without phone validity %.0f (%.2f×)", j, dec, chk, chk/dec, nop, nop/dec)
		if chk > 1.3*dec {
			b.Errorf("j=%d: checking takes %.2f× the time of decoding (budget 1.3×)", j, chk/dec)
		}
	}
}
