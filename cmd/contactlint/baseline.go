package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/input"
)

// A baseline is the violations an export had when it was written
// (-write-baseline); a later run with -baseline reports only the others.
// Entries are keyed by the request — its contact id when the export has
// one, else a hash of its parameters — and the violation's field, code and
// role, so that a request moved to another line, or another file, is still
// the same request.
type baseline struct {
	known map[baselineKey]int
}

type baselineKey struct {
	Request string `json:"request"`
	Role    string `json:"role,omitempty"`
	Field   string `json:"field"`
	Code    string `json:"code"`
}

type baselineEntry struct {
	baselineKey
	Count int `json:"count,omitempty"` // when more than one
}

type baselineFile struct {
	Version int             `json:"version"`
	Entries []baselineEntry `json:"entries"`
}

const baselineVersion = 1

// requestKey names a request for a baseline: "contact:ID" for an exported
// contact, else "sha256:" of its parameters, sorted, and its envelope —
// without the authentication parameters (auth), so that a rotated key is
// the same request and no credential is hashed into a file.
func requestKey(d input.Decoded, auth []string) string {
	if d.ContactID != "" {
		return "contact:" + d.ContactID
	}
	h := sha256.New()
	write := func(parts ...string) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%s", len(p), p)
		}
	}
	params := func(ps []engine.Param) {
		pairs := make([]string, 0, len(ps))
		for _, p := range ps {
			if !slices.Contains(auth, p.Name) {
				pairs = append(pairs, p.Name+"="+p.Value)
			}
		}
		sort.Strings(pairs)
		write(pairs...)
	}
	if d.Set != nil {
		write("set", d.Set.Command, d.Set.TLD)
		for _, c := range d.Set.Contacts {
			write("role", c.Role)
			params(c.Params)
		}
	} else {
		write("request", d.Req.Command, strings.Join(d.Req.TLDs, ","), d.Req.Role)
		params(d.Req.Params)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:32]
}

func readBaseline(path string) (*baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseBaseline(path, b)
}

func parseBaseline(path string, b []byte) (*baseline, error) {
	var f baselineFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a contactlint baseline: %v", path, err)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d (this contactlint reads %d)", path, f.Version, baselineVersion)
	}
	bl := &baseline{known: map[baselineKey]int{}}
	for _, e := range f.Entries {
		bl.known[e.baselineKey] += max(e.Count, 1)
	}
	return bl, nil
}

// matcher reports, for one request's violations in turn, whether each is
// in the baseline, using up its count.
func (b *baseline) matcher(request string) func(engine.Violation) bool {
	if b == nil {
		return func(engine.Violation) bool { return false }
	}
	used := map[baselineKey]int{}
	return func(v engine.Violation) bool {
		k := baselineKey{Request: request, Role: v.Role, Field: v.Field, Code: v.Code}
		if used[k] < b.known[k] {
			used[k]++
			return true
		}
		return false
	}
}

// baselineWriter collects what -write-baseline writes.
type baselineWriter struct {
	counts map[baselineKey]int
}

func (w *baselineWriter) add(rec *record) {
	if rec.err != nil {
		return
	}
	for _, v := range rec.violations() {
		w.counts[baselineKey{Request: rec.key, Role: v.Role, Field: v.Field, Code: v.Code}]++
	}
}

// write writes the baseline sorted, an entry per line, atomically.
func (w *baselineWriter) write(path string) error {
	keys := make([]baselineKey, 0, len(w.counts))
	for k := range w.counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.Request+"\x00"+a.Role+"\x00"+a.Field+"\x00"+a.Code < b.Request+"\x00"+b.Role+"\x00"+b.Field+"\x00"+b.Code
	})
	var buf strings.Builder
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"entries\": [", baselineVersion)
	for i, k := range keys {
		e := baselineEntry{baselineKey: k}
		if n := w.counts[k]; n > 1 {
			e.Count = n
		}
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(keys) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return writeFileAtomic(path, []byte(buf.String()))
}

// writeFileAtomic writes a file whole or not at all: a temporary file
// beside it, renamed over it.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if st, err := os.Stat(path); err == nil {
		os.Chmod(tmp, st.Mode().Perm())
	} else {
		os.Chmod(tmp, 0o644)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
