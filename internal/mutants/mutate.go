package mutants

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/contactlint/contactlint/engine"
)

// SecretMark is in every credential a mutant carries: a test finds a
// printed secret, whole or in part, by looking for it.
const SecretMark = "S3CRETxQ"

// A Mutant is a request and the mutations that made it.
type Mutant struct {
	Req engine.Request
	Ops []string // "op:param", in the order applied
}

// Generate makes n mutants of the seeds, each of one to three mutations,
// deterministically from seed.
func Generate(seeds []engine.Request, n int, seed uint64) []Mutant {
	if len(seeds) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pool := valuesByParam(seeds)
	ops := mutations()
	out := make([]Mutant, 0, n)
	for len(out) < n {
		base := seeds[rng.IntN(len(seeds))]
		m := Mutant{Req: clone(base)}
		for k := 1 + rng.IntN(3); k > 0; k-- {
			op := ops[rng.IntN(len(ops))]
			if name := op.apply(rng, &m.Req, pool); name != "" {
				m.Ops = append(m.Ops, op.name+":"+name)
			}
		}
		if len(m.Ops) > 0 {
			out = append(out, m)
		}
	}
	return out
}

func clone(r engine.Request) engine.Request {
	r.Params = slices.Clone(r.Params)
	r.TLDs = slices.Clone(r.TLDs)
	r.Current = slices.Clone(r.Current)
	return r
}

// valuesByParam is every value the seeds give each parameter, sorted, so
// that a mutation can put another seed's value (another country's postal
// code, say) in its place.
func valuesByParam(seeds []engine.Request) map[string][]string {
	out := map[string][]string{}
	for _, s := range seeds {
		for _, p := range s.Params {
			if !slices.Contains(out[p.Name], p.Value) {
				out[p.Name] = append(out[p.Name], p.Value)
			}
		}
	}
	for _, vs := range out {
		slices.Sort(vs)
	}
	return out
}

type op struct {
	name string
	// apply mutates one parameter of req, and returns its name; "" when
	// the mutation does not apply to req.
	apply func(rng *rand.Rand, req *engine.Request, pool map[string][]string) string
}

// mutations are what people, spreadsheets and panels do to the values of
// a valid request.
func mutations() []op {
	return []op{
		{"pad", onValue(anyValue, func(rng *rand.Rand, v string) string {
			return pick(rng, " ", "\t", "  ") + v + pick(rng, "", " ", "\r\n")
		})},
		{"nbsp", onValue(hasSpace, func(rng *rand.Rand, v string) string {
			return strings.Replace(v, " ", pick(rng, "\u00a0", "\u3000", "\u2009"), 1)
		})},
		{"lower", onValue(hasUpper, func(_ *rand.Rand, v string) string { return strings.ToLower(v) })},
		{"upper", onValue(hasLower, func(_ *rand.Rand, v string) string { return strings.ToUpper(v) })},
		{"zero-fraction", onValue(digitsOnly, func(rng *rand.Rand, v string) string { return v + pick(rng, ".0", ".00") })},
		{"decimal", onValue(digitsOnly, func(rng *rand.Rand, v string) string {
			if len(v) < 2 {
				return v + ".5"
			}
			i := 1 + rng.IntN(len(v)-1)
			return v[:i] + pick(rng, ".", ",") + v[i:]
		})},
		{"exponent", onValue(digitsOnly, func(rng *rand.Rand, v string) string {
			return v[:1] + pick(rng, "e", "E") + strconv.Itoa(len(v)-1)
		})},
		{"separators", onValue(hasDigits, func(rng *rand.Rand, v string) string {
			if len(v) < 2 {
				return v
			}
			r := []rune(v)
			if len(r) < 2 {
				return v
			}
			i := 1 + rng.IntN(len(r)-1)
			return string(r[:i]) + pick(rng, " ", "-", ".", "/", "(", ")") + string(r[i:])
		})},
		{"strip-separators", onValue(hasSeparator, func(_ *rand.Rand, v string) string {
			return strings.NewReplacer(" ", "", "-", "", ".", "").Replace(v)
		})},
		{"swap-separator", onValue(hasSeparator, func(_ *rand.Rand, v string) string {
			return strings.NewReplacer(" ", "-", "-", " ").Replace(v)
		})},
		{"country-prefix", onParam([]string{"zipcode"}, func(rng *rand.Rand, v string, req *engine.Request) string {
			cc := valueOf(req, "country")
			if rng.IntN(3) == 0 || cc == "" {
				cc = pick(rng, "DE", "LT", "SE", "PL", "FR")
			}
			return cc + pick(rng, "-", " ", "") + v
		})},
		{"delete-char", onValue(longerThan(1), func(rng *rand.Rand, v string) string {
			r := []rune(v)
			i := rng.IntN(len(r))
			return string(slices.Delete(r, i, i+1))
		})},
		{"double-char", onValue(anyValue, func(rng *rand.Rand, v string) string {
			r := []rune(v)
			i := rng.IntN(len(r))
			return string(slices.Insert(r, i, r[i]))
		})},
		{"swap-chars", onValue(longerThan(1), func(rng *rand.Rand, v string) string {
			r := []rune(v)
			i := rng.IntN(len(r) - 1)
			r[i], r[i+1] = r[i+1], r[i]
			return string(r)
		})},
		{"nfd", onValue(notASCII, func(_ *rand.Rand, v string) string { return norm.NFD.String(v) })},
		{"other-value", func(rng *rand.Rand, req *engine.Request, pool map[string][]string) string {
			i := paramIndex(rng, req, anyValue)
			if i < 0 || len(pool[req.Params[i].Name]) < 2 {
				return ""
			}
			vs := pool[req.Params[i].Name]
			req.Params[i].Value = vs[rng.IntN(len(vs))]
			return req.Params[i].Name
		}},
		{"drop", func(rng *rand.Rand, req *engine.Request, _ map[string][]string) string {
			if len(req.Params) == 0 {
				return ""
			}
			i := rng.IntN(len(req.Params))
			name := req.Params[i].Name
			req.Params = slices.Delete(req.Params, i, i+1)
			return name
		}},
		{"repeat", func(rng *rand.Rand, req *engine.Request, pool map[string][]string) string {
			i := paramIndex(rng, req, anyValue)
			if i < 0 {
				return ""
			}
			p := req.Params[i]
			if vs := pool[p.Name]; len(vs) > 0 && rng.IntN(2) == 0 {
				p.Value = vs[rng.IntN(len(vs))]
			}
			req.Params = append(req.Params, p)
			return p.Name
		}},
		{"phone-with-code", onParam([]string{"phone", "fax"}, func(rng *rand.Rand, v string, req *engine.Request) string {
			cc := valueOf(req, "phone-cc")
			if cc == "" {
				cc = "44"
			}
			out := pick(rng, "+", "00", "+") + cc + pick(rng, " ", ".", "-", "") + v
			if rng.IntN(4) == 0 {
				out += pick(rng, " ext. 5", " x12", ";ext=7")
			}
			if rng.IntN(2) == 0 {
				setValue(req, "phone-cc", pick(rng, "", cc, cc+"-", "+"+cc, "("+cc+")"))
			}
			return out
		})},
		{"country-name", onParam([]string{"country"}, func(rng *rand.Rand, v string, _ *engine.Request) string {
			names := map[string]string{"US": "United States", "GB": "United Kingdom", "ES": "Spain", "DE": "Germany", "RU": "Russia", "FR": "France", "NL": "Netherlands", "BR": "Brazil", "CA": "Canada", "CN": "China"}
			if n, ok := names[strings.ToUpper(v)]; ok {
				return pick(rng, n, strings.ToLower(n), strings.ToLower(v))
			}
			return strings.ToLower(v)
		})},
		{"credentials", func(rng *rand.Rand, req *engine.Request, _ map[string][]string) string {
			secret := pick(rng, "k3y-", "", "pw:") + SecretMark + strconv.Itoa(rng.IntN(1000))
			name := pick(rng, "api-key", "auth-password")
			secret = pick(rng, " ", "", "\t") + secret + pick(rng, " ", "", "  ")
			if rng.IntN(4) != 0 {
				req.Params = append(req.Params, engine.Param{Name: "auth-userid", Value: strconv.Itoa(100000 + rng.IntN(900000))})
			}
			req.Params = append(req.Params, engine.Param{Name: name, Value: secret})
			return name
		}},
	}
}

// onValue is a mutation of one parameter's value, chosen among those for
// which ok holds.
func onValue(ok func(string) bool, f func(*rand.Rand, string) string) func(*rand.Rand, *engine.Request, map[string][]string) string {
	return func(rng *rand.Rand, req *engine.Request, _ map[string][]string) string {
		i := paramIndex(rng, req, ok)
		if i < 0 {
			return ""
		}
		req.Params[i].Value = f(rng, req.Params[i].Value)
		return req.Params[i].Name
	}
}

// onParam is a mutation of one of the named parameters, when present.
func onParam(names []string, f func(*rand.Rand, string, *engine.Request) string) func(*rand.Rand, *engine.Request, map[string][]string) string {
	return func(rng *rand.Rand, req *engine.Request, _ map[string][]string) string {
		var at []int
		for i, p := range req.Params {
			if slices.Contains(names, p.Name) && p.Value != "" {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			return ""
		}
		i := at[rng.IntN(len(at))]
		req.Params[i].Value = f(rng, req.Params[i].Value, req)
		return req.Params[i].Name
	}
}

// paramIndex picks a parameter whose value ok takes; -1 when none does.
func paramIndex(rng *rand.Rand, req *engine.Request, ok func(string) bool) int {
	var at []int
	for i, p := range req.Params {
		if ok(p.Value) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return -1
	}
	return at[rng.IntN(len(at))]
}

func valueOf(req *engine.Request, name string) string {
	for _, p := range req.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// setValue sets a parameter's value, adding it in front when absent
// (where people write a calling code); "" removes it.
func setValue(req *engine.Request, name, v string) {
	for i, p := range req.Params {
		if p.Name == name {
			if v == "" {
				req.Params = slices.Delete(req.Params, i, i+1)
			} else {
				req.Params[i].Value = v
			}
			return
		}
	}
	if v != "" {
		req.Params = slices.Insert(req.Params, 0, engine.Param{Name: name, Value: v})
	}
}

func pick(rng *rand.Rand, choices ...string) string { return choices[rng.IntN(len(choices))] }

func anyValue(v string) bool { return v != "" }

func longerThan(n int) func(string) bool {
	return func(v string) bool { return len([]rune(v)) > n }
}

func digitsOnly(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func hasDigits(v string) bool { return strings.ContainsAny(v, "0123456789") }

func hasSpace(v string) bool     { return strings.Contains(v, " ") }
func hasSeparator(v string) bool { return strings.ContainsAny(v, " -.") }
func hasUpper(v string) bool     { return strings.IndexFunc(v, unicode.IsUpper) >= 0 }
func hasLower(v string) bool     { return strings.IndexFunc(v, unicode.IsLower) >= 0 }
func notASCII(v string) bool {
	return strings.IndexFunc(v, func(r rune) bool { return r > unicode.MaxASCII }) >= 0
}
