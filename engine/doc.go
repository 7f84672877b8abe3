// Package engine compiles a tldspec.Spec into an immutable *Engine and
// checks requests against it, answering as the LogicBoxes contacts API
// would.
//
// Compile does the expensive work once: it flattens contact-type overlays,
// prepares messages, compiles patterns, probes validator tags and builds
// the country tables. Check then does lookups and closures only; it never
// panics, and a request that passes allocates nothing (the README's
// Performance section has the figures). An Engine is safe for concurrent
// use.
package engine
