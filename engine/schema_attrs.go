package engine

import (
	"slices"
	"strconv"
	"strings"
)

// Extra details in a schema. JSON Schema cannot say "the value of the
// pair whose name is kpp" for any N, so the schema says it for the pairs
// numbered 0 to schemaAttrPairs, and of a pair numbered above only that
// it names a detail. The engine reads every pair by its number, and a
// detail named in more than one pair is refused only when every value
// would be; so the schema is built to accept whatever a pair it cannot
// tie together might make acceptable, and to refuse a detail's values
// only when every value an enumerated pair gives is refused and no other
// pair names it. It is looser than the engine there, never stricter.

// schemaAttrPairs is the highest pair number a schema ties together: the
// pairs 0 (clients that count from 0) to 10.
const schemaAttrPairs = 10

// beyondPairName matches the name parameter of a pair the schema does
// not tie together: numbered above schemaAttrPairs, or with a sign or
// leading zeros (attr-name01, which the API may read as pair 1 or not at
// all: the engine does not hold a detail given only there missing).
const beyondPairName = `^attr-name(?:[+-][0-9]+|0[0-9]+|1[1-9]|[2-9][0-9]|[1-9][0-9]{2,})$`

// notBlank matches a value with a character Java's trim keeps.
const notBlank = `[^\x00-\x20]`

// blank is a value the engine reads as not given: nothing Java's trim
// keeps.
var blank = map[string]any{"pattern": `^[\x00-\x20]*$`}

// attrNames is the names a pair may give a detail by: its own and its
// aliases (older names, which count as it).
func (sb *schemaBuilder) attrNames(attr string) map[string]any {
	names := []string{attr}
	for alias, canon := range sb.cmd.aliasOf {
		if canon == attr {
			names = append(names, alias)
		}
	}
	slices.Sort(names[1:])
	return map[string]any{"enum": names}
}

// pairGives says pair n names the detail (names) with a value that value
// describes.
func pairGives(n int, names, value any) map[string]any {
	name, val := "attr-name"+strconv.Itoa(n), "attr-value"+strconv.Itoa(n)
	return map[string]any{"properties": map[string]any{name: names, val: value}, "required": []string{name, val}}
}

// givenEnumerated: some pair the schema ties together gives the detail a
// value (an empty one gives none).
func (sb *schemaBuilder) givenEnumerated(attr string) map[string]any {
	return sb.ref("given-"+attr, func() any {
		names := sb.attrNames(attr)
		var some []any
		for n := 0; n <= schemaAttrPairs; n++ {
			some = append(some, pairGives(n, names, map[string]any{"pattern": notBlank}))
		}
		return map[string]any{"anyOf": some}
	})
}

// namedBeyond: a pair numbered above schemaAttrPairs names the detail; its
// value is out of the schema's reach.
func (sb *schemaBuilder) namedBeyond(attr string) map[string]any {
	return map[string]any{"not": sb.noneBeyond(attr)}
}

func (sb *schemaBuilder) noneBeyond(attr string) map[string]any {
	return sb.ref("none-beyond-"+attr, func() any {
		return map[string]any{"patternProperties": map[string]any{beyondPairName: map[string]any{"not": sb.attrNames(attr)}}}
	})
}

// everyGiven: every pair the schema ties together that gives the detail
// a value gives one that s describes.
func (sb *schemaBuilder) everyGiven(attr string, s any) map[string]any {
	names := sb.attrNames(attr)
	var all []any
	for n := 0; n <= schemaAttrPairs; n++ {
		all = append(all, map[string]any{
			"if":   pairGives(n, names, map[string]any{"pattern": notBlank}),
			"then": map[string]any{"properties": map[string]any{"attr-value" + strconv.Itoa(n): s}},
		})
	}
	return map[string]any{"allOf": all}
}

// attrConstraints says a detail's presence and value rules of the
// request's pairs.
func (sb *schemaBuilder) attrConstraints(fr *fieldRules) []any {
	switch {
	case fr.forbidden != nil:
		// No pair it can see gives it a value.
		return []any{map[string]any{"not": sb.givenEnumerated(fr.param)}}
	case fr.required != nil:
		// Some pair gives it a value: one the schema sees, or one it
		// cannot see the value of.
		return append([]any{map[string]any{"anyOf": []any{sb.givenEnumerated(fr.param), sb.namedBeyond(fr.param)}}}, sb.attrValues(fr)...)
	}
	return sb.attrValues(fr)
}

// attrValues: where a pair the schema sees gives the detail a value, one
// such value is valid — or a pair it cannot see names the detail.
func (sb *schemaBuilder) attrValues(fr *fieldRules) []any {
	core, _, _ := coreSchema(fr)
	if len(core) == 1 {
		return nil // nothing to say beyond "a string"
	}
	good := map[string]any{"allOf": []any{map[string]any{"pattern": notBlank}, core}}
	names := sb.attrNames(fr.param)
	var some []any
	for n := 0; n <= schemaAttrPairs; n++ {
		some = append(some, pairGives(n, names, good))
	}
	return []any{map[string]any{
		"if":   sb.givenEnumerated(fr.param),
		"then": map[string]any{"anyOf": append(some, sb.namedBeyond(fr.param))},
	}}
}

// surelyHolds is a condition as a schema that holds only where the
// condition holds whichever value the API keeps of a detail named in
// more than one pair: every test surely holds.
func (sb *schemaBuilder) surelyHolds(c *condition) any {
	return sb.ref("holds-"+sb.condName(c), func() any {
		tests := make([]any, len(c.tests))
		for i := range c.tests {
			tests[i], _ = sb.test(&c.tests[i])
		}
		return map[string]any{"allOf": tests}
	})
}

// condName names a condition in $defs: by its place in the rule set.
func (sb *schemaBuilder) condName(c *condition) string {
	for i := range sb.rs.conds {
		if &sb.rs.conds[i] == c {
			return "condition-" + strconv.Itoa(i+1)
		}
	}
	return "condition-" + c.pos.String()
}

// surelyNot holds only where the condition fails whichever value the API
// keeps: some test surely fails.
func (sb *schemaBuilder) surelyNot(c *condition) any {
	return sb.ref("fails-"+sb.condName(c), func() any {
		tests := make([]any, len(c.tests))
		for i := range c.tests {
			_, tests[i] = sb.test(&c.tests[i])
		}
		return map[string]any{"anyOf": tests}
	})
}

// test is one condition test as two schemas: where it surely holds and
// where it surely fails. A value not given reads as "". A parameter has
// one value (the API reads the first), so for it the two are each
// other's negation; a detail's are both false where its values disagree
// or a pair the schema cannot see names it.
func (sb *schemaBuilder) test(t *condTest) (holds, fails any) {
	var given map[string]any // a value given that makes the test hold
	absentHolds := false
	switch {
	case t.is != nil:
		absentHolds = slices.Contains(t.is, "")
		var vals []string
		for _, v := range t.is {
			if v != "" {
				vals = append(vals, v)
			}
		}
		if len(vals) > 0 {
			given = enumSchema(vals, t.upper)
		}
	case t.isNot != nil:
		given = map[string]any{"not": enumSchema(t.isNot, t.upper)}
	case t.in != nil:
		given = enumSchema(t.in.exactValues(), t.upper)
	case t.notIn != nil:
		given = map[string]any{"not": enumSchema(t.notIn.exactValues(), t.upper)}
	}
	if t.attr != "" {
		return sb.attrTest(t.attr, given, absentHolds)
	}
	if t.slot < 0 { // the command has no such parameter: never given
		return absentHolds, !absentHolds
	}
	name := sb.cmd.params[t.slot].name
	absent := map[string]any{"anyOf": []any{
		map[string]any{"not": map[string]any{"required": []string{name}}},
		map[string]any{"properties": map[string]any{name: blank}, "required": []string{name}},
	}}
	var present any = false
	if given != nil {
		present = map[string]any{"properties": map[string]any{name: map[string]any{"allOf": []any{map[string]any{"pattern": notBlank}, given}}}, "required": []string{name}}
	}
	if absentHolds {
		holds = map[string]any{"anyOf": []any{absent, present}}
	} else {
		holds = present
	}
	return holds, map[string]any{"not": holds}
}

// attrTest is a test on a detail: it surely holds where no pair out of
// the schema's reach names it and every value given makes it hold (none
// given: where not given holds); it surely fails where every value given
// fails it (none given: where not given fails).
func (sb *schemaBuilder) attrTest(attr string, given map[string]any, absentHolds bool) (holds, fails any) {
	var givenFails any = map[string]any{}
	var givenHolds any = false
	if given != nil {
		givenHolds, givenFails = given, map[string]any{"not": given}
	}
	some := sb.givenEnumerated(attr)
	h := []any{sb.noneBeyond(attr), sb.everyGiven(attr, givenHolds)}
	f := []any{sb.noneBeyond(attr), sb.everyGiven(attr, givenFails)}
	if absentHolds {
		f = append(f, some)
	} else {
		h = append(h, some)
	}
	return map[string]any{"allOf": h}, map[string]any{"allOf": f}
}

// enumSchema is a value that is one of values — in any case when fold
// (country codes, which the engine compares upper-cased).
func enumSchema(values []string, fold bool) map[string]any {
	if !fold {
		return map[string]any{"enum": values}
	}
	alts := make([]string, len(values))
	for i, v := range values {
		var b strings.Builder
		for _, r := range v {
			if f := foldClass(r); f != "" {
				b.WriteString(f)
			} else {
				writeRune(&b, r, false)
			}
		}
		alts[i] = b.String()
	}
	return map[string]any{"pattern": "^(?:" + strings.Join(alts, "|") + ")$"}
}
