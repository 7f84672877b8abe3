package contactlint_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/apistandin"
)

// standInBase is Transport's Base: the stand-in API, answering in the
// API's exact shapes, and what it was sent.
type standInBase struct {
	api  apistandin.API
	mu   sync.Mutex
	sent int
}

func (b *standInBase) RoundTrip(r *http.Request) (*http.Response, error) {
	b.mu.Lock()
	b.sent++
	b.mu.Unlock()
	w := httptest.NewRecorder()
	b.api.ServeHTTP(w, r)
	resp := w.Result()
	resp.Request = r
	return resp, nil
}

var calibrationCalls = []struct {
	name, body string
	outcome    contactlint.Outcome
	refused    bool
}{
	{"success", goodContact, contactlint.Agree, false},
	{"false error", strings.Replace(goodContact, "zipcode=62701", "zipcode=1234", 1), contactlint.FalseError, true},
	{"miss", strings.Replace(goodContact, "city=Springfield", "city="+apistandin.MissCity, 1), contactlint.Miss, false},
	{"unknown message", strings.Replace(goodContact, "phone-cc=1", "phone-cc="+apistandin.UnknownCC, 1), contactlint.UnknownMessage, true},
	{"required parameter missing", strings.Replace(goodContact, "&customer-id=12345", "", 1), contactlint.Agree, true},
}

// Transport in observe mode (WarnOnly) sends every call, compares each
// verdict with the API's answer through OnCompare, and records them as
// the sidecar does; in enforce mode it records the misses.
func TestTransportCompares(t *testing.T) {
	for _, observe := range []bool{true, false} {
		base := &standInBase{}
		logPath := filepath.Join(t.TempDir(), "d.jsonl")
		dlog, err := contactlint.OpenDisagreementLog(logPath, 0)
		require.NoError(t, err)
		var mu sync.Mutex
		var got []contactlint.Comparison
		c := &http.Client{Transport: &contactlint.Transport{Base: base, WarnOnly: observe, Disagreements: dlog,
			OnCompare: func(_ *http.Request, cmp contactlint.Comparison) {
				mu.Lock()
				got = append(got, cmp)
				mu.Unlock()
			}}}
		var want []contactlint.Outcome
		for _, cc := range calibrationCalls {
			code, body, h := post(t, c, "http://api.example/api/contacts/add.json?auth-userid=123456&api-key=s3cr3t", cc.body, nil)
			if observe || !cc.refused {
				want = append(want, cc.outcome)
				if cc.outcome == contactlint.Agree && !cc.refused || cc.outcome == contactlint.FalseError {
					assert.Equal(t, apistandin.NewID, body, "%s: the API's answer, given back whole", cc.name)
				}
			} else {
				assert.Equal(t, 500, code, cc.name)
			}
			assert.Equal(t, observe && cc.refused, strings.Contains(h.Get(contactlint.HeaderWarning), "observe mode"), cc.name)
		}
		require.NoError(t, dlog.Close())
		var outcomes []contactlint.Outcome
		for _, cmp := range got {
			outcomes = append(outcomes, cmp.Outcome)
			assert.Equal(t, "contacts/add", cmp.Command)
		}
		assert.Equal(t, want, outcomes, "observe %v", observe)
		assert.Equal(t, len(want), base.sent)
		raw, err := os.ReadFile(logPath)
		require.NoError(t, err)
		assert.Equal(t, len(want), strings.Count(string(raw), "\n"))
		for _, secret := range []string{"s3cr3t", "123456", "Test User", "Test+User", "test@example.com", "Main Street", "2175550123", apistandin.MissCity} {
			assert.NotContains(t, string(raw), secret)
		}
	}
}

// A cut answer read for the comparison is still an error to the caller:
// never hidden.
func TestTransportCompareKeepsErrors(t *testing.T) {
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: &cutBody{data: "8765"}, Request: r}, nil
	})
	var compared int
	c := &http.Client{Transport: &contactlint.Transport{Base: base, OnCompare: func(*http.Request, contactlint.Comparison) { compared++ }}}
	req, _ := http.NewRequest("POST", "http://api.example/api/contacts/add.json", strings.NewReader(goodContact))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	assert.Error(t, err)
	assert.Zero(t, compared, "a cut answer is not compared")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type cutBody struct {
	data string
	done bool
}

func (b *cutBody) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.ErrUnexpectedEOF
	}
	b.done = true
	return copy(p, b.data), nil
}

func (b *cutBody) Close() error { return nil }
