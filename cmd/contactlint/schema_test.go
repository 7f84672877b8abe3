package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSchemaGolden(t *testing.T) {
	out, stderr, code := runCLI(t, "", "schema", "-type", "EsContact", "-tld", "es", "-role", "registrant")
	assert.Equal(t, exitOK, code, stderr)
	assert.True(t, json.Valid([]byte(out)))
	golden(t, "schema-es-registrant.json", out)
}

func TestSchemaUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"schema", "-type", "EsContakt"}, `did you mean "EsContact"?`},
		{[]string{"schema", "-command", "contacts/ad"}, `did you mean "contacts/add"?`},
		{[]string{"schema", "-tld", "zz"}, `no rules for the TLD "zz"`},
		{[]string{"schema", "extra"}, `unexpected argument "extra"`},
		{[]string{"schema", "-rules", "testdata/does-not-exist"}, "-rules testdata/does-not-exist: no such directory"},
		{[]string{"schema", "-rules", "testdata/requests.jsonl"}, "not a directory"},
	} {
		_, stderr, code := runCLI(t, "", c.args...)
		assert.Equal(t, exitTrouble, code, "%v", c.args)
		assert.Contains(t, stderr, c.msg, "%v", c.args)
	}
}
