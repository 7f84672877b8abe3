// Command barehttp is the floor the sidecar is measured against
// (bench/sidecar-wrk): a net/http server that does what every HTTP handler
// must — read the request, parse its form — and answers what the sidecar
// answers for a request that passes, without checking anything.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	timeouts := flag.Bool("timeouts", false, "set the timeouts contactlint serve sets")
	flag.Parse()
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
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
