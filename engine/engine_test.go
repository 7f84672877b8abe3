package engine

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

const basicRules = `version: 1
auth:
  user: auth-userid
  secret: [api-key, auth-password]
fields:
  auth-userid: {type: integer}
  name: {label: Name, max-length: 20}
  city: {label: City}
  zipcode: {key: zip, label: Postal Code, checks: [{postal-code: {country: country}}]}
  country: {label: Country, checks: [country]}
commands:
  t/add:
    params:
      - name: {required: true}
      - city
      - zipcode
      - country: {required: true}
  t/other:
    params: [name]
`

func basicEngine(t testing.TB) *Engine {
	return compileFiles(t, map[string]string{"rules.yaml": basicRules})
}

func run(e *Engine, params ...string) Result {
	var ps []Param
	for _, kv := range params {
		name, val, _ := strings.Cut(kv, "=")
		ps = append(ps, Param{name, val})
	}
	return e.Check(Request{Command: "t/add", Params: ps})
}

func TestNormalisation(t *testing.T) {
	e := basicEngine(t)
	r := run(e, "name= Ada ", "country=GB")
	assert.Equal(t, []string{"name whitespace warning"}, summary(r))
	assert.Equal(t, "Ada", r.Violations[0].Fix)

	r = run(e, "name=Ad\xffa", "country=GB")
	assert.Equal(t, []string{"name encoding warning"}, summary(r))

	// An empty or blank required value is a missing one.
	assert.Equal(t, []string{"name required error"}, summary(run(e, "name=", "country=GB")))
	assert.Equal(t, []string{"name required error"}, summary(run(e, "name=   ", "country=GB")))

	// Repeated: the API reads the first value.
	r = run(e, "name=Ada", "name=this one is far too long for the limit", "country=GB")
	assert.Equal(t, []string{"name duplicate-param warning"}, summary(r))

	// NFD input is compared as NFC.
	assert.Equal(t, "Coru\u00f1a", func() string { v, _, _ := normalize("Corun\u0303a"); return v }())
}

func TestMissingParametersInSpecOrder(t *testing.T) {
	e := basicEngine(t)
	r := run(e, "city=Paris")
	assert.Equal(t, []string{"name required error", "country required error"}, summary(r))
	assert.Equal(t, `{"status":"ERROR","message":"Required parameter missing: name"}`, string(r.APIResponse()))
}

func TestUnknownParamsAndCommands(t *testing.T) {
	e := basicEngine(t)
	r := run(e, "name=Ada", "country=GB", "zipcod=SW1A 1AA", "whatever=1")
	assert.Equal(t, []string{"whatever unknown-param warning", "zipcod unknown-param warning"}, summary(r), "by name, wherever they are written")
	assert.Contains(t, r.Violations[1].Message, "did you mean zipcode?")
	assert.NotContains(t, r.Violations[0].Message, "did you mean")

	// The API has calls the rules do not describe: not checked, a warning.
	r = e.Check(Request{Command: "t/ad"})
	assert.Equal(t, []string{"command unknown-command warning"}, summary(r))
	assert.Contains(t, r.Violations[0].Message, "did you mean t/add?")
	assert.True(t, r.OK())
	assert.Nil(t, r.APIResponse())

	for _, form := range []string{"t/add", "/api/t/add.json", "api/t/add.json", "t/add.json"} {
		assert.Equal(t, "t/add", e.Check(Request{Command: form}).Command, form)
	}
}

func TestAuth(t *testing.T) {
	e := basicEngine(t)
	assert.Empty(t, summary(run(e, "name=Ada", "country=GB")), "no auth at all is fine")
	assert.Empty(t, summary(run(e, "auth-userid=1", "api-key=k", "name=Ada", "country=GB")))
	assert.Empty(t, summary(run(e, "auth-userid=1", "auth-password=p", "name=Ada", "country=GB")))
	assert.Equal(t, []string{"auth-userid auth-incomplete warning"}, summary(run(e, "auth-userid=1", "name=Ada", "country=GB")))
	assert.Equal(t, []string{"api-key auth-incomplete warning"}, summary(run(e, "api-key=k", "name=Ada", "country=GB")))
	assert.Equal(t, []string{"auth-userid integer error"}, summary(run(e, "auth-userid=me", "api-key=k", "name=Ada", "country=GB")))
	assert.Equal(t, []string{"auth-userid integer error"}, summary(e.Check(Request{Command: "t/other", Params: []Param{{"auth-userid", "x"}, {"api-key", "k"}}})),
		"every command takes the auth parameters")
}

// One engine, 32 goroutines, the same answers as a sequential run.
func TestConcurrentChecks(t *testing.T) {
	e := basicEngine(t)
	var reqs []Request
	for i := range 200 {
		reqs = append(reqs, Request{Command: "t/add", Params: []Param{
			{"name", strings.Repeat("n", i%30)},
			{"country", []string{"GB", "US", "us", "ZZ", "XK", ""}[i%6]},
			{"zipcode", []string{"SW1A 1AA", "62701", "ABCDE", "k1a 0b1"}[i%4]},
			{fmt.Sprintf("extra%d", i%3), "x"},
		}})
	}
	want := make([]Result, len(reqs))
	for i, r := range reqs {
		want[i] = e.Check(r)
	}
	var wg sync.WaitGroup
	got := make([][]Result, 32)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range reqs {
				j := (i + g*7) % len(reqs)
				if got[g] == nil {
					got[g] = make([]Result, len(reqs))
				}
				got[g][j] = e.Check(reqs[j])
			}
		}()
	}
	wg.Wait()
	for g := range got {
		require.Equal(t, want, got[g], "goroutine %d", g)
	}
}

func TestValidRequestDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	e := basicEngine(t)
	req := Request{Command: "t/add", Params: []Param{{"name", "Ada Lovelace"}, {"city", "London"}, {"zipcode", "SW1A 1AA"}, {"country", "GB"}}}
	require.True(t, e.Check(req).OK())
	assert.Zero(t, testing.AllocsPerRun(100, func() { e.Check(req) }))
}

// Huge values and names are checked in linear time and reported, not
// suggested for (edit distance is skipped past 64 bytes).
func TestHugeInput(t *testing.T) {
	e := basicEngine(t)
	big := strings.Repeat("a", 10<<20)
	r := run(e, "name="+big, "country=GB", big+"=x", "attr-name"+big+"=y")
	assert.Equal(t, []string{"name too-long error", big + " unknown-param warning", "attr-name" + big + " unknown-param warning"}, summary(r))
	assert.NotContains(t, r.Violations[1].Message, "did you mean")
}

// CheckInto answers as Check does, in the given storage: a loop that
// hands back the last result allocates nothing.
func TestCheckInto(t *testing.T) {
	e := embeddedEngine(t, Options{SkipPhoneValidity: true})
	reqs := []Request{benchInvalid, benchValid, {Command: "no/such"}, {Command: "contacts/add", TLDs: []string{"es", "br"}, Params: benchInvalid.Params}}
	var buf []Violation
	for _, req := range reqs {
		want := e.Check(req)
		got := e.CheckInto(buf, req)
		assert.Equal(t, want.Command, got.Command)
		if len(want.Violations) == 0 {
			assert.Empty(t, got.Violations)
		} else {
			assert.Equal(t, want.Violations, got.Violations, "%+v", req)
		}
		buf = got.Violations
	}
	buf = e.CheckInto(nil, benchInvalid).Violations
	if !raceEnabled {
		assert.Zero(t, testing.AllocsPerRun(50, func() { buf = e.CheckInto(buf, benchInvalid).Violations }))
	}
	assert.Nil(t, e.CheckInto(nil, benchValid).Violations, "a pass without warnings has none")
}

// The scratch state a request leaves behind is cleared for the next: a
// request after one that gave every parameter, current values and
// attributes sees none of them.
func TestStateClearedBetweenRequests(t *testing.T) {
	e := embeddedEngine(t, Options{SkipPhoneValidity: true})
	full := Request{Command: "contacts/add", TLDs: []string{"es"}, Params: append(slices.Clone(benchValid.Params),
		Param{"attr-name1", "es_form_juridica"}, Param{"attr-value1", "1"}, Param{"attr-name2", "es_tipo_identificacion"}, Param{"attr-value2", "1"})}
	modify := Request{Command: "contacts/modify", Current: []Param{{"name", "Old Name"}}, Params: []Param{{"contact-id", "1"}, {"name", "New"}}}
	empty := Request{Command: "contacts/add", TLDs: []string{"es"}}
	want := e.Check(empty)
	for range 3 {
		e.Check(full)
		e.Check(modify)
		assert.Equal(t, want, e.Check(empty))
	}
}

// The embedded rules compiled lazily answer as compiled whole: the same
// explanation for every command, contact type, TLD and role, and the same
// results for the case corpus' kinds of request; and built on first use
// by many requests at once, under -race.
func TestLazyAnswersAsEager(t *testing.T) {
	eager := embeddedEngine(t, Options{SkipPhoneValidity: true})
	require.Empty(t, eager.Warnings(), "the embedded rules compile without a diagnostic, which Lazy relies on")
	lazy := embeddedEngine(t, Options{SkipPhoneValidity: true, Lazy: true})

	reqs := []Request{benchValid, benchInvalid, benchESValid, benchESInvalid,
		{Command: "contacts/modify", TLDs: []string{"at", "ru"}, Params: []Param{{"contact-id", "1"}, {"name", "x"}}},
		{Command: "contacts/add", TLDs: []string{"asia"}, Role: "admin", Params: benchValid.Params}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, req := range reqs {
				assert.Equal(t, eager.Check(req), lazy.Check(req))
			}
		}()
	}
	wg.Wait()

	if testing.Short() {
		return
	}
	roles := append([]string{""}, tldspec.Roles()...)
	types := append([]string{""}, eager.Types()...)
	tlds := append([]string{""}, eager.TLDs()...)
	for _, c := range eager.Commands() {
		for _, typ := range types {
			for _, tld := range tlds {
				for _, role := range roles {
					q := Query{Command: c.Name, Type: typ, TLD: tld, Role: role}
					want, err := eager.Explain(q)
					got, lerr := lazy.Explain(q)
					require.Equal(t, err, lerr, "%+v", q)
					require.Equal(t, want, got, "%+v", q)
				}
			}
		}
	}
}

// reset clears every slot a request wrote, and only those are written:
// after requests that give parameters, current values, attributes, a
// detail in two pairs with different values and an oddly numbered pair,
// the state the pool hands back is all zero once reset.
func TestResetClearsEverySlot(t *testing.T) {
	e := embeddedEngine(t, Options{SkipPhoneValidity: true})
	esPairs := func(extra ...Param) []Param {
		return append(slices.Clone(benchESValid.Params), extra...)
	}
	reqs := []Request{
		benchValid, benchInvalid, benchESValid, benchESInvalid,
		{Command: "contacts/modify", TLDs: []string{"ru"}, Current: []Param{{"name", "Old"}, {"emailaddr", "a@b.c"}, {"attr-name1", "x"}},
			Params: []Param{{"contact-id", "1"}, {"name", " New "}, {"attr-name1", "contract-type"}, {"attr-value1", "PRS"}}},
		{Command: "contacts/add", TLDs: []string{"es"}, Role: "registrant", Params: esPairs(Param{"attr-name9", "es_tipo_identificacion"}, Param{"attr-value9", "3"})},
		{Command: "contacts/add", TLDs: []string{"es"}, Params: []Param{{"attr-name01", "es_form_juridica"}, {"attr-value01", "1"}, {"name", "x"}}},
		{Command: "contacts/add", TLDs: []string{"ru", "es"}, Params: esPairs(Param{"name", "twice"})},
	}
	used := 0
	for range 3 {
		for _, r := range reqs {
			e.Check(r)
			st := e.pool.Get().(*state)
			if len(st.touched) > 0 {
				used++
			}
			st.reset()
			for i := range st.raw {
				if st.raw[i] != "" || st.val[i] != "" || st.sent[i] != "" || st.count[i] != 0 || st.flags[i] != 0 || st.attrN[i] != 0 || st.cur[i] != "" || st.hasCur[i] {
					t.Fatalf("after %+v, slot %d is not cleared", r, i)
				}
			}
			e.pool.Put(st)
		}
	}
	require.Positive(t, used, "the pool never handed back the state a Check used")
}
