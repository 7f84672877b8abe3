// Command barehttp is the floor the sidecar is measured against
// (bench/sidecar-wrk): a net/http server that does what every HTTP handler
// must — read the request, parse its form — and answers what the sidecar
// answers for a request that passes, without checking anything.
//
// Its flags give the floor what the sidecar has beside its checking: its
// server timeouts, a heap the collector scans on every cycle as it scans
// the sidecar's rule tables and its dependencies' package data, and
// contactlint serve's headroom block. The floor so changed says what each
// costs a bare server (docs/performance.md).
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	timeouts := flag.Bool("timeouts", false, "set the timeouts contactlint serve sets")
	hold := flag.Int("hold", 0, "hold maps of string keys to pointers until each collection scans at least `KiB` of heap")
	headroom := flag.Bool("headroom", false, "hold a 4 MiB block without pointers, never written, as contactlint serve does (always: serve leaves it out under GOGC or GOMEMLIMIT)")
	flag.Parse()
	var block []byte
	if *headroom {
		block = make([]byte, 4<<20) // first, as serve allocates it: fresh pages, never resident
	}
	held, scans := holdHeap(int64(*hold) << 10)
	if held != nil {
		fmt.Fprintf(os.Stderr, "barehttp: each collection scans %d KiB of heap (%d maps of %d entries held)\n", scans>>10, len(held), mapEntries)
	}
	body := []byte(`{"status":"OK","warnings":[]}`)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	srv := &http.Server{Addr: *addr, Handler: h}
	if *timeouts {
		// contactlint serve's: a production server sets them, and each
		// costs a deadline per request.
		srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout = 5*time.Second, 30*time.Second, 90*time.Second, 2*time.Minute
	}
	err := srv.ListenAndServe()
	runtime.KeepAlive(block)
	runtime.KeepAlive(held)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// mapEntries is the size of each map holdHeap holds: small, so that the
// heap grows in steps of some 37 KiB, not in a large map's doublings.
const mapEntries = 512

// holdHeap builds maps of string keys to pointers, the shape of a
// dependency's lookup tables, until a collection scans at least target
// bytes of heap; it returns them (nil for a target of 0) and what a
// collection then scans.
func holdHeap(target int64) ([]map[string]*int, int64) {
	if target <= 0 {
		return nil, 0
	}
	var held []map[string]*int
	n := 0
	for {
		if scans := scanned(); scans >= target {
			return held, scans
		}
		m := make(map[string]*int, mapEntries)
		for range mapEntries {
			v := n
			m[fmt.Sprintf("entry-%08d", v)] = &v
			n++
		}
		held = append(held, m)
	}
}

// scanned runs a full collection and returns the heap it scanned.
func scanned() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}
