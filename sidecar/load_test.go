package sidecar

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkSidecarLoad sends requests over loopback from a bounded number
// of concurrent clients (half valid, half failing) and reports requests
// per second and the 99th-percentile latency.
//
//	go test -run '^$' -bench SidecarLoad -benchtime 5000x ./sidecar
func BenchmarkSidecarLoad(b *testing.B) {
	base := serve(b, handler(b, Options{}))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	bodies := []string{valid, strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1)}
	const clients = 8
	var mu sync.Mutex
	var lat []time.Duration
	jobs := make(chan int)
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t0 := time.Now()
				resp, err := client.Post(base+"/api/contacts/add.json", "application/x-www-form-urlencoded", strings.NewReader(bodies[i%2]))
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < b.N; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	}
}

// BenchmarkHandler is the handler's own cost on a passing POST, beside the
// floor every handler pays (parse the form, write a fixed answer); no
// network, so the difference is what checking adds.
func BenchmarkHandler(b *testing.B) {
	body := []byte(`{"status":"OK","warnings":[]}`)
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			b.Fatal(err)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	for _, hc := range []struct {
		name string
		h    http.Handler
	}{{"floor", bare}, {"sidecar", handler(b, Options{})}} {
		b.Run(hc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/api/contacts/add.json", strings.NewReader(valid))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				w := httptest.NewRecorder()
				hc.h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}
