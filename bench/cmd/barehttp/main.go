// Command barehttp is the floor the sidecar is measured against
// (bench/sidecar-wrk): a net/http server that does what every HTTP handler
// must — read the request, parse its form — and answers what the sidecar
// answers for a request that passes, without checking anything.
//
// Its flags give the floor, one at a time, what the sidecar has beside
// its checking: its server timeouts, a live heap the collector scans on
// every cycle as it scans the sidecar's rule tables and its dependencies'
// package data, and contactlint serve's headroom block. The floor so
// changed says what each costs a bare server (docs/performance.md).
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
	hold := flag.Int("hold", 0, "hold a live heap of small pointer-bearing map entries until each collection scans at least `KiB` of heap")
	headroom := flag.Bool("headroom", false, "hold a 4 MiB block without pointers, never written, as contactlint serve does")
	flag.Parse()
	var block []byte
	if *headroom {
		block = make([]byte, 4<<20) // first, as serve allocates it: fresh pages, never resident
	}
	held := holdHeap(int64(*hold) << 10)
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

// holdHeap builds maps of string keys to pointers, the shape of a
// dependency's lookup tables, until a collection scans at least target
// bytes of heap, and says how much it scans. Maps of 512 entries each, so
// that the heap grows in small steps, not in a large map's doublings.
func holdHeap(target int64) []map[string]*int {
	if target <= 0 {
		return nil
	}
	var held []map[string]*int
	for n := 0; scanned() < target; {
		m := make(map[string]*int, 512)
		for range 512 {
			v := n
			m[fmt.Sprintf("entry-%08d", v)] = &v
			n++
		}
		held = append(held, m)
	}
	fmt.Fprintf(os.Stderr, "barehttp: each collection scans %d KiB of heap (%d maps of 512 entries held)\n", scanned()>>10, len(held))
	return held
}

// scanned is the heap the last full collection scanned.
func scanned() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}
