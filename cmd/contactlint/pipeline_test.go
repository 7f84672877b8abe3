package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generated returns n varied requests as JSON Lines, some broken.
func generated(n int) string {
	var b strings.Builder
	zips := []string{"62701", "ABCDE", "6270", "62701-1234"}
	ccs := []string{"1", "999", "+1", "44"}
	for i := range n {
		if i%97 == 13 {
			b.WriteString("{not json\n")
			continue
		}
		fmt.Fprintf(&b, `{"name":"User %d","company":"Example %d","email":"u%d@example.com","address-line-1":"%d Main Street","city":"Springfield","country":"US","zipcode":%q,"phone-cc":%q,"phone":"2175550123","customer-id":"%d","type":"Contact"}`+"\n",
			i, i, i, i, zips[i%len(zips)], ccs[i/3%len(ccs)], i+1)
	}
	return b.String()
}

// The output is in input order and the same for any number of workers.
func TestWorkersGiveTheSameOutput(t *testing.T) {
	in := generated(2000)
	var want string
	for _, j := range []string{"1", "2", "8", "33"} {
		out, _, code := runCLI(t, in, "check", "-j", j, "--format", "jsonl", "-")
		require.Equal(t, exitFailed, code, "generated input holds unreadable lines")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		require.Len(t, lines, 2000)
		for i, l := range lines {
			require.True(t, strings.HasPrefix(l, fmt.Sprintf(`{"index":%d,`, i)), "line %d: %s", i, l)
		}
		if want == "" {
			want = out
			continue
		}
		assert.Equal(t, want, out, "-j %s", j)
	}
	_, stderr, code := runCLI(t, "", "check", "-j", "0", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, "-j must be at least 1")
}

func TestFailLevelAndSummary(t *testing.T) {
	warnOnly := `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"us","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	bad := strings.Replace(warnOnly, `"62701"`, `"ABCDE"`, 1)
	_, stderr, code := runCLI(t, warnOnly+"\n", "check", "-")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "1 checked, 1 passed, 0 failed")
	_, stderr, code = runCLI(t, warnOnly+"\n", "check", "--fail-level", "warning", "-")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stderr, "1 checked, 0 passed, 1 failed; failing fields: country 1")
	_, stderr, _ = runCLI(t, bad+"\n"+bad+"\n"+warnOnly+"\n{\n", "check", "--input", "jsonl", "-")
	assert.Contains(t, stderr, "3 checked, 1 passed, 2 failed, 1 could not be read; failing fields: zip 2")
	_, _, code = runCLI(t, "", "check", "--fail-level", "info", "-")
	assert.Equal(t, exitTrouble, code)
}
