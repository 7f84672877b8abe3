// Package tldspec reads contactlint's rule files: YAML that declares the
// API's fields, commands, contact types and message catalogue.
//
// Files are parsed by walking yaml.Node trees so that every definition keeps
// its file:line:col, and strictly: each section is one table of its keys
// and their readers (props.go), and an unknown key, a wrong type, a
// duplicate, an unknown check or message, a bad regular expression, an
// anchor, alias or merge key are each a Diagnostic with a stable Code
// (DiagCodes), never a panic and never ignored. Scalars are read as the
// strings they are written as (01000 stays "01000", NO stays Norway).
//
// Load merges the files of one or more Sources into a Spec, the input of
// engine.Compile, and holds them to a Catalog — the named checks and
// validator tags the engine provides (engine.Catalog) — so that every
// problem a rule file can show without compiling is reported at once. The
// format is described in docs/rules.md.
package tldspec
