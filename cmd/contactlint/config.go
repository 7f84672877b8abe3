package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contactlint/contactlint/internal/text/suggest"
)

// configNames are the configuration file the commands look for, from the
// working directory up to the root, as golangci-lint looks for
// .golangci.yml: a project's settings (its rules, codes to skip, its
// baseline) in one place instead of on every command line. Both
// spellings of the extension are found; a directory with both is refused
// rather than one of them silently ignored.
var configNames = []string{".contactlint.yaml", ".contactlint.yml"}

// A configuration's keys are the commands' long flag names. At the top
// they apply to every command that has the flag; under a command's name
// (check:, fix:, explain:, schema:, and lint: for rules lint) to that
// command alone, and
// before the top. A flag on the command line wins over both. A list is
// each value of a repeatable flag (rules, exclude, columns), or the
// values of a comma-separated one (skip, only) in order. Paths are the
// file's: relative to its directory.
//
//	rules: [contactlint-rules]
//	skip: [unknown-param]
//	exclude: ["*.draft.jsonl"]
//	check:
//	  baseline: contactlint-baseline.json
//	  format: sarif

// configSections are the commands with a section of their own.
var configSections = []string{"check", "fix", "explain", "schema", "lint"}

// commandLineOnly are flags no configuration may set: which file to read,
// and -w — a configuration found up the tree (a cloned repository's, one
// in $HOME) must never turn a fix that prints into one that rewrites
// files.
var commandLineOnly = []string{"config", "no-config", "w"}

// pathFlags name files or directories: a configuration's relative path is
// relative to the configuration file.
var pathFlags = []string{"rules", "baseline", "write-baseline"}

// addConfigFlags registers -config and -no-config: a command with them
// reads the configuration file.
func addConfigFlags(fl *flag.FlagSet) {
	fl.String("config", "", "the configuration file (default: "+configNames[0]+" or "+configNames[1]+" in the working directory or the nearest one above it)")
	fl.Bool("no-config", false, "read no configuration file")
}

// applyConfig sets, from the configuration file, each flag of fl the
// command line did not set. A command without -config reads none.
func applyConfig(fl *flag.FlagSet) error {
	cf := fl.Lookup("config")
	if cf == nil || fl.Lookup("no-config").Value.String() == "true" {
		return nil
	}
	path := cf.Value.String()
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil // nowhere to look from
		}
		if path, err = findConfig(wd); path == "" || err != nil {
			return err
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("-config: %w", err)
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return applyConfigFile(fl, path, src, set)
}

// findConfig is the configuration file in dir or the nearest directory
// above it, or "".
func findConfig(dir string) (string, error) {
	for {
		var found []string
		for _, name := range configNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("both %s and %s: keep one", found[0], found[1])
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", nil
		}
		dir = up
	}
}

// configEntry is one key's value and where it is written.
type configEntry struct {
	key    string
	values []string
	line   int
}

func applyConfigFile(fl *flag.FlagSet, path string, src []byte, set map[string]bool) error {
	top, sections, err := readConfig(path, src)
	if err != nil {
		return err
	}
	section := fl.Name()
	if section == "rules lint" {
		section = "lint" // rules: is the flag
	}
	known := knownFlags()
	// The command's own section first: what it sets, the top does not.
	for i, entries := range [][]configEntry{sections[section], top} {
		for _, e := range entries {
			if slices.Contains(commandLineOnly, e.key) {
				return fmt.Errorf("%s:%d: %q is not a setting: only the command line may give -%s", path, e.line, e.key, e.key)
			}
			f := fl.Lookup(e.key)
			if f == nil {
				if !known[e.key] {
					return fmt.Errorf("%s:%d: %q is not a setting%s", path, e.line, e.key, suggest.Hint(e.key, slices.Sorted(maps.Keys(known))))
				}
				continue // another command's flag
			}
			if set[e.key] {
				continue
			}
			set[e.key] = true
			if err := setFromConfig(f, e, filepath.Dir(path)); err != nil {
				if _, ok := f.Value.(choiceFlag); ok && e.key == "format" && i == 1 {
					// A top-level format another command lacks: say where
					// one command's own goes.
					words := strings.Fields(fl.Name())
					err = fmt.Errorf("%v; a format for one command goes under its name (%s:)", err, words[len(words)-1])
				}
				return fmt.Errorf("%s:%d: %s: %v", path, e.line, e.key, err)
			}
		}
	}
	return nil
}

func setFromConfig(f *flag.Flag, e configEntry, dir string) error {
	values := slices.Clone(e.values)
	if slices.Contains(pathFlags, e.key) {
		for i, v := range values {
			if v != "" && !filepath.IsAbs(v) {
				values[i] = filepath.Join(dir, v)
			}
		}
	}
	if _, repeatable := f.Value.(*listFlag); repeatable {
		for _, v := range values {
			if err := f.Value.Set(v); err != nil {
				return err
			}
		}
		return nil
	}
	return f.Value.Set(strings.Join(values, ","))
}

// readConfig reads a configuration's top-level entries and its commands'
// sections, keeping each key's line.
func readConfig(path string, src []byte) (top []configEntry, sections map[string][]configEntry, err error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	sections = map[string][]configEntry{}
	if len(doc.Content) == 0 {
		return nil, sections, nil // empty: no settings
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: a configuration is a mapping of settings", path, root.Line)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if slices.Contains(configSections, k.Value) {
			if v.Kind != yaml.MappingNode {
				return nil, nil, fmt.Errorf("%s:%d: %s: a command's section is a mapping of its settings", path, v.Line, k.Value)
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				e, err := configValue(path, v.Content[j], v.Content[j+1])
				if err != nil {
					return nil, nil, err
				}
				sections[k.Value] = append(sections[k.Value], e)
			}
			continue
		}
		e, err := configValue(path, k, v)
		if err != nil {
			return nil, nil, err
		}
		top = append(top, e)
	}
	return top, sections, nil
}

func configValue(path string, k, v *yaml.Node) (configEntry, error) {
	e := configEntry{key: k.Value, line: k.Line}
	switch v.Kind {
	case yaml.ScalarNode:
		e.values = []string{v.Value}
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return e, fmt.Errorf("%s:%d: %s: a list of values", path, item.Line, k.Value)
			}
			e.values = append(e.values, item.Value)
		}
	default:
		return e, fmt.Errorf("%s:%d: %s: a value or a list of values", path, v.Line, k.Value)
	}
	return e, nil
}

// knownFlags are the flag names of every command, config's keys.
func knownFlags() map[string]bool {
	known := map[string]bool{}
	for _, fl := range commandFlagSets() {
		fl.VisitAll(func(f *flag.Flag) { known[f.Name] = true })
	}
	return known
}

// commandFlagSets are every command's flags, as each command registers
// them (so that the configuration knows every key).
func commandFlagSets() []*flag.FlagSet {
	check, _ := newCheckFlags(io.Discard)
	fix, _ := newFixFlags(io.Discard)
	explain, _ := newExplainFlags(io.Discard)
	schema, _ := newSchemaFlags(io.Discard)
	lint, _ := newLintFlags(io.Discard)
	serve, _ := newServeFlags(io.Discard)
	return []*flag.FlagSet{check, fix, explain, schema, lint, serve}
}
