package contactlint_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every Example in the module is attached to something go/doc shows — the
// package, a type, a function or a method — so that pkg.go.dev and go doc
// show it. go/doc drops, silently, an example named for a method of a type
// the package only aliases (Result_APIResponseStyle here, where Result is
// engine.Result).
func TestExamplesAreShown(t *testing.T) {
	dirs := map[string]bool{}
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "conformance") && path != "." {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_test.go") {
			dirs[filepath.Dir(path)] = true
		}
		return nil
	}))
	total := 0
	for dir := range dirs {
		fset := token.NewFileSet()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var files []*ast.File
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") {
				f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
				require.NoError(t, err)
				files = append(files, f)
			}
		}
		var tests []*ast.File
		for _, f := range files {
			if strings.HasSuffix(fset.File(f.Pos()).Name(), "_test.go") {
				tests = append(tests, f)
			}
		}
		want := map[string]bool{}
		for _, ex := range doc.Examples(tests...) {
			want[ex.Name] = true
		}
		if len(want) == 0 {
			continue
		}
		pkg, err := doc.NewFromFiles(fset, files, "example.com/"+dir)
		require.NoError(t, err)
		shown := map[string]bool{}
		add := func(exs []*doc.Example) {
			for _, ex := range exs {
				shown[ex.Name] = true
			}
		}
		add(pkg.Examples)
		for _, f := range pkg.Funcs {
			add(f.Examples)
		}
		for _, typ := range pkg.Types {
			add(typ.Examples)
			for _, f := range typ.Funcs {
				add(f.Examples)
			}
			for _, m := range typ.Methods {
				add(m.Examples)
			}
		}
		for name := range want {
			total++
			assert.True(t, shown[name], "%s: Example%s is attached to nothing go/doc shows", dir, name)
		}
	}
	assert.Greater(t, total, 5)
}
