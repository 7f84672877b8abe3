package main

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/benchdata"
	"github.com/contactlint/contactlint/internal/input"
)

// pipelineCost runs check over in as the CLI does — the pipeline, the
// filter, the summary and a printer of format to io.Discard; with format
// "" the pipeline alone — and gives the bytes and allocations per
// request.
func pipelineCost(t testing.TB, eng *contactlint.Engine, in []byte, n, j int, format string) (bytesPer, allocsPer float64) {
	pl := &pipeline{eng: eng, workers: j, format: input.FormatJSONL, stdin: bytes.NewReader(in), stderr: io.Discard, keys: input.ExportKeys(eng)}
	run := func() int {
		got := 0
		pl.run([]string{"-"}, func(*record) { got++ })
		return got
	}
	if format != "" {
		o := &checkOptions{failLevel: "error", minSeverity: "warning"}
		p, err := newPrinter(format, io.Discard, printOptions{})
		if err != nil {
			t.Fatal(err)
		}
		run = func() int { return o.check(pl, []string{"-"}, &filter{}, p, nil).checked }
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := run()
	runtime.ReadMemStats(&after)
	if got != n {
		t.Fatalf("%d checked of %d", got, n)
	}
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), float64(after.Mallocs-before.Mallocs) / float64(n)
}

// The pipeline allocates little per request: its text as a string, and
// what a failing request's report needs — not a copy of its line, a
// closure, a record, its objects' members and parameters, nor its
// violations' storage, which are reused once its record is written.
// 20,000 requests of seven countries (internal/benchdata), a fifth
// failing, at -j 1 and -j 2: the pipeline alone, and as check runs it
// with the jsonl and text printers (whose own allocations, a map or a
// line per record, are most of what is left); counts, not times, so a
// busy machine does not change them.
func TestPipelineAllocatesLittle(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	const n = 20000
	var in bytes.Buffer
	if err := benchdata.Write(&in, n); err != nil {
		t.Fatal(err)
	}
	eng, err := contactlint.New() // phone validity on, as the CLI checks
	if err != nil {
		t.Fatal(err)
	}
	pipelineCost(t, eng, in.Bytes(), n, 1, "") // rule sets and phone plans built
	for _, format := range []string{"", "jsonl", "text"} {
		for _, j := range []int{1, 2} {
			b, a := pipelineCost(t, eng, in.Bytes(), n, j, format)
			what := "the pipeline"
			if format != "" {
				what = "check -format " + format
			}
			t.Logf("%s -j %d: %.0f bytes, %.2f allocations per request", what, j, b, a)
			if b > 1024 {
				t.Errorf("%s -j %d: %.0f bytes per request (budget 1,024)", what, j, b)
			}
			if format == "" && a > 1.2 {
				t.Errorf("%s -j %d: %.2f allocations per request (budget 1.2: the request's string, and a failing one's report)", what, j, a)
			}
		}
	}
}
