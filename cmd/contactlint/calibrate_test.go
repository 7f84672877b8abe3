package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/internal/apistandin"
)

const calContact = "auth-userid=123456&api-key=s3cr3t&name=Jane+Doe&company=Example+Inc&email=jane%40example.com&address-line-1=12+High+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact"

// observeLog runs serve in observe mode against the stand-in API, sends
// one call of each kind, and returns the disagreement log's path.
func observeLog(t *testing.T) string {
	t.Helper()
	api := httptest.NewServer(&apistandin.API{})
	defer api.Close()
	logPath := filepath.Join(t.TempDir(), "d.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	base := startServe(t, ctx, []string{"-addr", "127.0.0.1:0", "-upstream", api.URL, "-mode", "observe", "-disagreements", logPath, "-quiet"}, noEnv, &stderr, done)
	assert.Contains(t, stderr.String(), "observe mode")
	for _, body := range []string{
		calContact,
		strings.Replace(calContact, "zipcode=62701", "zipcode=1234", 1),  // false error
		strings.Replace(calContact, "zipcode=62701", "zipcode=ABCDE", 1), // refused alike
		strings.Replace(calContact, "city=Springfield", "city="+apistandin.MissCity, 1),
		strings.Replace(calContact, "phone-cc=1", "phone-cc="+apistandin.UnknownCC, 1),
		strings.Replace(calContact, "&customer-id=12345", "", 1),
	} {
		resp, err := http.Post(base+"/api/contacts/add.json", "application/x-www-form-urlencoded", strings.NewReader(body))
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cancel()
	require.Equal(t, exitOK, <-done)
	return logPath
}

// calibrate summarises a log: agreement rates, each disagreement with an
// example, the API's unknown words as catalogue entries, and the rules
// the API took; -write-rules writes an overlay that lints clean and,
// loaded with -rules, turns the false error into a warning.
func TestCalibrate(t *testing.T) {
	logPath := observeLog(t)
	out, errOut, code := runCLI(t, "", "calibrate", logPath)
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{
		"6 calls compared in 1 log(s)",
		"command  contacts/add             3/6  50.0%",
		"type     Contact                  3/6  50.0%",
		"false_error        zip            postal-code         1  e.g. ours zip: \"Postal Code is invalid\"; the API: HTTP 200, took it (id); zipcode shaped 9 (4)",
		"miss               city           none                1",
		"unknown_message    telnocc        calling-code        1",
		`      text: "` + apistandin.UnknownCCMessage + `"`,
		"      source: observed",
		"postal-code on zipcode: taken 1, refused 1: lower to a warning",
	} {
		assert.Contains(t, out, want)
	}
	for _, secret := range []string{"s3cr3t", "Jane", "High Street", "2175550123"} {
		assert.NotContains(t, out, secret)
	}

	jsonOut, _, code := runCLI(t, "", "calibrate", "-format", "json", logPath)
	require.Equal(t, exitOK, code)
	var s calSummary
	require.NoError(t, json.Unmarshal([]byte(jsonOut), &s))
	assert.Equal(t, 6, s.Calls)
	assert.Equal(t, 3, s.ByCommand["contacts/add"].Agree)

	bad := strings.Replace(calContact, "zipcode=62701", "zipcode=1234", 1) + "\n"
	_, _, code = runCLI(t, bad, "check", "-")
	assert.Equal(t, exitFailed, code, "the false error, before")

	dir := filepath.Join(t.TempDir(), "observed")
	_, errOut, code = runCLI(t, "", "calibrate", "-write-rules", dir, logPath)
	require.Equal(t, exitOK, code, errOut)
	overlay, err := os.ReadFile(filepath.Join(dir, overlayName))
	require.NoError(t, err)
	assert.Contains(t, string(overlay), "severities:\n  postal-code:\n    severity: warning\n    fields: [zipcode]\n    basis: observed\n    doc: ")
	assert.Contains(t, string(overlay), "took 1 call(s)")
	lint, _, code := runCLI(t, "", "rules", "lint", "-fail-level", "warning", dir)
	assert.Equal(t, exitOK, code, "lint-clean: %s", lint)

	out, _, code = runCLI(t, bad, "check", "-rules", dir, "-")
	assert.Equal(t, exitOK, code, "the false error is a warning now: %s", out)
	assert.Contains(t, out, "zip: warning: Postal Code is invalid")

	// An overlay that would not lint clean (here a broken file beside it)
	// is not written: the one there, hand-edited perhaps, stays.
	kept := []byte("version: 1\n# edited by hand\nseverities:\n  postal-code: {severity: warning, fields: [zipcode]}\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, overlayName), kept, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("version: 1\nfields: [\n"), 0o644))
	_, errOut, code = runCLI(t, "", "calibrate", "-write-rules", dir, logPath)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, errOut, "did not lint clean, and was not written")
	got, err := os.ReadFile(filepath.Join(dir, overlayName))
	require.NoError(t, err)
	assert.Equal(t, string(kept), string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "no temporary file left")
}

// What calibrate cannot read is said; a log of garbage is not a summary.
func TestCalibrateUsage(t *testing.T) {
	_, _, code := runCLI(t, "", "calibrate")
	assert.Equal(t, exitTrouble, code)
	_, _, code = runCLI(t, "", "calibrate", filepath.Join(t.TempDir(), "none.jsonl"))
	assert.Equal(t, exitTrouble, code)
	junk := filepath.Join(t.TempDir(), "junk.jsonl")
	require.NoError(t, os.WriteFile(junk, []byte("not json\n{\"v\":9}\n"), 0o600))
	_, errOut, code := runCLI(t, "", "calibrate", junk)
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, errOut, "2 lines not read")
	// A log naming a code or parameter the rules do not have writes no
	// rule for it: a log is input.
	forged := filepath.Join(t.TempDir(), "forged.jsonl")
	require.NoError(t, os.WriteFile(forged, []byte(`{"v":1,"time":"t","mode":"observe","outcome":"false_error","command":"contacts/add","ours":[{"field":"x","param":"x: {evil","code":"no-such","severity":"error","message":"m"}],"disagreements":[{"field":"x","code":"no-such"}]}`+"\n"), 0o600))
	dir := filepath.Join(t.TempDir(), "o")
	_, errOut, code = runCLI(t, "", "calibrate", "-write-rules", dir, forged)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errOut, "nothing written")
	_, err := os.Stat(filepath.Join(dir, overlayName))
	assert.True(t, os.IsNotExist(err))
}

// docs/calibration.md's walk-through runs as written against the stand-in API, with
// the built binary on the PATH, and ends as it says.
func TestCalibrationWalkThrough(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("curl is missing")
		}
		t.Skip("curl is missing")
	}
	src, err := os.ReadFile("../../docs/calibration.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)<!-- calibration-walkthrough:begin[^>]*-->\n(?:<!-- not run: [^>]*-->\n)?```sh\n(.*?)```\n<!-- calibration-walkthrough:end -->").FindSubmatch(src)
	require.NotNil(t, m, "docs/calibration.md has no calibration walk-through")
	bin := buildBinary(t)
	api := httptest.NewServer(&apistandin.API{})
	defer api.Close()
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	cmd := exec.Command("bash", "-e", "-c", "set -m\n"+string(m[1]))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "API="+api.URL, "ADDR="+addr)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "false_error        zip            postal-code         1")
	assert.Contains(t, string(out), "postal-code on zipcode: taken 1, refused 1: lower to a warning")
	overlay, err := os.ReadFile(filepath.Join(dir, "observed", overlayName))
	require.NoError(t, err)
	assert.Contains(t, string(overlay), "severities:\n  postal-code:\n    severity: warning\n    fields: [zipcode]\n    basis: observed\n")
	assert.Contains(t, string(overlay), "and refused 1 it refused too")
}
