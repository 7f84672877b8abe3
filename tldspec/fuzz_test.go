package tldspec

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoadRules: arbitrary bytes as a rule file give diagnostics, never a
// panic, and every diagnostic carries a code, a message and its file.
func FuzzLoadRules(f *testing.F) {
	paths, _ := filepath.Glob("testdata/malformed/*.yaml")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(catalogueYAML))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, diags := ParseFile("f.yaml", src)
		for _, d := range diags {
			if d.Code == "" || d.Message == "" || d.Pos.File != "f.yaml" {
				t.Fatalf("incomplete diagnostic %#v", d)
			}
		}
		spec, err := Load(testChecks, Source{Name: "r", FS: fstest.MapFS{"f.yaml": {Data: src}, "base.yaml": {Data: []byte(catalogueYAML)}}})
		if (spec == nil) == (err == nil) {
			t.Fatalf("Load must return a spec or an error: %v, %v", spec, err)
		}
	})
}
