package calibrate

import (
	"sort"

	"github.com/contactlint/contactlint/engine"
)

// Outcome is how a verdict and the API's answer compare.
type Outcome string

const (
	Agree             Outcome = "agree"              // both took it, or both refused it with the same fields and words
	FalseError        Outcome = "false_error"        // we refused, the API took it
	Miss              Outcome = "miss"               // we passed, the API refused
	FieldDifference   Outcome = "field_difference"   // both refused, on other fields
	MessageDifference Outcome = "message_difference" // both refused on the same fields, in other words of our catalogue's
	UnknownMessage    Outcome = "unknown_message"    // both refused on the same fields; the API's words are not in our catalogue
	NotCompared       Outcome = "unreadable"         // the API's answer could not be read
)

// Whole-answer keys: the API's answer is one of these rather than a map.
const (
	keyRequired   = "(required)"
	keyDeprecated = "(deprecated)"
	keyMessage    = "(message)"
)

// Disagreement is one field on which the verdicts differ: the API's key
// (or a whole-answer key), and our code on it ("none" when we had none).
type Disagreement struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// item is one entry of an answer: a field's message and our code for it.
type item struct{ message, code string }

// ourItems is our refusal as the API would word it: the whole answer for
// a missing parameter or a deprecated command, else one message per field.
func ourItems(res engine.Result) map[string]item {
	out := map[string]item{}
	for _, v := range res.Violations {
		if v.Severity != engine.Error {
			continue
		}
		switch v.Code {
		case engine.CodeRequired:
			return map[string]item{keyRequired: {v.Message, v.Code}}
		case engine.CodeDeprecated:
			return map[string]item{keyDeprecated: {v.Message, v.Code}}
		}
		if _, seen := out[v.Field]; !seen {
			out[v.Field] = item{v.Message, v.Code}
		}
	}
	return out
}

func apiItems(a Answer) map[string]item {
	switch {
	case a.Required != "":
		return map[string]item{keyRequired: {message: a.Message}}
	case a.Deprecated:
		return map[string]item{keyDeprecated: {message: a.Message}}
	case len(a.Fields) > 0:
		out := map[string]item{}
		for _, f := range a.Fields {
			out[f.Key] = item{message: f.Message}
		}
		return out
	}
	return map[string]item{keyMessage: {message: a.Message}}
}

// compare classes a verdict against an answer, with the fields they
// differ on and the API's words the catalogue does not have.
func (v *Vocab) compare(res engine.Result, a Answer) (Outcome, []Disagreement, []string) {
	switch {
	case a.Kind == Unreadable:
		return NotCompared, nil, nil
	case a.Kind == Success && res.OK():
		return Agree, nil, nil
	case a.Kind == Success:
		var d []Disagreement
		for k, it := range ourItems(res) {
			d = append(d, Disagreement{v.fieldLabel(k), it.code})
		}
		return FalseError, sorted(d), nil
	}
	theirs := apiItems(a)
	var unknown []string
	for _, it := range theirs {
		if !v.Known(it.message) && it.message != "false" {
			unknown = append(unknown, it.message)
		}
	}
	sort.Strings(unknown)
	if res.OK() {
		var d []Disagreement
		for k := range theirs {
			d = append(d, Disagreement{v.fieldLabel(k), codeOn(res, k)})
		}
		return Miss, sorted(d), unknown
	}
	ours := ourItems(res)
	var d []Disagreement
	sameKeys, sameWords := len(ours) == len(theirs), true
	for k, it := range ours {
		t, ok := theirs[k]
		switch {
		case !ok:
			sameKeys = false
			d = append(d, Disagreement{v.fieldLabel(k), it.code})
		case t.message != it.message:
			sameWords = false
			d = append(d, Disagreement{v.fieldLabel(k), it.code})
		}
	}
	for k := range theirs {
		if _, ok := ours[k]; !ok {
			sameKeys = false
			d = append(d, Disagreement{v.fieldLabel(k), codeOn(res, k)})
		}
	}
	switch {
	case !sameKeys:
		return FieldDifference, sorted(d), unknown
	case sameWords:
		return Agree, nil, unknown
	case len(unknown) > 0:
		return UnknownMessage, sorted(d), unknown
	}
	return MessageDifference, sorted(d), unknown
}

// codeOn is our code on field key (a warning, when we passed), or "none".
func codeOn(res engine.Result, key string) string {
	for _, v := range res.Violations {
		if v.Field == key {
			return v.Code
		}
	}
	return "none"
}

// fieldLabel is a field key as a metric's label may carry it: one the
// rules know, a whole-answer key, or "other" (an answer's keys are the
// upstream's to choose; a label's values must stay few).
func (v *Vocab) fieldLabel(key string) string {
	switch {
	case v.IsKey(key), key == keyRequired, key == keyDeprecated, key == keyMessage:
		return key
	case key == "attr-name" || key == "attr-value":
		return key // a pair's half, as the engine names it
	}
	return "other"
}

func sorted(d []Disagreement) []Disagreement {
	sort.Slice(d, func(i, j int) bool {
		if d[i].Field != d[j].Field {
			return d[i].Field < d[j].Field
		}
		return d[i].Code < d[j].Code
	})
	return d
}
