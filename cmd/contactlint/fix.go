package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers/v2"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/tldspec"
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
some still has an error or could not be read, 2 usage or input trouble,
or no request found.

Inputs:
%s
Flags:
`

// change is one value contactlint fix changed; before names the
// parameter a new one was inserted ahead of (a split phone's code).
type change struct {
	role, param, from, to, code string
	before                      string
}

// unsure reports a fix that is a suggestion, not a correction: fix leaves
// the value alone. (unchanged proposes the contact's current value back.)
func unsure(code string) bool { return code == engine.CodeUnchanged }

func runFix(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := newFlagSet("fix", fmt.Sprintf(fixUsage, inputHelp()), stderr)
	format := fl.String("format", "jsonl", "output: jsonl, or query (one query string per request)")
	var in inputFlags
	in.register(fl, "fixed")
	var ef engineFlags
	ef.register(fl, true)
	files, code, ok := parseArgs(fl, args, stdout)
	if !ok {
		return code
	}
	if *format != "jsonl" && *format != "query" {
		fmt.Fprintf(stderr, "contactlint fix: unknown format %q (want jsonl or query)\n", *format)
		return exitTrouble
	}
	inFormat, ok := in.validate(fl, files, stderr)
	if !ok {
		return exitTrouble
	}
	eng, ok := ef.load("fix", stderr)
	if !ok {
		return exitTrouble
	}
	out := bufio.NewWriter(stdout)
	pl := &pipeline{eng: eng, workers: in.workers, format: inFormat, stdin: stdin, stderr: stderr, keys: exportKeys(eng), spill: &spiller{}}
	fx := fixer{eng: eng, phones: phonePairs(eng.Spec())}
	pl.transform = fx.record
	sum := newSummary(false)
	nChanges := 0
	pl.run(files, func(rec *record) {
		sum.add(rec)
		where := fmt.Sprintf("%s:%d", rec.file, rec.line)
		if rec.err != nil {
			// Nothing is lost: a request that cannot be read is written
			// back as it was, when its bytes are known (JSON inputs) —
			// one over the size limit from where it was kept meanwhile.
			var ie *inputError
			if errors.As(rec.err, &ie) && ie.spill != nil {
				fmt.Fprintf(stderr, "%s: input: %v (written back unchanged)\n", where, rec.err)
				out.Write(rec.layout.lead)
				if err := ie.spill.copyTo(out); err != nil {
					pl.fail(where, err)
				}
				out.WriteString(lineEnd(rec.layout))
				return
			}
			if rec.raw == nil {
				fmt.Fprintf(stderr, "%s: input: %v\n", where, rec.err)
				return
			}
			fmt.Fprintf(stderr, "%s: input: %v (written back unchanged)\n", where, rec.err)
			var c bytes.Buffer
			if bytes.ContainsAny(rec.raw, "\r\n") && json.Compact(&c, rec.raw) == nil {
				rec.raw = c.Bytes() // a JSON array's member on several lines: one line
			}
			out.Write(rec.layout.lead)
			out.Write(rec.raw)
			out.WriteString(lineEnd(rec.layout))
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
		switch patched, ok := patchJSON(*rec.fixed, rec.changes, pl.keys); {
		case *format == "query" && rec.fixed.set == nil:
			line = []byte(queryString(rec.fixed.req.Params))
		case ok:
			line = patched
		default:
			line = encodeRequest(*rec.fixed)
		}
		out.Write(rec.layout.lead)
		out.Write(line)
		out.WriteString(lineEnd(rec.layout))
	})
	if err := out.Flush(); err != nil {
		pl.fail("output", err)
	}
	fmt.Fprintf(stderr, "%s; %d values changed\n", sum, nChanges)
	return sum.exitCode(pl, "fix", files, stderr)
}

// fixer applies fixes with an engine; phones are the (number, calling
// code) parameter pairs whose numbers it may split.
type fixer struct {
	eng    *contactlint.Engine
	phones [][2]string
}

// phonePairs reads the pairs from the rules: every field with a
// phone-number check, and the parameter its cc option names.
func phonePairs(spec *tldspec.Spec) [][2]string {
	var pairs [][2]string
	for _, f := range spec.Fields {
		for i := range f.Checks {
			if f.Checks[i].Name == "phone-number" {
				cc, _ := f.Checks[i].ArgValue("cc")
				pairs = append(pairs, [2]string{f.Param, cc})
			}
		}
	}
	return pairs
}

// record applies fixes until none is left (a trimmed value may then get
// its case fixed), at most a few rounds, and keeps the final result.
func (fx fixer) record(d decoded, rec *record) {
	eng := fx.eng
	fixed := d
	if d.set != nil {
		set := *d.set
		set.Contacts = append([]engine.RoleRequest(nil), d.set.Contacts...)
		for i := range set.Contacts {
			c := &set.Contacts[i]
			req := engine.Request{Command: set.Command, TLD: set.TLD, Role: c.Role, Params: c.Params}
			c.Params, _ = fx.params(req, c.Role, &rec.changes)
		}
		fixed.set = &set
		s := eng.CheckSet(set)
		rec.set = &s
	} else {
		fixed.req.Params, rec.res = fx.params(d.req, "", &rec.changes)
	}
	rec.fixed = &fixed
}

// params returns req's parameters fixed, and their check.
func (fx fixer) params(req engine.Request, role string, changes *[]change) ([]engine.Param, engine.Result) {
	eng := fx.eng
	params := append([]engine.Param(nil), req.Params...)
	params = fx.splitPhones(params, role, changes)
	for range 4 {
		req.Params = params
		res := eng.Check(req)
		// The last fix for a parameter wins: later rules see the value
		// normalised, so their fixes include the earlier ones.
		fix := map[string]engine.Violation{}
		var order []string
		for _, v := range res.Violations {
			if v.Fix == "" || unsure(v.Code) {
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
			return params, res
		}
	}
	req.Params = params
	return params, eng.Check(req)
}

// splitPhones splits a phone (or fax) written with its country code
// (+44 20 7946 0000, 0044…) into phone-cc and phone, when the number
// parses as a valid one and phone-cc is absent or says the same code.
func (fx fixer) splitPhones(params []engine.Param, role string, changes *[]change) []engine.Param {
	for _, pair := range fx.phones {
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
			*changes = append(*changes, change{role: role, param: pair[1], from: "", to: code, code: "phone-split", before: pair[0]})
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

// patchJSON writes a request back as it came, with only the values fix
// changed replaced (and a split phone's new code inserted): what it did
// not fix — null and repeated keys, numbers, booleans, escapes, spacing,
// key order — stays byte for byte. ok is false when the request's bytes
// are not known (YAML, CSV) or the fast scanner does not take them; the
// caller then writes the request anew.
func patchJSON(d decoded, changes []change, keys map[string]string) ([]byte, bool) {
	if d.raw == nil {
		return nil, false
	}
	top, ok := scanObject(d.raw)
	if !ok {
		return nil, false
	}
	// target finds the object holding a role's parameters, and where it
	// begins in the request's bytes.
	target := func(role string) (int, []member, bool) {
		base, ms := 0, top
		path := []string{"params"}
		switch {
		case d.set != nil:
			path = []string{"contacts", role}
		case !d.envelope:
			return 0, top, true
		}
		for _, key := range path {
			i := slices.IndexFunc(ms, func(m member) bool { return m.key == key })
			if i < 0 || ms[i].vs < 0 {
				return 0, nil, false
			}
			inner, ok := scanObject(ms[i].val)
			if !ok {
				return 0, nil, false
			}
			base, ms = base+ms[i].vs, inner
		}
		return base, ms, true
	}
	param := func(key string) string {
		if d.export {
			if p, ok := keys[strings.TrimPrefix(strings.TrimPrefix(key, "contact."), "entity.")]; ok {
				return p // an export's internal key
			}
		}
		return key
	}
	type edit struct {
		at, end int
		text    []byte
	}
	var edits []edit
	final := map[[2]string]int{} // the last change of each (role, param) wins
	for i, c := range changes {
		final[[2]string{c.role, c.param}] = i
	}
	for i, c := range changes {
		if final[[2]string{c.role, c.param}] != i {
			continue
		}
		base, ms, ok := target(c.role)
		if !ok {
			return nil, false
		}
		want := c.param
		if c.before != "" {
			want = c.before
		}
		found := -1
		for j, m := range ms {
			if param(m.key) == want {
				if found >= 0 || m.at < 0 {
					return nil, false // repeated, or not placed: not sure where
				}
				found = j
			}
		}
		if found < 0 {
			return nil, false
		}
		m := ms[found]
		if c.before != "" {
			if d.export {
				return nil, false // an export: which key would it take?
			}
			text := append(jsonString(c.param), ':')
			text = append(append(text, jsonString(c.to)...), ',')
			edits = append(edits, edit{base + m.at, base + m.at, text})
			continue
		}
		edits = append(edits, edit{base + m.vs, base + m.vs + len(m.val), jsonString(c.to)})
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.at - a.at })
	out := slices.Clone(d.raw)
	for _, e := range edits {
		out = slices.Concat(out[:e.at], e.text, out[e.end:])
	}
	return out, true
}

// jsonString quotes s as JSON does, without escaping <, > and &.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// lineEnd is the line end a request came with; "\n" when none is known.
func lineEnd(l layout) string {
	if l.end == "" {
		return "\n"
	}
	return l.end
}
