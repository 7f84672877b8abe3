package engine

import (
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contactlint/contactlint/rules"
	"github.com/contactlint/contactlint/tldspec"
)

// generatedTLDs are n rule files beside the embedded ones, each a TLD
// with .RU's rules under other names: attributes, conditions on them
// and on a parameter, and field overlays — for how compiling grows with
// the TLDs loaded.
func generatedTLDs(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	src, err := fs.ReadFile(rules.FS(), "tld-ru.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for i := range n {
		name := fmt.Sprintf("zz%03d", i)
		text := strings.Replace(string(src), "\n  ru:\n", "\n  "+name+":\n", 1)
		text = strings.Replace(text, "product-key: dotru", "product-key: dot"+name, 1)
		// Attributes of its own, as real TLDs have (es_*, cpr, …).
		for _, attr := range []string{"contract-type", "birth-date", "person-r", "passport", "org-r", "address-r", "kpp", "code"} {
			text = regexp.MustCompile(`([\s\[,])`+attr+`([:,\]])`).ReplaceAllString(text, "${1}"+name+"-"+attr+"$2")
		}
		fsys["tld-"+name+".yaml"] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func compileWithTLDs(tb testing.TB, gen fstest.MapFS, opts Options) *Engine {
	tb.Helper()
	spec, err := tldspec.Load(Catalog(), tldspec.Source{Name: rules.Name, FS: rules.FS()}, tldspec.Source{Name: "gen", FS: gen})
	if err != nil {
		tb.Fatal(err)
	}
	e, err := Compile(spec, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// BenchmarkCompileTLDs loads and compiles the embedded rules eagerly with
// 0, 20 and 100 more TLDs: the time per TLD should not grow with their
// number.
func BenchmarkCompileTLDs(b *testing.B) {
	for _, n := range []int{0, 20, 100} {
		gen := generatedTLDs(b, n)
		b.Run(fmt.Sprintf("plus=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compileWithTLDs(b, gen, Options{SkipPhoneValidity: true})
			}
		})
	}
}

// Compiling grows linearly with the TLDs loaded: the bytes allocated for
// each TLD added from +10 to +30 and from +30 to +50 are about the same
// (bytes, not time: a count is the same on a busy machine). A walk of
// every attribute entry per condition of every rule set, and a visit of
// every attribute slot per rule set, once made the second step cost
// twice the first.
func TestCompileGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the rules with 50 more TLDs")
	}
	bytesFor := func(n int) float64 {
		gen := generatedTLDs(t, n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		compileWithTLDs(t, gen, Options{SkipPhoneValidity: true})
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc - before.TotalAlloc)
	}
	b10, b30, b50 := bytesFor(10), bytesFor(30), bytesFor(50)
	first, second := (b30-b10)/20, (b50-b30)/20
	t.Logf("per TLD: %.0f kB from +10 to +30, %.0f kB from +30 to +50 (%.2f×)", first/1024, second/1024, second/first)
	if second > 1.15*first {
		t.Errorf("compiling grows faster than linearly: a TLD costs %.2f× as much from +30 to +50 as from +10 to +30", second/first)
	}
}

// BenchmarkCheckTLDs checks the valid Contact and .ES registrant with 0
// and 100 more TLDs loaded: a request's cost should not grow with the
// TLDs it does not name.
func BenchmarkCheckTLDs(b *testing.B) {
	for _, n := range []int{0, 100} {
		e := compileWithTLDs(b, generatedTLDs(b, n), Options{SkipPhoneValidity: true, Lazy: true})
		for _, c := range []struct {
			name string
			req  Request
		}{{"valid", benchValid}, {"es-valid", benchESValid}} {
			b.Run(fmt.Sprintf("plus=%d/%s", n, c.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.Check(c.req)
				}
			})
		}
	}
}
