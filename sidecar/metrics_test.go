package sidecar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// /metrics counts calls by command and outcome, violations by code, times
// checks and upstream calls, and shows what is in flight and open; the
// log has a line per call with its id and outcome, and no parameter
// value.
func TestMetricsAndLogs(t *testing.T) {
	var log syncBuffer
	up := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("87654321")) })
	base := forwarding(t, up.srv.URL, Options{Version: "v9.9.9", Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	bad := strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1)

	send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader(valid), form)
	send(t, "POST", base+"/check/api/contacts/add.json", strings.NewReader(bad), form)
	send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(bad), form)
	send(t, "GET", base+"/api/domains/details.json?domain-name=private.example", nil, nil)
	up.srv.Close()
	resp, _ := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(valid), form)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)

	mf := scrape(t, base)
	for _, c := range []struct {
		command, outcome string
		n                float64
	}{
		{"contacts/add", "passed", 1},
		{"contacts/add", "refused", 2},
		{"contacts/add", "forwarded", 1},
		{"contacts/add", "upstream_error", 1},
		{"other", "forwarded", 1},
	} {
		assert.Equal(t, c.n, value(mf, "contactlint_requests_total", "command", c.command, "outcome", c.outcome), "%+v", c)
	}
	assert.Equal(t, 2.0, value(mf, "contactlint_violations_total", "code", "postal-code", "severity", "error"))
	assert.Equal(t, 5.0, value(mf, "contactlint_check_duration_seconds"), "one per checked call")
	assert.Equal(t, 3.0, value(mf, "contactlint_upstream_duration_seconds"), "one per forwarded call")
	assert.Equal(t, 1.0, sum(mf, "contactlint_upstream_errors_total"), "refused, or closed on a kept connection")
	assert.Equal(t, 0.0, value(mf, "contactlint_in_flight_requests"))
	assert.GreaterOrEqual(t, value(mf, "contactlint_open_connections"), 1.0)
	assert.Equal(t, 1.0, value(mf, "contactlint_build_info", "version", "v9.9.9"))
	assert.Greater(t, value(mf, "process_open_fds"), 0.0, "the process collector")

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	require.Len(t, lines, 6, "one line per API call (/metrics is logged at debug)")
	ids := map[string]bool{}
	for _, l := range lines {
		var rec struct{ ID, Outcome, Command, Path string }
		require.NoError(t, json.Unmarshal([]byte(l), &rec), l)
		assert.NotEmpty(t, rec.ID)
		assert.NotEmpty(t, rec.Outcome)
		assert.NotEmpty(t, rec.Command)
		ids[rec.ID] = true
		for _, secret := range []string{"s3cr3t", "Test User", "Test+User", "example.com", "2175550123", "62701", "ABCDE", "private.example", "Springfield"} {
			assert.NotContains(t, l, secret)
		}
	}
	assert.Len(t, ids, 6, "an id per call")
}

// A caller's own request id, when a plain token, names its call in the
// log and the answer; any other is replaced.
func TestRequestID(t *testing.T) {
	base := serve(t, handler(t, Options{}))
	resp, _ := send(t, "GET", base+"/api/contacts/details.json?contact-id=1", nil, http.Header{HeaderRequestID: {"panel-42"}})
	assert.Equal(t, "panel-42", resp.Header.Get(HeaderRequestID))
	resp, _ = send(t, "GET", base+"/api/contacts/details.json?contact-id=1", nil, http.Header{HeaderRequestID: {"a b\"c"}})
	assert.NotEqual(t, "a b\"c", resp.Header.Get(HeaderRequestID))
	assert.Regexp(t, `^[0-9a-f]{8}-\d+$`, resp.Header.Get(HeaderRequestID))
}

// A client that goes away while an answer streams to it is counted as
// canceled, not as an upstream error: the call is seen through (its
// context ignores the client's), and ends when its answer cannot be
// written.
func TestClientGoneIsNoUpstreamError(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"domain":`))
		w.(http.Flusher).Flush()
		time.Sleep(300 * time.Millisecond) // the client goes meanwhile
		w.Write(bytes.Repeat([]byte(" "), 8<<20))
	}))
	t.Cleanup(up.Close)
	base := forwarding(t, up.URL, Options{})
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	io.WriteString(c, "GET /api/domains/details.json?domain-name=a.example HTTP/1.1\r\nHost: x\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	c.Close()
	require.Eventually(t, func() bool {
		return value(scrape(t, base), "contactlint_requests_total", "command", "other", "outcome", "canceled") == 1
	}, 5*time.Second, 20*time.Millisecond)
	assert.Zero(t, sum(scrape(t, base), "contactlint_upstream_errors_total"))
}
