// Package engine compiles a tldspec.Spec into an immutable *Engine and
// checks requests against it, answering as the LogicBoxes contacts API
// would.
//
// Catalog declares what rule files may use (each named check is declared in
// its check_*.go file, beside the function that compiles it). Compile does
// the expensive work once: it flattens contact-type, TLD and role overlays
// into rule sets, prepares messages, compiles patterns and builds the
// country tables. Check then does lookups and closures only; it never
// panics, and a request that passes allocates nothing (docs/performance.md
// has the figures). An Engine is safe for concurrent
// use.
package engine
