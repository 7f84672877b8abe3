package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/internal/input"
)

// reuseInput is n requests, each carrying its number i everywhere it can
// come back in a record: its name ("User i"), an unknown parameter
// (u-i, a violation's field), a value with spaces around it (a fix of
// its text), a TLD (ti) when an envelope, its contact id when exported,
// its bytes when unreadable.
// Lengths vary, so that a batch's bytes move when they are reused.
func reuseInput(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		pad := strings.Repeat("x", i*7%300)
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, `{"name":"User %d","u-%d":"%s","city":"  Springfield %d  ","country":"US","zipcode":"ABCDE","type":"Contact"}`+"\n", i, i, pad, i)
		case 1:
			fmt.Fprintf(&b, `{"command":"contacts/add","tld":"es,t%d","role":"admin","params":{"name":"User %d","u-%d":"%s","city":"  Madrid %d  "}}`+"\n", i, i, i, pad, i)
		case 2:
			fmt.Fprintf(&b, `{"name":"User %d", "u-%d": "%s" not json`+"\n", i, i, pad) // unreadable: its bytes come back
		case 3:
			fmt.Fprintf(&b, `{"entity.entityid":"%d","contact.name":"User %d","contact.city":"  Paris %d  ","contact.emailaddr":"x%s"}`+"\n", i, i, i, pad)
		default:
			fmt.Fprintf(&b, `{"name":"User %d","u-%d":1,"city":"  Oslo %d  ","country":"NO"}`+"\n", i, i, i)
		}
	}
	return b.Bytes()
}

// A batch's requests, records and their storage are reused once the
// records are written: never before. Each record is held, as it is
// written, to what its own request says — its raw bytes, the fixed
// request fix keeps (its TLDs, in the storage it was decoded into), each
// violation's field and fix, its contact id —
// and the strings kept from every record (as printers and the summary
// keep them) are checked again once all are written. Many workers, small
// requests between long ones, and a writer that yields between records
// give a reuse too early every chance to show; under -race, an access
// to a reused buffer without the hand-over before it is reported.
func TestPipelineReusesOnlyWrittenRecords(t *testing.T) {
	const n = 3000
	in := reuseInput(n)
	eng, err := contactlint.New(contactlint.WithoutPhoneValidity())
	require.NoError(t, err)
	keys := input.ExportKeys(eng)
	for _, mode := range []string{"check", "fix"} {
		for _, j := range []int{1, 2, 7} {
			pl := &pipeline{eng: eng, workers: j, format: input.FormatJSONL, stdin: bytes.NewReader(in), stderr: io.Discard, keys: keys}
			if mode == "fix" {
				pl.transform = func(d input.Decoded, rec *record) { fixRecord(eng, d, rec, false) }
			}
			type kept struct {
				i       int
				strings []string
			}
			var all []kept
			var seen seenTexts
			next := 0
			pl.run([]string{"-"}, func(rec *record) {
				i := next
				next++
				require.Equal(t, i, rec.index, "%s -j %d", mode, j)
				require.Equal(t, i+1, rec.line)
				all = append(all, kept{i, recordTexts(t, rec, i, &seen)})
				if i%3 == 0 {
					runtime.Gosched() // let the reader and workers run ahead
				}
			})
			require.Equal(t, n, next)
			require.Positive(t, seen.raw, "unreadable requests' bytes")
			require.Positive(t, seen.contactIDs)
			require.Positive(t, seen.fields, "unknown parameters")
			if mode == "fix" {
				require.Positive(t, seen.fixedRaw)
				require.Positive(t, seen.tlds)
				require.Positive(t, seen.changes)
			} else {
				require.Positive(t, seen.fixes, "fixes of a value's text")
			}
			for _, k := range all {
				for _, s := range k.strings {
					require.Contains(t, s, fmt.Sprint(k.i), "%s -j %d: request %d's text changed after it was written", mode, j, k.i)
				}
			}
		}
	}
}

// seenTexts counts what recordTexts checked, so that the test is known
// to check something of each kind.
type seenTexts struct{ raw, contactIDs, fixedRaw, tlds, changes, fields, fixes int }

// recordTexts checks that what rec holds is request i's, and returns the
// strings in it that name i.
func recordTexts(t *testing.T, rec *record, i int, seen *seenTexts) []string {
	t.Helper()
	id := fmt.Sprint(i)
	if rec.err != nil {
		require.True(t, bytes.Contains(rec.raw, []byte(`"User `+id+`"`)), "request %d: raw %q", i, rec.raw)
		seen.raw++
		return nil
	}
	var out []string
	if i%5 == 3 {
		require.Equal(t, id, rec.contactID)
		out = append(out, rec.contactID)
		seen.contactIDs++
	}
	if rec.fixed != nil {
		if rec.fixed.Raw != nil {
			require.True(t, bytes.Contains(rec.fixed.Raw, []byte(`"User `+id+`"`)), "request %d: raw %q", i, rec.fixed.Raw)
			seen.fixedRaw++
		}
		found := false
		for _, p := range rec.fixed.Req.Params {
			if p.Name == "name" {
				require.Equal(t, "User "+id, p.Value)
				found = true
			}
		}
		require.True(t, found, "request %d: the fixed request has no name", i)
		if i%5 == 1 {
			require.Equal(t, []string{"es", "t" + id}, rec.fixed.Req.TLDs, "request %d", i)
			out = append(out, rec.fixed.Req.TLDs[1])
			seen.tlds++
		}
		for _, c := range rec.changes {
			require.Contains(t, c.To, id)
			out = append(out, c.To)
			seen.changes++
		}
	}
	for _, v := range rec.violations() {
		switch {
		case strings.HasPrefix(v.Field, "u-"):
			require.Equal(t, "u-"+id, v.Field)
			out = append(out, v.Field)
			seen.fields++
		case v.Fix != "" && strings.Contains(v.Fix, " "):
			require.True(t, strings.HasSuffix(v.Fix, " "+id), "request %d: fix %q", i, v.Fix)
			out = append(out, v.Fix)
			seen.fixes++
		}
	}
	return out
}
