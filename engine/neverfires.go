package engine

import (
	"slices"
	"strings"
)

// A field's rules run in order and stop at its first error, so a rule
// after an error rule that takes only a few values (one-of, in-list) can
// fire only on one of those values. When it passes every one of them,
// it never fires: an .EU countryOfCitizenship must be an EU member state
// before the country check asks whether it is an assigned code at all.
// Such rules are kept (they are what the rule file says, and a rule
// file's overlay may widen the list) but marked, so that explain and the
// rule reference (docs/rules.md) do not list them as if they could.

// maxCaseVariants bounds the case variants of a value tried for a rule
// compared upper-cased (2^letters): a longer value makes no claim.
const maxCaseVariants = 256

// markNeverFires marks, in fr, the rules no value can make fire.
func markNeverFires(fr *fieldRules) {
	var st *state
	for i := range fr.rules {
		gate := &fr.rules[i]
		if gate.sev != Error || gate.accepts == nil {
			continue
		}
		values, ok := passingValues(gate)
		if !ok {
			continue
		}
		if st == nil {
			st = newState(fr.slot + 1) // a request with nothing else in it
		}
		for j := i + 1; j < len(fr.rules); j++ {
			r := &fr.rules[j]
			if r.neverFires != "" || !r.valueOnly {
				continue
			}
			if !slices.ContainsFunc(values, func(v string) bool { return !r.ok(v, st) }) {
				r.neverFires = "every value " + gate.detail + " (" + gate.code + ", error) takes passes it"
			}
		}
	}
}

// passingValues lists every value gate passes: its values, and in every
// case when it compares them upper-cased.
func passingValues(gate *rule) ([]string, bool) {
	if !gate.foldsCase {
		return gate.accepts, true
	}
	var out []string
	for _, v := range gate.accepts {
		letters := 0
		for i := 0; i < len(v); i++ {
			if c := v[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				letters++
			}
		}
		if 1<<letters > maxCaseVariants {
			return nil, false
		}
		for mask := range 1 << letters {
			b := []byte(strings.ToUpper(v))
			k := 0
			for i, c := range b {
				if c >= 'A' && c <= 'Z' {
					if mask&(1<<k) != 0 {
						b[i] = c + 'a' - 'A'
					}
					k++
				}
			}
			out = append(out, string(b))
		}
	}
	return out, true
}
