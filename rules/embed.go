// Package rules holds contactlint's rule files, embedded in the binary.
// It is data only: the files are parsed by tldspec and compiled by engine.
package rules

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml
var files embed.FS

// FS returns the embedded rule files.
func FS() fs.FS { return files }

// Name is the name positions give the embedded files: rules/fields.yaml:12:5.
const Name = "rules"
