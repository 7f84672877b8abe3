package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// soakContact is a valid contacts/add body.
const soakContact = "auth-userid=1&api-key=k&name=Test+User&company=Example+Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"

// procStat reads a process's resident memory (KiB) and open files.
func procStat(pid int) (rssKiB int64, files int) {
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
				rssKiB, _ = strconv.ParseInt(f[1], 10, 64)
			}
		}
	}
	if fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid)); err == nil {
		files = len(fds)
	}
	return rssKiB, files
}

// TestSoak runs the built sidecar for CONTACTLINT_SOAK (say 5m) under a
// mixed load below its bounds, against a stand-in upstream on loopback,
// and reports its memory, open files and latency; no call may be
// answered 503. Skipped unless CONTACTLINT_SOAK is set.
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("CONTACTLINT_SOAK"))
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("set CONTACTLINT_SOAK=5m to run the soak (Linux)")
	}
	bin := buildBinary(t)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond) // the API's own time
		if strings.HasSuffix(r.URL.Path, "stream.json") {
			for i := 0; i < 5; i++ {
				io.WriteString(w, "chunk\n")
				w.(http.Flusher).Flush()
			}
			return
		}
		io.WriteString(w, "87654321")
	}))
	defer up.Close()
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-upstream", up.URL, "-quiet", "-max-in-flight", "64", "-body-timeout", "5s")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	require.True(t, sc.Scan())
	m := regexp.MustCompile(`serving on (http://\S+)`).FindStringSubmatch(sc.Text())
	require.NotNil(t, m, sc.Text())
	base := m[1]
	go io.Copy(io.Discard, stderr)
	pid := cmd.Process.Pid

	startRSS, startFiles := procStat(pid)
	var peakRSS int64
	var peakFiles int
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample every 200ms
		defer wg.Done()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				rss, files := procStat(pid)
				peakRSS, peakFiles = max(peakRSS, rss), max(peakFiles, files)
			}
		}
	}()

	type class struct{ method, path, body, ctype string }
	bad := strings.Replace(soakContact, "zipcode=62701", "zipcode=ABCDE", 1)
	classes := []class{
		{"POST", "/check/api/contacts/add.json", soakContact, "application/x-www-form-urlencoded"},
		{"POST", "/check/api/contacts/add.json", bad, "application/x-www-form-urlencoded"},
		{"POST", "/api/contacts/add.json", soakContact, "application/x-www-form-urlencoded"},
		{"POST", "/api/contacts/add.json", bad, "application/x-www-form-urlencoded"},
		{"POST", "/api/Contacts/Add.json/", soakContact, "application/x-www-form-urlencoded"},
		{"GET", "/api/contacts/add.xml?" + bad, "", ""},
		{"POST", "/api/contacts/add.json", `{"name":"x"}`, "application/json"},
		{"POST", "/api/domains/register.json", "domain-name=example.com&" + strings.Repeat("x", 100<<10), "application/x-www-form-urlencoded"},
		{"GET", "/api/stream.json", "", ""},
		{"GET", "/metrics", "", ""},
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		total    atomic.Int64
		busy     atomic.Int64
		failures atomic.Int64
	)
	deadline := time.Now().Add(d)
	const workers = 24
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 2, DisableCompression: true}}
			defer client.CloseIdleConnections()
			var mine []time.Duration
			for i := 0; time.Now().Before(deadline); i++ {
				c := classes[(w+i)%len(classes)]
				req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
				if c.ctype != "" {
					req.Header.Set("Content-Type", c.ctype)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(t0))
				total.Add(1)
				if err != nil {
					failures.Add(1)
				}
				if resp.StatusCode == http.StatusServiceUnavailable {
					busy.Add(1)
				}
				if i%50 == 0 { // churn: new connections now and then
					client.CloseIdleConnections()
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Add(1)
	go func() { // idle keep-alive connections and tricklers, bounded
		defer wg.Done()
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for time.Now().Before(deadline) {
			if c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://")); err == nil {
				fmt.Fprintf(c, "POST /api/contacts/add.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nn")
				held = append(held, c)
			}
			if len(held) > 100 {
				held[0].Close()
				held = held[1:]
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	time.Sleep(time.Until(deadline) + time.Second)
	close(stop)
	wg.Wait()
	time.Sleep(2 * time.Second) // let idle connections and buffers go
	endRSS, endFiles := procStat(pid)

	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	require.NotEmpty(t, lat)
	p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	t.Logf("soak %s: %d calls (%.0f/s), %d answered 503, %d failed", d, total.Load(), float64(total.Load())/d.Seconds(), busy.Load(), failures.Load())
	t.Logf("latency p50 %s, p99 %s, max %s", p(0.5), p(0.99), lat[len(lat)-1])
	t.Logf("RSS start %.1f MiB, peak %.1f MiB, end %.1f MiB", float64(startRSS)/1024, float64(peakRSS)/1024, float64(endRSS)/1024)
	t.Logf("open files start %d, peak %d, end %d", startFiles, peakFiles, endFiles)
	assert.Zero(t, busy.Load(), "no 503 under the bound")
	assert.Zero(t, failures.Load())
	// What stays open: at most the upstream's idle pool (32 connections).
	assert.LessOrEqual(t, endFiles, startFiles+32+8, "no file descriptor leaks")
}
