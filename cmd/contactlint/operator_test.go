package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint/internal/input"
)

// A request per line: two valid, one with a bad zip, one with a bad zip
// and a lower-case country (a warning).
func operatorExport() []string {
	base := `{"name":"Test User %d","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"%s","zipcode":"%s","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`
	line := func(n int, country, zip string) string {
		return strings.NewReplacer("%d", string(rune('0'+n)), "%s", country).Replace(strings.Replace(base, `"zipcode":"%s"`, `"zipcode":"`+zip+`"`, 1))
	}
	return []string{line(1, "US", "62701"), line(2, "US", "62701"), line(3, "US", "ABCDE"), line(4, "us", "ABCDE")}
}

func writeLines(t *testing.T, path string, lines []string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// -skip and -only by code: what they drop no longer fails a request; an
// unknown code is a usage error that names the nearest one.
func TestSkipAndOnly(t *testing.T) {
	in := strings.Join(operatorExport(), "\n") + "\n"
	out, stderr, code := runCLI(t, in, "check", "-skip", "postal-code", "-")
	assert.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, out, "Postal Code is invalid")
	assert.Contains(t, out, "upper-case ISO", "only the skipped code goes")

	out, _, code = runCLI(t, in, "check", "-only", "country-case", "-format", "csv", "-")
	assert.Equal(t, exitOK, code, "a warning alone passes")
	assert.Equal(t, 2, strings.Count(out, "\n"), "the header and one row:\n%s", out)

	out, _, code = runCLI(t, in, "check", "-only", "postal-code,country-case", "-format", "api", "-")
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, "\n\n"+`{"status":"ERROR","message":"{zip=Postal Code is invalid}"}`+"\n"+`{"status":"ERROR","message":"{zip=Postal Code is invalid}"}`+"\n", out)

	_, stderr, code = runCLI(t, in, "check", "-skip", "postal-cod", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `did you mean "postal-code"?`)
	_, stderr, code = runCLI(t, in, "check", "-only", "nonsense-code", "-")
	assert.Equal(t, exitTrouble, code)
	assert.Contains(t, stderr, `"nonsense-code" is not a violation code`)
}

// -min-severity error hides warnings in every format, and counts stay
// those of the whole result; -quiet drops the summary.
func TestMinSeverityAndQuiet(t *testing.T) {
	in := strings.Join(operatorExport(), "\n") + "\n"
	_, full, _ := runCLI(t, in, "check", "-")
	for _, format := range outputFormats {
		out, stderr, code := runCLI(t, in, "check", "-min-severity", "error", "-format", format, "-")
		assert.Equal(t, exitFailed, code, format)
		assert.NotContains(t, out, `"ruleId":"country-case"`, format)
		assert.NotContains(t, out, ",country-case,", format)
		assert.NotContains(t, out, "upper-case ISO", format)
		assert.Equal(t, full, stderr, "%s: the summary is unchanged", format)
	}
	_, stderr, code := runCLI(t, in, "check", "-quiet", "-")
	assert.Equal(t, exitFailed, code)
	assert.Empty(t, stderr)
	_, _, code = runCLI(t, in, "check", "-min-severity", "info", "-")
	assert.Equal(t, exitTrouble, code)
}

// The baseline round trip: written, a re-run reports nothing new and
// passes; change one request and exactly its violations come back.
func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	export, bl := filepath.Join(dir, "export.jsonl"), filepath.Join(dir, "baseline.json")
	lines := operatorExport()
	writeLines(t, export, lines)

	_, _, code := runCLI(t, "", "check", "-write-baseline", bl, export)
	assert.Equal(t, exitFailed, code, "writing a baseline reports as usual")
	b, err := os.ReadFile(bl)
	require.NoError(t, err)
	var f baselineFile
	require.NoError(t, json.Unmarshal(b, &f))
	assert.Equal(t, 1, f.Version)
	assert.Len(t, f.Entries, 3, "zip on two requests, country on one:\n%s", b)
	assert.Equal(t, strings.Count(string(b), "\n"), len(f.Entries)+5, "an entry per line, for diffs")

	// Written again from the same export: the same bytes (sorted, stable).
	bl2 := filepath.Join(dir, "again.json")
	runCLI(t, "", "check", "-j", "1", "-write-baseline", bl2, export)
	b2, _ := os.ReadFile(bl2)
	assert.Equal(t, string(b), string(b2))

	out, stderr, code := runCLI(t, "", "check", "-baseline", bl, "-format", "jsonl", export)
	assert.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, out, `"violations":[{`, "nothing new")
	assert.Contains(t, stderr, "4 checked, 4 passed, 0 failed, 3 known violations not reported (baseline)")

	// Request 2 gets a bad zip; request 4 moves to the top: only request
	// 2's violation is new.
	lines[1] = strings.Replace(lines[1], "62701", "XYZ", 1)
	lines[0], lines[3] = lines[3], lines[0]
	writeLines(t, export, lines)
	out, _, code = runCLI(t, "", "check", "-baseline", bl, "-format", "csv", export)
	assert.Equal(t, exitFailed, code)
	rows := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, rows, 2, out)
	assert.Contains(t, rows[1], export+",2,1,,,zip,zipcode,postal-code,error")

	for _, bad := range []string{`{"version":2,"entries":[]}`, `not json`, `{"version":1,"entries":[],"extra":1}`} {
		require.NoError(t, os.WriteFile(bl, []byte(bad), 0o644))
		_, stderr, code := runCLI(t, "", "check", "-baseline", bl, export)
		assert.Equal(t, exitTrouble, code, bad)
		assert.Contains(t, stderr, bl, bad)
	}
}

// GitHub: at most -annotations per file, a notice of the rest, and every
// violation in the job summary's table when $GITHUB_STEP_SUMMARY is set.
func TestGitHubLimitsAndSummary(t *testing.T) {
	var lines []string
	for range 8 {
		lines = append(lines, operatorExport()[3]) // an error and a warning each
	}
	in := strings.Join(lines, "\n") + "\n"
	summary := filepath.Join(t.TempDir(), "summary.md")
	require.NoError(t, os.WriteFile(summary, []byte("earlier step\n"), 0o644))
	env := func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return summary
		}
		return ""
	}
	var out, errb strings.Builder
	code := runEnv([]string{"check", "-format", "github", "-annotations", "5", "-"}, env, strings.NewReader(in), &out, &errb)
	assert.Equal(t, exitFailed, code)
	assert.Equal(t, 5, strings.Count(out.String(), "::error ")+strings.Count(out.String(), "::warning "))
	assert.Contains(t, out.String(), "::notice file=<stdin>,title=contactlint::11 more violations")
	b, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "earlier step\n"), "appended, not overwritten")
	assert.Contains(t, string(b), "8 errors, 8 warnings, 0 requests that could not be read")
	assert.Equal(t, 16, strings.Count(string(b), "| &lt;stdin&gt; |"))
}

// SARIF: a rule per code, described from the catalogue, and each result's
// ruleIndex names its rule.
func TestSARIFRulesFromCatalogue(t *testing.T) {
	out, _, _ := runCLI(t, strings.Join(operatorExport(), "\n")+"\n", "check", "-format", "sarif", "-")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				RuleIndex int
			}
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct {
						ID               string
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
					}
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	require.NotEmpty(t, run.Results)
	for _, r := range run.Results {
		assert.Equal(t, r.RuleID, rules[r.RuleIndex].ID)
	}
	for _, r := range rules {
		if r.ID == "digits" {
			assert.Contains(t, r.FullDescription.Text, "digits outside the documented range", "described by the catalogue, not by a violation's message")
		}
		assert.NotEmpty(t, r.ShortDescription.Text, r.ID)
	}
	assert.NotEmpty(t, run.Tool.Driver.Version)
}

// A suite too large to hold goes through a temporary file, and comes out
// the same.
func TestJUnitSpool(t *testing.T) {
	var recs []*record
	for i := range 200 {
		recs = append(recs, &record{index: i, file: "big.jsonl", line: i + 1, err: input.Errorf("broken <%s>", strings.Repeat("x", 50))})
	}
	recs = append(recs, &record{file: "next.jsonl", line: 1})
	render := func(spool int) string {
		var b strings.Builder
		bw := bufio.NewWriter(&b)
		p := &junitPrinter{w: bw, spool: spool}
		for _, r := range recs {
			require.NoError(t, p.Print(r))
		}
		require.NoError(t, p.Close())
		return b.String()
	}
	inMemory, spooled := render(0), render(256)
	assert.Equal(t, inMemory, spooled)
	assert.Contains(t, inMemory, `<testsuite name="big.jsonl" tests="200" failures="0" errors="200" skipped="0">`)
	assert.Contains(t, inMemory, `<testsuite name="next.jsonl" tests="1" failures="0" errors="0" skipped="0">`)
}

// check offers every fix that fix applies: an EPP-style phone number
// gets its split on the violations, from the one fixer both use.
func TestCheckOffersFixFixes(t *testing.T) {
	in := `{"name":"Ada Lovelace","company":"Analytical Engines Ltd","email":"ada@example.com","address-line-1":"12 St James Square","city":"London","country":"GB","zipcode":"SW1Y 4LB","phone":"+44.2079460000","customer-id":"12345","type":"Contact"}` + "\n"
	out, _, code := runCLI(t, in, "check", "-")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, out, `telnocc: Required parameter missing: phone-cc (fix: "44")`)
	fixed, stderr, code := runCLI(t, in, "fix", "-")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, fixed, `"phone-cc":"44","phone":"2079460000"`)
}

// A baseline file is read or refused, never a panic; what it holds is
// what it said.
func FuzzParseBaseline(f *testing.F) {
	f.Add([]byte(`{"version":1,"entries":[{"request":"contact:1","field":"zip","code":"postal-code","count":2}]}`))
	f.Add([]byte(`{"version":1,"entries":[]}`))
	f.Add([]byte(`{"version":1,"entries":[{"request":"sha256:00","role":"admin","field":"type","code":"one-of","count":-3}]}`))
	f.Add([]byte(`{"version":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBaseline("fuzz.json", data)
		if err != nil {
			return
		}
		for k, n := range b.known {
			if n < 1 {
				t.Fatalf("%v counted %d", k, n)
			}
		}
	})
}
