package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/benchdata"
	"github.com/contactlint/contactlint/internal/input"
)

// throughputInput is n requests as JSON Lines: seven countries, some as
// envelopes (com, es, ru), a fifth failing (internal/benchdata).
func throughputInput(tb testing.TB, n int) []byte {
	var b bytes.Buffer
	if err := benchdata.Write(&b, n); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// BenchmarkThroughput runs the check pipeline (read, decode, check, in
// input order; the default engine, phone validity on) side by side with
// its parts on the same 20,000 JSON Lines requests: the pipeline that only
// reads and decodes them, and the engine checking them, already decoded,
// in a loop. Its budget — the pipeline at -j 1 costs at most 1.4× its
// parts, decoding plus checking (medians 1.0–1.2 on a busy 2-core
// machine: the collector, the hand-offs and a worker that alternates
// decoding and checking are the difference) — is judged on the median of
// interleaved rounds (a noisy neighbour slows each part of a round alike),
// and fails the benchmark when over. check/decode and -j 2's speed-up
// are reported beside it.
//
//	go test -run '^$' -bench Throughput ./cmd/contactlint
func BenchmarkThroughput(b *testing.B) {
	const n = 20000
	in := throughputInput(b, n)
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
	keys := input.ExportKeys(engines["check"])
	once := func(b *testing.B, mode string, j int) time.Duration {
		runtime.GC() // each run starts from the same heap
		start := time.Now()
		pl := &pipeline{eng: engines[mode], workers: j, format: input.FormatJSONL, stdin: bytes.NewReader(in), stderr: io.Discard, keys: keys}
		if mode == "decode" {
			pl.transform = func(input.Decoded, *record) {}
		}
		got := 0
		pl.run([]string{"-"}, func(*record) { got++ })
		if got != n {
			b.Fatalf("%d records for %d requests", got, n)
		}
		return time.Since(start)
	}
	// The engine alone: the requests decoded beforehand, checked in a
	// loop as the pipeline's worker checks them (CheckInto).
	var reqs []contactlint.Request
	err := contactlint.ReadRequests(bytes.NewReader(in), "jsonl", engines["check"], func(_ int, req contactlint.Request, _ *contactlint.SetRequest, err error) {
		if err != nil {
			b.Fatal(err)
		}
		reqs = append(reqs, req)
	})
	if err != nil || len(reqs) != n {
		b.Fatalf("%d requests read: %v", len(reqs), err)
	}
	engineOnce := func() time.Duration {
		runtime.GC()
		e := engines["check"]
		var buf []contactlint.Violation
		start := time.Now()
		for _, r := range reqs {
			res := e.CheckInto(buf, r)
			buf = res.Violations
			e.OfferFixes(r, res)
		}
		return time.Since(start)
	}
	engineOnce() // rule sets and phone plans built
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
	b.Run("engine", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			engineOnce()
		}
	})
	const rounds, budget = 9, 1.4
	b.Run("budget", func(b *testing.B) {
		judged := false
		for b.Loop() {
			// One verdict: b.Loop goes on until the benchmark time is
			// spent, and the rounds are measured once.
			if judged {
				continue
			}
			judged = true
			var parts, perDecode, speedup []float64
			ns := map[string][]float64{}
			for range rounds {
				d1, e := once(b, "decode", 1), engineOnce()
				c1, c2 := once(b, "check", 1), once(b, "check", 2)
				parts = append(parts, float64(c1)/float64(d1+e))
				perDecode = append(perDecode, float64(c1)/float64(d1))
				speedup = append(speedup, float64(c1)/float64(c2))
				for k, d := range map[string]time.Duration{"decode": d1, "engine": e, "check-j1": c1, "check-j2": c2} {
					ns[k] = append(ns[k], float64(d.Nanoseconds())/n)
				}
			}
			med, lo, hi := spread(parts)
			dmed, _, _ := spread(perDecode)
			smed, slo, shi := spread(speedup)
			b.ReportMetric(med, "check/(decode+engine)")
			b.ReportMetric(dmed, "check/decode")
			b.ReportMetric(smed, "speedup-j2")
			m := func(k string) float64 { v, _, _ := spread(ns[k]); return v }
			b.Logf("per request (medians of %d interleaved rounds): decoding %.0f ns, the engine %.0f ns, the pipeline %.0f ns at -j 1 and %.0f ns at -j 2", rounds, m("decode"), m("engine"), m("check-j1"), m("check-j2"))
			b.Logf("-j 1: %.2f× decoding plus checking (rounds %.2f–%.2f; budget %.2f×), %.2f× decoding alone; -j 2 %.2f× as fast as -j 1 (rounds %.2f–%.2f)", med, lo, hi, budget, dmed, smed, slo, shi)
			if med > budget {
				b.Errorf("the pipeline costs %.2f× decoding plus checking on the median (budget %.2f×)", med, budget)
			}
		}
	})
}

// spread is the median, least and greatest of xs.
func spread(xs []float64) (med, lo, hi float64) {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2], s[0], s[len(s)-1]
}
