package tldspec

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/contactlint/contactlint/internal/suggest"
)

// Source is a set of rule files. Name is put before each file's path in
// positions: "rules" for the embedded files gives rules/contacts.yaml:12:5.
type Source struct {
	Name string
	FS   fs.FS
}

// requiredMessages are the catalogue codes the engine cannot do without:
// a missing parameter, and the fallback for any failed rule whose code has
// no message of its own.
var requiredMessages = [...]string{"required", "invalid"}

// Load reads every *.yaml file of each source and merges them into a Spec.
//
// Later sources override earlier ones: a file at the same path replaces
// the earlier file, and a definition (message, field, command, type) with
// the same name replaces the earlier definition. Within one source a name
// defined twice is a diagnostic. The error, when not nil, is Diagnostics
// sorted by position; warnings land in Spec.Warnings.
func Load(sources ...Source) (*Spec, error) {
	var diags Diagnostics
	files := readSources(sources, &diags)
	if len(files) == 0 && len(diags) == 0 {
		names := make([]string, len(sources))
		for i, s := range sources {
			names[i] = s.Name
		}
		diags.Errorf(Pos{File: strings.Join(names, ", ")}, "no-rules", "no *.yaml rule files found")
	}
	m := newMerger(&diags)
	for _, f := range files {
		pf, d := ParseFile(f.name, f.src)
		diags = append(diags, d...)
		m.add(f.source, pf)
	}
	spec := m.spec
	resolve(spec, &diags)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	spec.Warnings = diags
	return spec, nil
}

type sourceFile struct {
	source int
	rel    string
	name   string
	src    []byte
}

// readSources lists the rule files, a later source's file replacing an
// earlier one at the same path, in (source, path) order.
func readSources(sources []Source, diags *Diagnostics) []sourceFile {
	byRel := map[string]int{}
	var files []sourceFile
	for si, s := range sources {
		if s.FS == nil {
			diags.Errorf(Pos{File: s.Name}, "read", "rule source %q has no file system", s.Name)
			continue
		}
		err := fs.WalkDir(s.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				diags.Errorf(Pos{File: path.Join(s.Name, p)}, "read", "%v", err)
				return nil
			}
			if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			name := path.Join(s.Name, p)
			src, err := readLimited(s.FS, p)
			if err != nil {
				code := "read"
				if errors.Is(err, errTooLarge) {
					code = "too-large"
				}
				diags.Errorf(Pos{File: name}, code, "%v", err)
				return nil
			}
			f := sourceFile{source: si, rel: p, name: name, src: src}
			if i, ok := byRel[p]; ok {
				files[i] = f
				return nil
			}
			byRel[p] = len(files)
			files = append(files, f)
			return nil
		})
		if err != nil {
			diags.Errorf(Pos{File: s.Name}, "read", "%v", err)
		}
	}
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].source != files[j].source {
			return files[i].source < files[j].source
		}
		return files[i].rel < files[j].rel
	})
	return files
}

var errTooLarge = errors.New("rule file is larger than 1 MiB")

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, errTooLarge
	}
	return src, nil
}

// merger adds files' definitions to a Spec, tracking which source defined
// each name so that a later source overrides and the same source clashes.
type merger struct {
	spec  *Spec
	diags *Diagnostics
	from  map[string]origin // kind+name -> where defined
}

type origin struct {
	source int
	pos    Pos
}

func newMerger(diags *Diagnostics) *merger {
	return &merger{
		spec: &Spec{
			messages: map[string]*Message{},
			fields:   map[string]*Field{},
			commands: map[string]*Command{},
			types:    map[string]*ContactType{},
		},
		diags: diags,
		from:  map[string]origin{},
	}
}

// claim records a definition and says whether it is new (true, false),
// overrides one of an earlier source (false, true), or clashes (false, false).
func (m *merger) claim(kind, name string, source int, pos Pos) (isNew, override bool) {
	key := kind + "\x00" + name
	prev, ok := m.from[key]
	switch {
	case !ok:
		m.from[key] = origin{source, pos}
		return true, false
	case prev.source < source:
		m.from[key] = origin{source, pos}
		return false, true
	}
	m.diags.Errorf(pos, "duplicate", "%s %q is already defined at %s", kind, name, prev.pos)
	return false, false
}

func (m *merger) add(source int, f *File) {
	s := m.spec
	s.Files = append(s.Files, f.Name)
	for _, msg := range f.Messages {
		define(m, "message", msg.Code, source, msg.Pos, msg, &s.Messages, s.messages)
	}
	if f.Auth != nil {
		if isNew, over := m.claim("auth", "", source, f.Auth.Pos); isNew || over {
			s.Auth = f.Auth
		}
	}
	for _, fd := range f.Fields {
		define(m, "field", fd.Param, source, fd.Pos, fd, &s.Fields, s.fields)
	}
	for _, c := range f.Commands {
		define(m, "command", c.Name, source, c.Pos, c, &s.Commands, s.commands)
	}
	for _, t := range f.Types {
		define(m, "type", t.Name, source, t.Pos, t, &s.Types, s.types)
	}
}

// define adds v to list and index under name, or replaces the definition
// of an earlier source in place, keeping its order.
func define[T comparable](m *merger, kind, name string, source int, pos Pos, v T, list *[]T, index map[string]T) {
	isNew, over := m.claim(kind, name, source, pos)
	switch {
	case isNew:
		*list = append(*list, v)
	case over:
		replace(*list, index[name], v)
	default:
		return
	}
	index[name] = v
}

func replace[T comparable](list []T, old, new T) {
	for i := range list {
		if list[i] == old {
			list[i] = new
		}
	}
}

// resolve checks the references between definitions.
func resolve(s *Spec, diags *Diagnostics) {
	codes := make([]string, 0, len(s.Messages))
	for _, m := range s.Messages {
		codes = append(codes, m.Code)
	}
	where := strings.Join(s.Files, ", ")
	for _, code := range requiredMessages {
		if _, ok := s.messages[code]; !ok && len(s.Files) > 0 {
			diags.Errorf(Pos{File: where}, "missing-message", "the message catalogue must define %q", code)
		}
	}
	checkMessage := func(ref Opt[string]) {
		if ref.Set {
			if _, ok := s.messages[ref.V]; !ok {
				msg := fmt.Sprintf("no message %q in the catalogue", ref.V)
				if c := suggest.Closest(ref.V, codes); c != "" {
					msg += fmt.Sprintf("; did you mean %q?", c)
				}
				diags.Errorf(ref.Pos, "unknown-message", "%s", msg)
			}
		}
	}
	checkField := func(f *Field) {
		checkMessage(f.Message)
		for _, c := range f.Checks {
			checkMessage(c.Message)
		}
	}
	for _, f := range s.Fields {
		checkField(f)
	}
	// Params a contact type may refine: those of the commands that select
	// a contact type.
	typed := map[string]bool{}
	var typedNames []string
	for _, c := range s.Commands {
		for _, p := range c.Params {
			checkField(&p.Field)
		}
		if !c.ContactType.Set {
			continue
		}
		found := false
		for _, p := range c.Params {
			found = found || p.Param == c.ContactType.V
			if !typed[p.Param] {
				typed[p.Param] = true
				typedNames = append(typedNames, p.Param)
			}
		}
		if !found {
			diags.Errorf(c.ContactType.Pos, "unknown-param", "command %s: contact-type names %q, which is not one of its params", c.Name, c.ContactType.V)
		}
	}
	for _, t := range s.Types {
		for _, f := range t.Fields {
			checkField(&f.Field)
			if !typed[f.Param] {
				msg := fmt.Sprintf("type %s: %q is not a parameter of any command with a contact type", t.Name, f.Param)
				if c := suggest.Closest(f.Param, typedNames); c != "" {
					msg += fmt.Sprintf("; did you mean %q?", c)
				}
				diags.Errorf(f.Pos, "unknown-field", "%s", msg)
			}
		}
	}
}
