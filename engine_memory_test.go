package contactlint_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/benchdata"
)

// BenchmarkNew is contactlint.New, the embedded rules compiled lazily,
// and reports the memory the engine holds: once compiled, and once it has
// checked the requests of seven countries the CLI's figures use (each
// building the rule sets and the calling code's phone automaton it
// needs).
//
//	go test -run '^$' -bench New .
func BenchmarkNew(b *testing.B) {
	var in bytes.Buffer
	if err := benchdata.Write(&in, 70); err != nil {
		b.Fatal(err)
	}
	var reqs []contactlint.Request
	if err := contactlint.ReadRequests(bytes.NewReader(in.Bytes()), "jsonl", nil, func(_ int, req contactlint.Request, _ *contactlint.SetRequest, err error) {
		if err != nil {
			b.Fatal(err)
		}
		reqs = append(reqs, req)
	}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := contactlint.New(); err != nil {
			b.Fatal(err)
		}
	}
	heap := func() float64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}
	before := heap()
	e, err := contactlint.New()
	if err != nil {
		b.Fatal(err)
	}
	compiled := heap() - before
	for _, r := range reqs {
		e.Check(r)
	}
	used := heap() - before
	runtime.KeepAlive(e)
	b.ReportMetric(compiled/(1<<20), "MiB-compiled")
	b.ReportMetric(used/(1<<20), "MiB-after-7-countries")
}
