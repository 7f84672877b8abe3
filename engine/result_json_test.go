package engine

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/tldspec"
)

// AppendJSON is encoding/json's encoding of a Violation, for every field
// form: omitted fix and role, a position naming nothing, a path that needs
// escaping.
func TestViolationAppendJSON(t *testing.T) {
	for _, v := range []Violation{
		{Field: "zip", Param: "zipcode", Code: CodePostalCode, Severity: Error, Message: "Postal Code is invalid", Rule: tldspec.Pos{File: "rules/fields.yaml", Line: 52, Col: 5}},
		{Field: "telno", Param: "phone", Code: CodePhoneNumber, Severity: Warning, Message: "<&>", Fix: "2175550123", Role: "admin", Rule: tldspec.Pos{Line: 3}},
		{Rule: tldspec.Pos{}},
		{Rule: tldspec.Pos{File: "odd \"dir\"\\é\x01/x.yaml", Line: 1, Col: 2}},
		{Message: "\xff\u2028", Rule: tldspec.Pos{File: "only-a-file.yaml"}},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		assert.Equal(t, bytes.TrimSuffix(want.Bytes(), []byte("\n")), v.AppendJSON(nil), "%+v", v)
	}
	v := Violation{Field: "zip", Param: "zipcode", Code: CodePostalCode, Severity: Error, Message: "m", Rule: tldspec.Pos{File: "rules/fields.yaml", Line: 52, Col: 5}}
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf = v.AppendJSON(buf[:0]) }); n != 0 && !raceEnabled {
		t.Errorf("AppendJSON allocates %v times", n)
	}
}
