package contactlint_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/mutants"
	"github.com/contactlint/contactlint/tldspec"
)

// A valid request allocates nothing, whatever its contact type, TLD and
// role: every valid request of the corpora (a seed of every type, every
// TLD with rules and every role), the same for a TLD without rules of
// its own (com, net: no did-you-mean search), and with values in
// Cyrillic and Latin with diacritics (already in NFC: no normalising).
// (A request with warnings allocates their result, and the text of
// those that name what the request gave.)
func TestValidRequestsAllocateNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	e, err := contactlint.Default()
	require.NoError(t, err)
	corpus, err := mutants.Corpus("testdata/cases", "testdata/clients")
	require.NoError(t, err)
	seeds := mutants.Valid(e, corpus, tldspec.Roles())
	types, tlds, roles := mutants.Coverage(seeds)
	require.Subset(t, types, e.Types(), "a valid seed of every contact type")
	require.Subset(t, tlds, e.TLDs(), "a valid seed for every TLD with rules")
	require.Subset(t, roles, tldspec.Roles(), "a valid seed in every role")

	var reqs []engine.Request
	for _, r := range seeds {
		reqs = append(reqs, r)
		if len(r.TLDs) == 0 {
			for _, tld := range []string{"com", "net", "org", "info"} {
				v := r
				v.TLDs = []string{tld}
				reqs = append(reqs, v)
			}
		}
	}
	// Values beyond ASCII, in NFC as nearly all are.
	reqs = append(reqs,
		contactlint.FromMap("contacts/add", map[string]string{"name": "Иван Петров", "company": "ООО Пример", "email": "ivan@primer.ru",
			"address-line-1": "ул. Тверская, д. 7", "city": "Москва", "country": "RU", "zipcode": "101000",
			"phone-cc": "7", "phone": "4951234567", "customer-id": "7", "type": "Contact"}),
		contactlint.FromMap("contacts/add", map[string]string{"name": "Jürgen Müller-Lüdenscheidt", "company": "Société Générale", "email": "j@example.de",
			"address-line-1": "Straße des 17. Juni 135", "city": "São Paulo", "country": "BR", "zipcode": "01310-100",
			"phone-cc": "55", "phone": "1131234567", "customer-id": "7", "type": "Contact"}),
	)
	var clean []engine.Request
	for _, r := range reqs {
		if len(e.Check(r).Violations) == 0 {
			clean = append(clean, r)
		}
	}
	types, tlds, roles = mutants.Coverage(clean)
	require.Subset(t, types, e.Types(), "a request without violations of every contact type")
	require.Subset(t, tlds, append(e.TLDs(), "com", "net"), "a request without violations for every TLD with rules, and com and net")
	require.Subset(t, roles, tldspec.Roles(), "a request without violations in every role")
	for _, r := range clean {
		if n := testing.AllocsPerRun(20, func() { e.Check(r) }); n != 0 {
			t.Errorf("Check allocates %v times on a request without violations: %s", n, describe(r))
		}
	}
	t.Logf("%d requests without violations (%d types, %d TLDs, %d roles)", len(clean), len(types), len(tlds), len(roles))
}

func describe(r engine.Request) string {
	var b strings.Builder
	b.WriteString(r.Command + " tld=" + strings.Join(r.TLDs, ",") + " role=" + r.Role)
	for _, p := range r.Params {
		if p.Name == "type" || p.Name == "country" {
			b.WriteString(" " + p.Name + "=" + p.Value)
		}
	}
	return b.String()
}
