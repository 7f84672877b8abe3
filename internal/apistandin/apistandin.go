// Package apistandin is a stand-in for the LogicBoxes API, for tests and
// the README's calibration walk-through on loopback: it answers
// contacts/add in the live API's exact shapes (HTTP 500 and
// {"status":"ERROR","message":"…"} with = written \u003d as Gson writes
// it; a new contact's id; the XML flavour's <response>…</response>), with
// a few verdicts of its own that contactlint's rules do not share, so that
// every kind of comparison can be made.
package apistandin

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Its own verdicts on contacts/add, by what the request holds.
const (
	// NewID is the id a contact the stand-in takes gets.
	NewID = "87654321"
	// MissCity is a city the stand-in refuses ({city=City is invalid}),
	// which contactlint's rules take: a miss.
	MissCity = "Atlantis"
	// UnknownCC is a calling code both refuse, the stand-in in words no
	// catalogue has: an unknown message (its value holds ", ").
	UnknownCC = "999"
	// UnknownCCMessage is those words.
	UnknownCCMessage = "TelephoneNo Country Code 999 is not in service, see the KB, section 4"
)

// API is the stand-in: an http.Handler that also keeps the paths it was
// called on.
type API struct {
	mu    sync.Mutex
	calls []string
}

// Calls lists the paths called, in order.
func (a *API) Calls() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.calls...)
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.calls = append(a.calls, r.URL.Path)
	a.mu.Unlock()
	if r.Method == http.MethodPost {
		r.ParseForm() // query and form body, as the API's servlet reads them
	}
	params := r.Form
	if params == nil {
		params, _ = url.ParseQuery(r.URL.RawQuery)
	}
	xml := strings.HasSuffix(r.URL.Path, ".xml")
	if !strings.Contains(r.URL.Path, "/contacts/add.") {
		answer(w, http.StatusOK, xml, `{"status":"Success"}`, "<hashtable><entry><string>status</string><string>Success</string></entry></hashtable>")
		return
	}
	switch {
	case params.Get("customer-id") == "":
		refuse(w, xml, "Required parameter missing: customer-id")
	case params.Get("phone-cc") == UnknownCC:
		refuse(w, xml, "{telnocc="+UnknownCCMessage+"}")
	case params.Get("zipcode") == "ABCDE":
		refuse(w, xml, "{zip=Postal Code is invalid}")
	case params.Get("city") == MissCity:
		refuse(w, xml, "{city=City is invalid}")
	default:
		answer(w, http.StatusOK, xml, NewID, "<int>"+NewID+"</int>")
	}
}

// refuse answers as the live API refuses: HTTP 500 and its JSON, "=" as
// \u003d (Gson), or the XML flavour's.
func refuse(w http.ResponseWriter, xml bool, msg string) {
	b, _ := json.Marshal(msg) // escapes < > & as Gson does
	j := `{"status":"ERROR","message":` + strings.ReplaceAll(string(b), "=", `\u003d`) + `}`
	x := "<response><status>ERROR</status><message>" + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(msg) + "</message></response>"
	answer(w, http.StatusInternalServerError, xml, j, x)
}

func answer(w http.ResponseWriter, status int, xml bool, j, x string) {
	if xml {
		w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
		w.WriteHeader(status)
		io.WriteString(w, x)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	io.WriteString(w, j)
}
