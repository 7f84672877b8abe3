package contactlint_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// shuffleParams returns params in a random order, except that parameters
// of one name keep their order among themselves: the API reads the first
// of a repeated parameter, so that order is the request's meaning, not
// where a client's encoder happens to put things.
func shuffleParams(rng *rand.Rand, params []contactlint.Param) []contactlint.Param {
	out := slices.Clone(params)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	byName := map[string][]string{}
	for _, p := range params {
		byName[p.Name] = append(byName[p.Name], p.Value)
	}
	for i := range out {
		vals := byName[out[i].Name]
		out[i].Value, byName[out[i].Name] = vals[0], vals[1:]
	}
	return out
}

// The answer does not depend on where a client's encoder puts a
// parameter: every request of the case and client corpora, and requests
// generated from them that name a detail in more than one pair (or number
// their pairs 0, 11, 12, …), checked in many random orders, give the same
// result — the same verdict, the same API answer and the same violations
// in the same order.
func TestParamOrderChangesNoVerdict(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	corpus := corpusRequests(t)
	generated := generatedRequests(corpus)
	rng := rand.New(rand.NewPCG(22, 22))
	var requests, shuffles, verdictChanges, otherChanges, repeatedWarned int
	for _, set := range []struct {
		reqs []corpusRequest
		n    int
	}{{corpus, 20}, {generated, 10}} {
		for _, cr := range set.reqs {
			requests++
			want := e.Check(cr.Req)
			if slices.ContainsFunc(want.Violations, func(v contactlint.Violation) bool { return v.Code == engine.CodeAttrRepeated }) {
				repeatedWarned++
			}
			for range set.n {
				shuffles++
				req := cr.Req
				req.Params = shuffleParams(rng, cr.Req.Params)
				got := e.Check(req)
				switch {
				case got.OK() != want.OK() || !bytes.Equal(got.APIResponse(), want.APIResponse()):
					verdictChanges++
					t.Errorf("%s: the verdict changes with the order:\n%s\nwant %s\ngot  %s", cr.Name, engine.EncodeQuery(req.Params), want.APIResponse(), got.APIResponse())
				case !slices.Equal(got.Violations, want.Violations):
					otherChanges++
					t.Errorf("%s: the violations change with the order:\n%s\nwant %v\ngot  %v", cr.Name, engine.EncodeQuery(req.Params), want.Violations, got.Violations)
				}
			}
		}
	}
	t.Logf("%d requests (%d from the corpora, %d generated with repeated details, %d warned attr-repeated), %d shuffles: %d verdict changes, %d other changes",
		requests, len(corpus), len(generated), repeatedWarned, shuffles, verdictChanges, otherChanges)
	require.Greater(t, len(generated), 500, "too few generated requests to mean anything")
	require.Greater(t, repeatedWarned, 500)
}

// The faces read a request the same way: FromValues (a service's
// url.Values), the CLI's reader (contactlint.ReadRequests: a query-string
// line, and a JSON envelope) and the sidecar's (apihttp.Request, on a
// POST form or a GET query) give requests with the same result as the
// request itself, on every request of the corpora and the generated ones.
// The contact's current details (contacts/modify) are left out: neither a
// query string nor the sidecar carries them.
func TestFacesReadAlike(t *testing.T) {
	e, err := contactlint.Default()
	require.NoError(t, err)
	methods := map[string]string{}
	for _, c := range e.Commands() {
		methods[c.Name] = c.Method
	}
	corpus := corpusRequests(t)
	all := append(corpus, generatedRequests(corpus)...)
	faces := map[string]int{}
	for _, cr := range all {
		req := cr.Req
		req.Current = nil
		command := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(req.Command, "/"), "api/"), ".json")
		if command == "" {
			command = engine.DefaultCommand
		}
		if req.Method == "" {
			req.Method = methods[command]
		}
		if req.Method == "" {
			req.Method = http.MethodPost
		}
		want := e.Check(req)
		check := func(face string, got contactlint.Request) {
			t.Helper()
			faces[face]++
			res := e.Check(got)
			if !slices.Equal(res.Violations, want.Violations) || res.Command != want.Command {
				t.Errorf("%s: %s reads it otherwise:\nwant %v\ngot  %v\nparams %s", cr.Name, face, want.Violations, res.Violations, engine.EncodeQuery(req.Params))
			}
		}

		// A service's url.Values.
		v := url.Values{}
		for _, p := range req.Params {
			v.Add(p.Name, p.Value)
		}
		fv := contactlint.FromValues(req.Command, v, contactlint.ForTLD(req.TLDs...), contactlint.AsRole(req.Role))
		fv.Method = req.Method
		check("FromValues", fv)

		// The CLI: a query-string line (the request's URL; a query string
		// has no envelope, so TLD, role and method are the run's), and a
		// JSON envelope.
		line := "/api/" + command + ".json?" + engine.EncodeQuery(req.Params) + "\n"
		q := readOne(t, line, "query")
		q.TLDs, q.Role, q.Method = req.TLDs, req.Role, req.Method
		check("ReadRequests(query)", q)
		check("ReadRequests(json)", readOne(t, envelopeJSON(req), "json"))

		// The sidecar: the form body of a POST, or a GET's query.
		var hr *http.Request
		if req.Method == http.MethodGet {
			hr = httptest.NewRequest(http.MethodGet, "/api/"+command+".json?"+engine.EncodeQuery(req.Params), nil)
		} else {
			hr = httptest.NewRequest(http.MethodPost, "/api/"+command+".json", nil)
			hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		hr.Header.Set(apihttp.HeaderTLD, strings.Join(req.TLDs, ","))
		hr.Header.Set(apihttp.HeaderRole, req.Role)
		body := ""
		if req.Method != http.MethodGet {
			body = engine.EncodeQuery(req.Params)
		}
		call, ok := apihttp.Route(e, hr.Method, hr.URL.Path)
		if !ok {
			continue // a call the rules do not describe: the sidecar does not check it
		}
		rd := apihttp.Read(e, hr, call, body, nil)
		require.Empty(t, rd.Unread)
		check("apihttp.Read", rd.Request)
	}
	t.Logf("%d requests (%d from the corpora), through %v", len(all), len(corpus), faces)
}

// readOne reads the one request of input in format.
func readOne(t *testing.T, input, format string) contactlint.Request {
	t.Helper()
	var got []contactlint.Request
	err := contactlint.ReadRequests(strings.NewReader(input), format, nil, func(_ int, req contactlint.Request, _ *contactlint.SetRequest, err error) {
		require.NoError(t, err, input)
		got = append(got, req)
	})
	require.NoError(t, err)
	require.Len(t, got, 1, input)
	return got[0]
}

// envelopeJSON writes req as the CLI's JSON envelope, its parameters in
// the order of their first appearance, a repeated one as a list.
func envelopeJSON(req contactlint.Request) string {
	var b strings.Builder
	str := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	b.WriteString(`{"command":` + str(req.Command) + `,"tld":` + str(strings.Join(req.TLDs, ",")) + `,"role":` + str(req.Role) + `,"method":` + str(req.Method) + `,`)
	if req.Current != nil {
		cur := map[string]string{}
		for _, p := range req.Current {
			if _, seen := cur[p.Name]; !seen {
				cur[p.Name] = p.Value
			}
		}
		j, _ := json.Marshal(cur)
		b.WriteString(`"current":` + string(j) + `,`)
	}
	b.WriteString(`"params":{`)
	var names []string
	vals := map[string][]string{}
	for _, p := range req.Params {
		if _, seen := vals[p.Name]; !seen {
			names = append(names, p.Name)
		}
		vals[p.Name] = append(vals[p.Name], p.Value)
	}
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(str(n) + ":")
		if len(vals[n]) == 1 {
			b.WriteString(str(vals[n][0]))
			continue
		}
		j, _ := json.Marshal(vals[n])
		b.Write(j)
	}
	b.WriteString("}}")
	return b.String()
}
