package engine

import "slices"

// A detail named in more than one pair with different values
// (attr-name1=legalForm&attr-value1=PERSOON&attr-name2=legalForm&attr-value2=BV):
// the API files the pairs in a map and keeps one value, and which one is
// not documented (a map filled in order keeps the last, and the order the
// API reads pairs in is unknown). By the severity rule — an error only
// where refusal is certain — every value is judged, with everything that
// depends on it: the conditions that test it.
//
// A world is one choice of value for each repeated detail a condition
// tests; values that make the same conditions hold are one world, so the
// rules, not the request, bound their number. Each field is judged in
// every world, and a repeated detail on each of its values there. A field
// is refused (an error) only when every one of those judgements refuses
// it; otherwise each error one of them gives is reported as an
// attr-conflict warning. Judging by world and value, never by position,
// gives the same verdict in any parameter order.

// maxWorlds bounds the worlds a request is judged in. Real rules make a
// handful (a condition per value of es_form_juridica or contract-type);
// past the bound, only the first are judged, and what depends on
// conditions is never an error.
const maxWorlds = 64

// repeatedDetail is a declared detail given different values in
// different pairs.
type repeatedDetail struct {
	slot  int
	pairs []int // st.attrs indexes of the pairs that give it a value, by number
	// classes, for a detail that conditions test, group pairs by which of
	// those tests hold on their values, in order of their first pair; nil
	// when no condition tests it.
	classes [][]int
	subject int // its digit in a world's number, for a detail with classes
}

// slotValue is what bind puts in a slot, kept to put it back.
type slotValue struct {
	raw, val, sent string
	flags          uint8
	attrN          int
}

func (st *state) saveSlot(slot int) slotValue {
	return slotValue{st.raw[slot], st.val[slot], st.sent[slot], st.flags[slot], st.attrN[slot]}
}

func (st *state) restoreSlot(slot int, v slotValue) {
	st.raw[slot], st.val[slot], st.sent[slot], st.flags[slot], st.attrN[slot] = v.raw, v.val, v.sent, v.flags, v.attrN
}

func (st *state) putPair(slot int, a *attrPair) {
	st.raw[slot], st.val[slot], st.sent[slot], st.flags[slot], st.attrN[slot] = a.raw, a.value, a.sent, a.flags, a.n
}

// checkRepeated is check's field loop for a request that gives a
// declared detail different values in different pairs (state.multi).
func (e *Engine) checkRepeated(rs *ruleSet, st *state, out []Violation) []Violation {
	reps := repeatedDetails(rs, st)
	saved := make([]slotValue, len(reps))
	for i := range reps {
		saved[i] = st.saveSlot(reps[i].slot)
	}
	defer func() {
		for i := range reps {
			st.restoreSlot(reps[i].slot, saved[i])
		}
	}()
	var radix []int // classes per subject
	worlds, truncated := 1, false
	for i := range reps {
		if reps[i].classes == nil {
			continue
		}
		reps[i].subject = len(radix)
		radix = append(radix, len(reps[i].classes))
		if worlds *= len(reps[i].classes); worlds > maxWorlds {
			worlds, truncated = maxWorlds, true
		}
	}
	digits := make([]int, len(radix))
	// setWorld puts world w's value of each subject in its slot (the
	// first pair of its class; the others make the same conditions
	// hold) and returns the conditions that hold there.
	setWorld := func(w int) uint64 {
		for j := len(radix) - 1; j >= 0; j-- {
			digits[j], w = w%radix[j], w/radix[j]
		}
		for i := range reps {
			if rd := &reps[i]; rd.classes != nil {
				st.putPair(rd.slot, &st.attrs[rd.classes[digits[rd.subject]][0]])
			}
		}
		return rs.mask(st)
	}
	repOf := func(slot int) *repeatedDetail {
		for i := range reps {
			if reps[i].slot == slot {
				return &reps[i]
			}
		}
		return nil
	}

	var runs [][]Violation
	for i := range rs.fields {
		fs := &rs.fields[i]
		slot := fs.variants[0].slot
		rd := repOf(slot)
		if rd == nil && len(fs.conds) == 0 {
			out = checkField(&fs.variants[0], st, out) // the same in every world
			continue
		}
		runs = runs[:0]
		var notice []Violation
		for w := range worlds {
			fr := fs.rules(setWorld(w))
			if rd == nil {
				runs = append(runs, checkField(fr, st, nil))
				continue
			}
			if notice == nil {
				// Once, on the lowest-numbered value, as for a detail
				// named twice with one value.
				st.restoreSlot(slot, saved[slices.IndexFunc(reps, func(r repeatedDetail) bool { return r.slot == slot })])
				notice = []Violation{fr.duplicate.violationOf(fr, st, "")}
			}
			pairs := rd.pairs
			if rd.classes != nil {
				pairs = rd.classes[digits[rd.subject]]
			}
			count := st.count[slot]
			st.count[slot] = 1 // judged as if it were the one value
			for _, pi := range pairs {
				st.putPair(slot, &st.attrs[pi])
				runs = append(runs, checkField(fr, st, nil))
			}
			st.count[slot] = count
		}
		certain := !truncated || len(fs.conds) == 0
		for _, r := range runs {
			certain = certain && hasError(r)
		}
		from := len(out)
		for _, v := range notice {
			out = add(out, v)
		}
		for k, r := range runs {
			for _, v := range r {
				if v.Severity == Error {
					if certain && k > 0 {
						continue // the refusal is reported once, as the lowest-numbered value gives it
					}
					if !certain {
						v = e.conflictViolation(v)
					}
				}
				if !slices.Contains(out[from:], v) {
					out = add(out, v)
				}
			}
		}
	}
	return out
}

func hasError(vs []Violation) bool {
	return slices.ContainsFunc(vs, func(v Violation) bool { return v.Severity == Error })
}

// conflictViolation is an error that only some of the values of a
// repeated detail give: a warning that names it.
func (e *Engine) conflictViolation(v Violation) Violation {
	msg := render(e.attrConflict, vars{param: v.Param, key: v.Field, label: v.Field}) + ": " + v.Message
	return Violation{Field: v.Field, Param: v.Param, Code: CodeAttrConflict, Severity: Warning, Message: msg, Fix: v.Fix, Rule: v.Rule}
}

// repeatedDetails lists the declared details of the request given
// different values in different pairs, in the order of their first pair,
// with the classes of those that conditions of rs test.
func repeatedDetails(rs *ruleSet, st *state) []repeatedDetail {
	var reps []repeatedDetail
	for i := range st.attrs {
		a := &st.attrs[i]
		if a.slot < 0 || a.value == "" {
			continue // an empty value gives no value while another pair gives one
		}
		j := slices.IndexFunc(reps, func(r repeatedDetail) bool { return r.slot == a.slot })
		if j < 0 {
			reps = append(reps, repeatedDetail{slot: a.slot})
			j = len(reps) - 1
		}
		reps[j].pairs = append(reps[j].pairs, i)
	}
	reps = slices.DeleteFunc(reps, func(r repeatedDetail) bool {
		for _, pi := range r.pairs[1:] {
			if st.attrs[pi].value != st.attrs[r.pairs[0]].value {
				return false
			}
		}
		return true
	})
	for i := range reps {
		reps[i].classes = classesOf(rs, st, &reps[i])
	}
	return reps
}

// classesOf groups a repeated detail's pairs by which condition tests on
// it hold on their values; nil when no condition tests it.
func classesOf(rs *ruleSet, st *state, rd *repeatedDetail) [][]int {
	var tests []*condTest
	for i := range rs.conds {
		for j := range rs.conds[i].tests {
			if t := &rs.conds[i].tests[j]; t.attr != "" && t.slot == rd.slot {
				tests = append(tests, t)
			}
		}
	}
	if len(tests) == 0 {
		return nil
	}
	saved := st.saveSlot(rd.slot)
	defer st.restoreSlot(rd.slot, saved)
	var keys []string
	var classes [][]int
	key := make([]byte, len(tests))
	for _, pi := range rd.pairs {
		st.putPair(rd.slot, &st.attrs[pi])
		for k, t := range tests {
			key[k] = '0'
			if t.holds(st) {
				key[k] = '1'
			}
		}
		if c := slices.Index(keys, string(key)); c >= 0 {
			classes[c] = append(classes[c], pi)
			continue
		}
		keys = append(keys, string(key))
		classes = append(classes, []int{pi})
	}
	return classes
}
