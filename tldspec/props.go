package tldspec

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// A prop is one key a rule-file section may hold and the reader of its
// value. Each section has one table of them, from which its known keys
// (and "did you mean") come and by which its keys are dispatched: a key
// cannot be known without being read (hcl's BodySchema, one per block).
// read reports whether the value was good.
type prop[T any] struct {
	key  string
	read func(p *parser, dst *T, what string, k, v *yaml.Node) bool
}

// readProps reads the mapping n into dst by table. It reports unknown
// keys with a suggestion, and returns which keys were given and whether
// every value read was good.
func readProps[T any](p *parser, n *yaml.Node, what string, table []prop[T], dst *T) (given map[string]bool, good bool) {
	given, good = map[string]bool{}, true
	p.props(n, what, propKeys(table), func(key string, k, v *yaml.Node) {
		given[key] = true
		for i := range table {
			if table[i].key == key {
				good = table[i].read(p, dst, what, k, v) && good
				return
			}
		}
	})
	return given, good
}

// propKeys are a table's keys, sorted: what "did you mean" chooses from.
func propKeys[T any](table []prop[T]) []string {
	keys := make([]string, len(table))
	for i := range table {
		keys[i] = table[i].key
	}
	slices.Sort(keys)
	return keys
}

// liftProps reads a section's table into a value that holds the section
// (a Param its Field, a TLD its Overlay).
func liftProps[T, U any](table []prop[T], part func(*U) *T) []prop[U] {
	out := make([]prop[U], len(table))
	for i, pr := range table {
		out[i] = prop[U]{pr.key, func(p *parser, dst *U, what string, k, v *yaml.Node) bool {
			return pr.read(p, part(dst), what, k, v)
		}}
	}
	return out
}
