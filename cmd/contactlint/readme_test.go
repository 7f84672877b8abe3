package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The CLI documentation's usage is the CLI's own help; -update rewrites it.
func TestREADMEUsage(t *testing.T) {
	const path = "../../docs/cli.md"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	help, _, code := runCLI(t, "", "help")
	require.Equal(t, exitOK, code)
	re := regexp.MustCompile("(?s)(<!-- usage:begin[^>]*-->\n).*?(<!-- usage:end -->)")
	m := re.FindStringSubmatch(string(data))
	require.NotNil(t, m, "docs/cli.md has no usage section")
	want := m[1] + "```\n" + help + "```\n" + m[2]
	got := re.FindString(string(data))
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), got, want, 1)), 0o644))
		return
	}
	assert.Equal(t, want, got, "run go test ./cmd/contactlint -update")
}
