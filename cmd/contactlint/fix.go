package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers/v2"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
)

const fixUsage = `Usage: contactlint fix [flags] FILE…|-

Writes each request back with every fix contactlint is sure of applied —
separators out of phone numbers and IDs, a leading +CC split into phone-cc
and phone, country names to ISO codes, codes and postal codes in the case
and spacing their format wants, provinces spelt as the spec spells them —
and reports on standard error what it changed. It never changes a value
it is not sure of: not a number whose phone-cc says another country, not a
repeated parameter, not a modification back to the current value. Reads what check reads; writes JSON Lines (or query
strings with -format query; a contact set stays JSON). A request that
cannot be read is written back unchanged when it came as JSON. Exit codes: 0 every fixed request passes, 1
some still has an error, 2 usage or input trouble.

Flags:
`

// change is one value contactlint fix changed.
type change struct {
	role, param, from, to, code string
}

// unsureFixes are fixes that are suggestions, not corrections: fix leaves
// the value alone. (unchanged proposes the contact's current value back.)
var unsureFixes = map[string]bool{"unchanged": true}

func runFix(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fix", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "jsonl", "output: jsonl, or query (one query string per request)")
	input := fl.String("input", "", "input format: "+strings.Join(inputFormats, ", ")+" (default: by extension, else detected)")
	var ef engineFlags
	ef.register(fl, true)
	workers := fl.Int("j", runtime.GOMAXPROCS(0), "requests fixed in parallel (output order is the input's whatever -j)")
	fl.Usage = func() {
		fmt.Fprint(stderr, fixUsage)
		fl.PrintDefaults()
	}
	files, err := parseInterspersed(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "contactlint fix: name the files to fix, or - for standard input")
		return exitTrouble
	}
	if *format != "jsonl" && *format != "query" {
		fmt.Fprintf(stderr, "contactlint fix: unknown format %q (want jsonl or query)\n", *format)
		return exitTrouble
	}
	if *workers < 1 {
		fmt.Fprintln(stderr, "contactlint fix: -j must be at least 1")
		return exitTrouble
	}
	inFormat, err := parseInputFormat(*input)
	if err != nil {
		fmt.Fprintln(stderr, "contactlint fix:", err)
		return exitTrouble
	}
	eng, ok := ef.load("fix", stderr)
	if !ok {
		return exitTrouble
	}
	out := bufio.NewWriter(stdout)
	pl := &pipeline{eng: eng, workers: *workers, format: inFormat, stdin: stdin, stderr: stderr, keys: exportKeys(eng)}
	pl.transform = func(d decoded, rec *record) { fixRecord(eng, d, rec) }
	sum := newSummary(false)
	nChanges := 0
	pl.run(files, func(rec *record) {
		sum.add(rec)
		where := fmt.Sprintf("%s:%d", rec.file, rec.line)
		if rec.err != nil {
			// Nothing is lost: a request that cannot be read is written
			// back as it was, when its bytes are known (JSON inputs).
			if rec.raw == nil {
				fmt.Fprintf(stderr, "%s: input: %v\n", where, rec.err)
				return
			}
			fmt.Fprintf(stderr, "%s: input: %v (written back unchanged)\n", where, rec.err)
			var c bytes.Buffer
			if json.Compact(&c, rec.raw) == nil {
				rec.raw = c.Bytes()
			}
			out.Write(rec.raw)
			out.WriteByte('\n')
			return
		}
		for _, c := range rec.changes {
			role := ""
			if c.role != "" {
				role = c.role + ": "
			}
			fmt.Fprintf(stderr, "%s: %s%s: %q -> %q (%s)\n", where, role, c.param, c.from, c.to, c.code)
			nChanges++
		}
		var line []byte
		if *format == "query" && rec.fixed.set == nil {
			line = []byte(queryString(rec.fixed.req.Params))
		} else {
			line = encodeRequest(*rec.fixed)
		}
		out.Write(line)
		out.WriteByte('\n')
	})
	if err := out.Flush(); err != nil {
		pl.fail("output", err)
	}
	fmt.Fprintf(stderr, "%s; %d values changed\n", sum, nChanges)
	switch {
	case pl.troubled() || sum.unreadable > 0:
		return exitTrouble
	case sum.failed > 0:
		return exitFailed
	}
	return exitOK
}

// fixRecord applies fixes until none is left (a trimmed value may then
// get its case fixed), at most a few rounds, and keeps the final result.
func fixRecord(eng *contactlint.Engine, d decoded, rec *record) {
	rec.contactID = d.contactID
	fixed := d
	if d.set != nil {
		set := *d.set
		set.Contacts = append([]engine.RoleRequest(nil), d.set.Contacts...)
		for i := range set.Contacts {
			c := &set.Contacts[i]
			req := engine.Request{Command: set.Command, TLD: set.TLD, Role: c.Role, Params: c.Params}
			c.Params = fixParams(eng, req, c.Role, &rec.changes)
		}
		fixed.set = &set
		s := eng.CheckSet(set)
		rec.set = &s
	} else {
		fixed.req.Params = fixParams(eng, d.req, "", &rec.changes)
		rec.res = eng.Check(fixed.req)
	}
	rec.fixed = &fixed
}

func fixParams(eng *contactlint.Engine, req engine.Request, role string, changes *[]change) []engine.Param {
	params := append([]engine.Param(nil), req.Params...)
	params = splitPhones(params, role, changes)
	for range 4 {
		req.Params = params
		res := eng.Check(req)
		// The last fix for a parameter wins: later rules see the value
		// normalised, so their fixes include the earlier ones.
		fix := map[string]engine.Violation{}
		var order []string
		for _, v := range res.Violations {
			if v.Fix == "" || unsureFixes[v.Code] {
				continue
			}
			if _, seen := fix[v.Param]; !seen {
				order = append(order, v.Param)
			}
			fix[v.Param] = v
		}
		applied := false
		for _, name := range order {
			v := fix[name]
			// A violation does not say which of a repeated parameter's
			// values it is about: those are left alone.
			i, n := -1, 0
			for j := range params {
				if params[j].Name == name {
					i, n = j, n+1
				}
			}
			if n != 1 || params[i].Value == v.Fix {
				continue
			}
			*changes = append(*changes, change{role: role, param: name, from: params[i].Value, to: v.Fix, code: v.Code})
			params[i].Value = v.Fix
			applied = true
		}
		if !applied {
			break
		}
	}
	return params
}

// splitPhones splits a phone (or fax) written with its country code
// (+44 20 7946 0000, 0044…) into phone-cc and phone, when the number
// parses as a valid one and phone-cc is absent or says the same code.
func splitPhones(params []engine.Param, role string, changes *[]change) []engine.Param {
	for _, pair := range [][2]string{{"phone", "phone-cc"}, {"fax", "fax-cc"}} {
		num, cc := -1, -1
		for i, p := range params {
			switch p.Name {
			case pair[0]:
				num = i
			case pair[1]:
				cc = i
			}
		}
		if num < 0 {
			continue
		}
		v := strings.TrimSpace(params[num].Value)
		if strings.HasPrefix(v, "00") {
			v = "+" + v[2:]
		}
		if !strings.HasPrefix(v, "+") {
			continue
		}
		n, err := phonenumbers.Parse(v, "")
		if err != nil || !phonenumbers.IsValidNumber(n) {
			continue
		}
		code := strconv.Itoa(int(n.GetCountryCode()))
		national := phonenumbers.GetNationalSignificantNumber(n)
		if cc >= 0 && strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(params[cc].Value), "+"), "0") != code {
			continue // phone-cc says otherwise: not sure
		}
		*changes = append(*changes, change{role: role, param: pair[0], from: params[num].Value, to: national, code: "phone-split"})
		params[num].Value = national
		if cc >= 0 {
			if params[cc].Value != code {
				*changes = append(*changes, change{role: role, param: pair[1], from: params[cc].Value, to: code, code: "phone-split"})
				params[cc].Value = code
			}
		} else {
			*changes = append(*changes, change{role: role, param: pair[1], from: "", to: code, code: "phone-split"})
			// Before the number, where people write it.
			params = slices.Insert(params, num, engine.Param{Name: pair[1], Value: code})
		}
	}
	return params
}

// encodeRequest writes a request back as JSON: bare parameters, or the
// envelope it came in, parameters in order and repeats as arrays.
func encodeRequest(d decoded) []byte {
	var b bytes.Buffer
	str := func(s string) { q, _ := json.Marshal(s); b.Write(q) }
	params := func(ps []engine.Param) {
		b.WriteByte('{')
		seen := map[string]bool{}
		first := true
		for i, p := range ps {
			if seen[p.Name] {
				continue
			}
			seen[p.Name] = true
			var vals []string
			for _, q := range ps[i:] {
				if q.Name == p.Name {
					vals = append(vals, q.Value)
				}
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			str(p.Name)
			b.WriteByte(':')
			if len(vals) == 1 {
				str(vals[0])
				continue
			}
			b.WriteByte('[')
			for j, v := range vals {
				if j > 0 {
					b.WriteByte(',')
				}
				str(v)
			}
			b.WriteByte(']')
		}
		b.WriteByte('}')
	}
	field := func(name, v string) {
		if v != "" {
			str(name)
			b.WriteByte(':')
			str(v)
			b.WriteByte(',')
		}
	}
	switch {
	case d.set != nil:
		b.WriteByte('{')
		field("command", d.set.Command)
		field("tld", d.set.TLD)
		b.WriteString(`"contacts":{`)
		for i, c := range d.set.Contacts {
			if i > 0 {
				b.WriteByte(',')
			}
			str(c.Role)
			b.WriteByte(':')
			params(c.Params)
		}
		b.WriteString("}}")
	case d.envelope || d.req.Command != "" && d.contactID == "":
		b.WriteByte('{')
		field("command", d.req.Command)
		field("tld", d.req.TLD)
		field("role", d.req.Role)
		field("method", d.req.Method)
		if len(d.req.Current) > 0 {
			b.WriteString(`"current":`)
			params(d.req.Current)
			b.WriteByte(',')
		}
		b.WriteString(`"params":`)
		params(d.req.Params)
		b.WriteByte('}')
	default:
		params(d.req.Params)
	}
	return b.Bytes()
}

// queryString writes params as a query string, in order.
func queryString(ps []engine.Param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = url.QueryEscape(p.Name) + "=" + url.QueryEscape(p.Value)
	}
	return strings.Join(parts, "&")
}
