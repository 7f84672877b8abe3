// Package conformance holds tests that hold contactlint's output to
// independent judges: the SARIF 2.1.0 schema (as published by OASIS,
// fetched from the Go module proxy at test time) and an independent JSON
// Schema validator. It is a module of its own so that the validator never
// enters contactlint's dependency graph.
package conformance
