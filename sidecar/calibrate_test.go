package sidecar

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/internal/apistandin"
	"github.com/contactlint/contactlint/internal/calibrate"
)

// standIn is the stand-in API on loopback.
func standIn(t *testing.T) (*apistandin.API, string) {
	api := &apistandin.API{}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return api, srv.URL
}

// records reads a disagreement log.
func records(t *testing.T, path string) []calibrate.Record {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []calibrate.Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r calibrate.Record
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		out = append(out, r)
	}
	return out
}

// The calls of the calibration tests: one of each kind of comparison.
var calibrationCalls = []struct {
	name, body string
	outcome    calibrate.Outcome
	refused    bool // by our check
}{
	{"success", valid, calibrate.Agree, false},
	{"false error", strings.Replace(valid, "zipcode=62701", "zipcode=1234", 1), calibrate.FalseError, true},
	{"miss", strings.Replace(valid, "city=Springfield", "city="+apistandin.MissCity, 1), calibrate.Miss, false},
	{"unknown message", strings.Replace(valid, "phone-cc=1", "phone-cc="+apistandin.UnknownCC, 1), calibrate.UnknownMessage, true},
	{"required parameter missing", strings.Replace(valid, "&customer-id=12345", "", 1), calibrate.Agree, true},
	{"refused alike", strings.Replace(valid, "zipcode=62701", "zipcode=ABCDE", 1), calibrate.Agree, true},
}

// In observe mode every call reaches the stand-in API, whatever the check
// says; each verdict is compared with its answer, counted in /metrics and
// recorded in the disagreement log — no credential, no personal value.
func TestObserveMode(t *testing.T) {
	api, up := standIn(t)
	logPath := filepath.Join(t.TempDir(), "disagreements.jsonl")
	base := forwarding(t, up, Options{Mode: Observe, DisagreementLog: logPath})
	for _, c := range calibrationCalls {
		resp, body := send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(c.body), form)
		if c.outcome == calibrate.Agree && !c.refused || c.outcome == calibrate.FalseError {
			assert.Equal(t, 200, resp.StatusCode, c.name)
			assert.Equal(t, apistandin.NewID, string(body), "%s: the API's answer", c.name)
		} else {
			assert.Equal(t, 500, resp.StatusCode, c.name)
		}
		warned := strings.Contains(resp.Header.Get(HeaderWarning), "observe mode: contactlint would refuse")
		assert.Equal(t, c.refused, warned, "%s: %q", c.name, resp.Header.Get(HeaderWarning))
	}
	assert.Len(t, api.Calls(), len(calibrationCalls), "observe mode refuses nothing")

	mf := scrape(t, base)
	assert.Equal(t, 3.0, value(mf, "contactlint_api_agreement_total", "command", "contacts/add", "outcome", "agree"))
	for _, o := range []string{"false_error", "miss", "unknown_message"} {
		assert.Equal(t, 1.0, value(mf, "contactlint_api_agreement_total", "command", "contacts/add", "outcome", o), o)
	}
	assert.Equal(t, 1.0, value(mf, "contactlint_api_disagreements_total", "outcome", "false_error", "field", "zip", "code", "postal-code"))
	assert.Equal(t, 1.0, value(mf, "contactlint_api_disagreements_total", "outcome", "miss", "field", "city", "code", "none"))
	assert.Equal(t, 1.0, value(mf, "contactlint_api_disagreements_total", "outcome", "unknown_message", "field", "telnocc", "code", "calling-code"))

	recs := records(t, logPath)
	require.Len(t, recs, len(calibrationCalls))
	raw, err := os.ReadFile(logPath)
	require.NoError(t, err)
	for _, secret := range []string{"s3cr3t", "123456", "Test User", "Test+User", "test@example.com", "Main Street", "2175550123", "62701", "Springfield", apistandin.MissCity, "Example Inc"} {
		assert.NotContains(t, string(raw), secret, "the log holds no credential and no personal value")
	}
	for i, c := range calibrationCalls {
		r := recs[i]
		assert.Equal(t, c.outcome, r.Outcome, c.name)
		assert.Equal(t, "observe", r.Mode)
		assert.Equal(t, "contacts/add", r.Command)
		assert.Equal(t, "Contact", r.Type)
		assert.Equal(t, "US", r.Country)
		assert.NotEmpty(t, r.ID)
	}
	fe := recs[1]
	assert.Equal(t, "success", string(fe.API.Kind))
	assert.Equal(t, calibrate.Shape{Len: 4, Shape: "9"}, fe.Shapes["zipcode"])
	require.NotEmpty(t, fe.Ours)
	assert.Equal(t, "postal-code", fe.Ours[0].Code)
	miss := recs[2]
	assert.Equal(t, []calibrate.Field{{Key: "city", Message: "City is invalid"}}, miss.API.Fields)
	assert.Equal(t, calibrate.Shape{Len: 8, Shape: "Aa"}, miss.Shapes["city"])
	assert.Equal(t, []string{apistandin.UnknownCCMessage}, recs[3].Unknown)
}

// In enforce mode a refused call never leaves; the calls that pass are
// compared, so a miss is recorded there too.
func TestEnforceModeRecordsMisses(t *testing.T) {
	api, up := standIn(t)
	logPath := filepath.Join(t.TempDir(), "d.jsonl")
	base := forwarding(t, up, Options{DisagreementLog: logPath})
	for _, c := range calibrationCalls {
		send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(c.body), form)
	}
	assert.Len(t, api.Calls(), 2, "only what passed was sent")
	recs := records(t, logPath)
	require.Len(t, recs, 2)
	assert.Equal(t, calibrate.Agree, recs[0].Outcome)
	assert.Equal(t, calibrate.Miss, recs[1].Outcome)
	assert.Equal(t, "enforce", recs[1].Mode)
	mf := scrape(t, base)
	assert.Equal(t, 1.0, value(mf, "contactlint_api_agreement_total", "command", "contacts/add", "outcome", "miss"))
}

// With DisagreementValues the values involved are kept — never a
// credential.
func TestDisagreementValues(t *testing.T) {
	_, up := standIn(t)
	logPath := filepath.Join(t.TempDir(), "d.jsonl")
	base := forwarding(t, up, Options{Mode: Observe, DisagreementLog: logPath, DisagreementValues: true})
	send(t, "POST", base+"/api/contacts/add.json", strings.NewReader(calibrationCalls[2].body), form)
	recs := records(t, logPath)
	require.Len(t, recs, 1)
	assert.Equal(t, apistandin.MissCity, recs[0].Values["city"])
	raw, _ := os.ReadFile(logPath)
	assert.NotContains(t, string(raw), "s3cr3t")
	assert.NotContains(t, string(raw), "123456")
}

// The XML flavour's answers are read too.
func TestObserveXML(t *testing.T) {
	_, up := standIn(t)
	logPath := filepath.Join(t.TempDir(), "d.jsonl")
	base := forwarding(t, up, Options{Mode: Observe, DisagreementLog: logPath})
	for _, c := range calibrationCalls[:4] {
		send(t, "POST", base+"/api/contacts/add.xml", strings.NewReader(c.body), form)
	}
	recs := records(t, logPath)
	require.Len(t, recs, 4)
	for i, c := range calibrationCalls[:4] {
		assert.Equal(t, c.outcome, recs[i].Outcome, c.name)
	}
}

func TestObserveNeedsUpstream(t *testing.T) {
	e := handler(t, Options{}).eng
	_, err := New(e, Options{Mode: Observe})
	assert.Error(t, err)
	_, err = New(e, Options{DisagreementLog: filepath.Join(t.TempDir(), "x")})
	assert.Error(t, err)
	_, up := standIn(t)
	u := mustURL(t, up)
	_, err = New(e, Options{Upstream: u, DisagreementLog: filepath.Join(t.TempDir(), "no", "such", "dir", "x")})
	assert.Error(t, err, "a log that cannot be opened is said at start")
	_ = http.StatusOK
}
