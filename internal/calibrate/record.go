package calibrate

import (
	"encoding/json"
	"time"
)

// Version is the record format's version, its "v".
const Version = 1

// Record is one line of a disagreement log (JSON Lines). An agreement is
// recorded in its short form (no ours, api, shapes): calibrate needs it
// for agreement rates.
type Record struct {
	V       int      `json:"v"`
	Time    string   `json:"time"`
	ID      string   `json:"id,omitempty"`
	Mode    string   `json:"mode"`
	Outcome Outcome  `json:"outcome"`
	Command string   `json:"command"`
	Method  string   `json:"method,omitempty"`
	Type    string   `json:"type,omitempty"`
	Country string   `json:"country,omitempty"`
	TLDs    []string `json:"tlds,omitempty"`
	Role    string   `json:"role,omitempty"`
	// Status is the API's HTTP status.
	Status        int            `json:"status,omitempty"`
	Ours          []Ours         `json:"ours,omitempty"`
	API           *Answer        `json:"api,omitempty"`
	Unknown       []string       `json:"unknown,omitempty"`
	Disagreements []Disagreement `json:"disagreements,omitempty"`
	// Errors are our errors' fields and codes, in an agreement's record:
	// what the API was seen refusing too.
	Errors []Disagreement    `json:"errors,omitempty"`
	Shapes map[string]Shape  `json:"shapes,omitempty"`
	Values map[string]string `json:"values,omitempty"`
}

// Record is c as a log record, made at t by a sidecar or Transport in
// mode (enforce or observe), for the call named id.
func (c Comparison) Record(t time.Time, id, mode string) Record {
	r := Record{V: Version, Time: t.UTC().Format(time.RFC3339Nano), ID: id, Mode: mode, Outcome: c.Outcome,
		Command: c.Command, Method: c.Method, Type: c.Type, Country: c.Country, TLDs: c.TLDs, Role: c.Role, Status: c.Answer.Status}
	if c.Outcome == Agree {
		r.Errors = c.Errors
		return r
	}
	a := c.Answer
	r.Ours, r.API, r.Unknown, r.Disagreements, r.Shapes, r.Values = c.Ours, &a, c.Unknown, c.Disagreements, c.Shapes, c.Values
	return r
}

// Line is r as one line of JSON.
func (r Record) Line() []byte {
	b, _ := json.Marshal(r) // plain data: cannot fail
	return append(b, '\n')
}
