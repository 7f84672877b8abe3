// Package php holds the PHP client of the sidecar (ContactLint.php) and
// its test, which runs the client under the real php CLI against the real
// sidecar.
package php

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/sidecar"
)

type phpCase struct {
	Fix     bool           `json:"fix,omitempty"`
	Params  map[string]any `json:"params"`
	Command string         `json:"command,omitempty"`
	Options map[string]any `json:"options,omitempty"`
}

type phpResult struct {
	OK       bool              `json:"ok"`
	Status   string            `json:"status"`
	Message  string            `json:"message"`
	Errors   map[string]string `json:"errors"`
	Warnings []struct {
		Field, Param, Code, Severity, Message string
	} `json:"warnings"`
	Body    string                                   `json:"body"`
	Fixed   map[string]any                           `json:"params"`
	Changes []struct{ Param, From, To, Code string } `json:"changes"`
	HTTP    int                                      `json:"http"`
	Error   string                                   `json:"error"`
	Seconds float64                                  `json:"seconds"`
}

// php finds the php CLI. .ci/run installs it and sets
// CONTACTLINT_REQUIRE_PHP, so that CI never skips this test.
func php(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("php")
	if err != nil {
		if os.Getenv("CONTACTLINT_REQUIRE_PHP") != "" {
			t.Fatal("php is not installed, and CONTACTLINT_REQUIRE_PHP is set")
		}
		t.Skip("php is not installed: the PHP client's test is skipped (apt-get install php-cli to run it)")
	}
	return bin
}

// runPHP runs tests/check.php over cases against base.
func runPHP(t *testing.T, base string, cases []phpCase) []phpResult {
	t.Helper()
	in, err := json.Marshal(cases)
	require.NoError(t, err)
	cmd := exec.Command(php(t), "-d", "display_errors=stderr", "tests/check.php", base)
	cmd.Stdin = strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "php: %s", stderr.String())
	assert.Empty(t, stderr.String(), "the client prints nothing of its own")
	var res []phpResult
	require.NoError(t, json.Unmarshal(out, &res), "%s", out)
	require.Len(t, res, len(cases))
	return res
}

func contact(over map[string]any) map[string]any {
	p := map[string]any{
		"auth-userid": "123456", "api-key": "s3cr3t", "customer-id": "12345",
		"name": "Test User", "company": "Example Inc", "email": "test@example.com",
		"address-line-1": "1 Main Street", "city": "Springfield", "country": "US",
		"zipcode": "62701", "phone-cc": "1", "phone": "2175550123", "type": "Contact",
	}
	for k, v := range over {
		p[k] = v
	}
	return p
}

func TestPHPClient(t *testing.T) {
	php(t)
	res := runPHP(t, sidecarURL(t), []phpCase{
		{Params: contact(nil)},
		{Params: contact(map[string]any{"zipcode": "ABCDE", "phone-cc": "999"})},
		{Params: contact(map[string]any{"country": "us"})},
		{Params: contact(map[string]any{"name": "Zoë Müller-SStraße", "company": "Benz & Cie = AG"})},
		{Params: contact(nil), Options: map[string]any{"tld": []string{"br"}, "role": "registrant"}},
		{Params: map[string]any{"contact-id": "x"}, Command: "contacts/details"},
	})

	valid := res[0]
	assert.True(t, valid.OK)
	assert.Equal(t, "OK", valid.Status)
	assert.Empty(t, valid.Warnings)
	assert.Equal(t, 200, valid.HTTP)

	refused := res[1]
	assert.False(t, refused.OK)
	assert.Equal(t, "ERROR", refused.Status)
	assert.Equal(t, 500, refused.HTTP, "as the live API answers")
	assert.Equal(t, "{telnocc=TelephoneNo Country Code is invalid, zip=Postal Code is invalid}", refused.Message)
	assert.Equal(t, `{"status":"ERROR","message":"{telnocc\u003dTelephoneNo Country Code is invalid, zip\u003dPostal Code is invalid}"}`, refused.Body, "the API's body, byte for byte (= escaped as its JSON writer does)")
	assert.Equal(t, map[string]string{"telnocc": "TelephoneNo Country Code is invalid", "zip": "Postal Code is invalid"}, refused.Errors)

	warned := res[2]
	assert.True(t, warned.OK, "a warning does not refuse")
	require.NotEmpty(t, warned.Warnings)
	assert.Equal(t, "country", warned.Warnings[0].Field)
	assert.Equal(t, "warning", warned.Warnings[0].Severity)

	assert.True(t, res[3].OK, "UTF-8 and reserved characters arrive as sent: %+v", res[3])

	br := res[4]
	assert.False(t, br.OK, "the TLD and role travel in headers")
	assert.Contains(t, br.Message, "BrOrgContact")

	details := res[5]
	assert.False(t, details.OK)
	assert.Equal(t, map[string]string{"contact-id": "contact-id is invalid"}, details.Errors)
}

// A sidecar that is down never blocks a request, and says why quickly.
func TestPHPClientSidecarDown(t *testing.T) {
	php(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	down := "http://" + ln.Addr().String()
	ln.Close()
	res := runPHP(t, down, []phpCase{{Params: contact(nil)}})[0]
	assert.True(t, res.OK)
	assert.Equal(t, "UNAVAILABLE", res.Status)
	assert.Equal(t, 0, res.HTTP)
	assert.Contains(t, res.Error, "did not answer")
	assert.Less(t, res.Seconds, 3.5, "within the configured timeout")
}

// The message reader splits the API's Hashtable text, values holding ", "
// included, and keeps anything else whole.
func TestPHPFields(t *testing.T) {
	bin := php(t)
	for msg, want := range map[string]map[string]string{
		"{zip=Postal Code is invalid}":                            {"zip": "Postal Code is invalid"},
		"{attr-value1=Value is invalid, e.g. x, y, name=Invalid}": {"attr-value1": "Value is invalid, e.g. x, y", "name": "Invalid"},
		"Invalid customer-id":                                     {"": "Invalid customer-id"},
		"{}":                                                      {"": "{}"},
	} {
		out, err := exec.Command(bin, "-r", `require "ContactLint.php"; echo json_encode(ContactLint::fields($argv[1]));`, "--", msg).CombinedOutput()
		require.NoError(t, err, "%s", out)
		var got map[string]string
		require.NoError(t, json.Unmarshal(out, &got), "%s", out)
		assert.Equal(t, want, got, msg)
	}
}

// runScript runs a tests/*.php driver against base (and args) and decodes
// its JSON.
func runScript(t *testing.T, script, base string, into any, args ...string) {
	t.Helper()
	cmd := exec.Command(php(t), append([]string{"-d", "display_errors=stderr", script, base}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "php %s: %s", script, stderr.String())
	assert.Empty(t, stderr.String())
	require.NoError(t, json.Unmarshal(out, into), "%s", out)
}

// sidecarURL starts the real sidecar on loopback, forwarding its /api/
// calls to upstream when one is given.
func sidecarURL(t *testing.T, upstream ...string) string {
	t.Helper()
	eng, err := contactlint.New()
	require.NoError(t, err)
	var opts sidecar.Options
	if len(upstream) > 0 {
		opts.Upstream, err = url.Parse(upstream[0])
		require.NoError(t, err)
	}
	h, err := sidecar.New(eng, opts)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// fakeAPI is a stand-in for ResellerClub on loopback: it answers a new
// contact's id and keeps the paths it was called on.
type fakeAPI struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newFakeAPI(t *testing.T) *fakeAPI {
	api := &fakeAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.mu.Lock()
		api.paths = append(api.paths, r.URL.Path)
		api.mu.Unlock()
		io.WriteString(w, "87654321")
	}))
	t.Cleanup(api.Close)
	return api
}

func (api *fakeAPI) calls() []string {
	api.mu.Lock()
	defer api.mu.Unlock()
	return slices.Clone(api.paths)
}

// The client checks on the sidecar's check-only path: a sidecar that
// forwards (-upstream) never passes a check on to the API, valid,
// refused or fixed. (It used to: a check was a real contacts/add.)
func TestPHPClientNeverReachesUpstream(t *testing.T) {
	php(t)
	api := newFakeAPI(t)
	res := runPHP(t, sidecarURL(t, api.URL), []phpCase{
		{Params: contact(nil)},
		{Params: contact(map[string]any{"zipcode": "ABCDE"})},
		{Params: contact(map[string]any{"country": "us"}), Fix: true},
		{Params: map[string]any{"contact-id": "x"}, Command: "contacts/details"},
	})
	assert.Equal(t, "OK", res[0].Status, "%+v", res[0])
	assert.Equal(t, "ERROR", res[1].Status)
	assert.Equal(t, "OK", res[2].Status)
	assert.Equal(t, "US", res[2].Fixed["country"])
	assert.Equal(t, "ERROR", res[3].Status)
	assert.Empty(t, api.calls(), "no check reached the API")
}

// The WHMCS example hooks, with add_hook and the cart stubbed, return the
// API's errors as WHMCS shows them, and in the cart only those on the
// client's own details — with a sidecar that forwards too, never calling
// the API (a valid client was shown the API's authentication error).
func TestWHMCSExampleHooks(t *testing.T) {
	php(t)
	want := map[string][]string{
		"valid":                                {},
		"bad zip and phone":                    {"telnocc: TelephoneNo Country Code is invalid", "zip: Postal Code is invalid"},
		"cart, Spanish address":                {},
		"cart, Madrid postcode with Barcelona": {"example.es: zip: Postal Code is invalid", "example.com: zip: Postal Code is invalid"},
	}
	var got map[string][]string
	runScript(t, "tests/whmcs.php", sidecarURL(t), &got)
	assert.Equal(t, want, got)

	api := newFakeAPI(t)
	got = nil
	runScript(t, "tests/whmcs.php", sidecarURL(t, api.URL), &got)
	assert.Equal(t, want, got)
	assert.Empty(t, api.calls())
}

// The FOSSBilling example adapter refuses a contact call the API would
// refuse before it reaches ResellerClub, and sends everything else on:
// one valid contact is one contacts/add at the API, even with a sidecar
// that forwards beside it. (Its check used to be forwarded: one contact
// became two.)
func TestFOSSBillingExampleAdapter(t *testing.T) {
	php(t)
	var got struct {
		Label   string   `json:"label"`
		Valid   string   `json:"valid contact"`
		BadZip  string   `json:"bad zip"`
		Other   string   `json:"not a contact call"`
		Reached []string `json:"reached ResellerClub"`
	}
	api := newFakeAPI(t)
	runScript(t, "tests/fossbilling.php", sidecarURL(t, api.URL), &got, api.URL)
	assert.Equal(t, "sent", got.Valid)
	assert.Equal(t, "ResellerClub would refuse contacts/add: {zip=Postal Code is invalid}", got.BadZip)
	assert.Equal(t, "sent", got.Other)
	assert.Equal(t, []string{"contacts/add", "domains/register"}, got.Reached, "the refused call never reached ResellerClub")
	assert.Equal(t, []string{"/api/contacts/add.json", "/api/domains/register.json"}, api.calls(), "exactly one contacts/add reached the API")
	assert.Contains(t, got.Label, "contactlint")
}

// ContactLint::fix gives the request back with the sidecar's fixes, in
// PHP's own form, and what would still be refused.
func TestPHPClientFix(t *testing.T) {
	php(t)
	res := runPHP(t, sidecarURL(t), []phpCase{
		{Fix: true, Params: contact(map[string]any{"country": "us", "phone-cc": nil, "phone": "+1.2175550123", "name": "Zoë Müller"})},
		{Fix: true, Params: contact(map[string]any{"zipcode": "ABCDE"})},
	})
	fixed := res[0]
	assert.True(t, fixed.OK, "%+v", fixed)
	assert.Equal(t, "OK", fixed.Status)
	assert.Equal(t, "US", fixed.Fixed["country"])
	assert.Equal(t, "1", fixed.Fixed["phone-cc"])
	assert.Equal(t, "2175550123", fixed.Fixed["phone"])
	assert.Equal(t, "Zoë Müller", fixed.Fixed["name"], "what is not fixed comes back as it was")
	assert.Equal(t, "s3cr3t", fixed.Fixed["api-key"], "the sidecar never answers with a credential: the client puts its own back")
	assert.Len(t, fixed.Changes, 3)

	still := res[1]
	assert.False(t, still.OK)
	assert.Equal(t, "ERROR", still.Status)
	assert.Equal(t, map[string]string{"zip": "Postal Code is invalid"}, still.Errors)
}
