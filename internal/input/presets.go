package input

import (
	"slices"
	"strings"
)

// Preset maps a billing panel's client export to API parameters.
type Preset struct {
	Name string
	// Source says where the export's columns come from.
	Source string
	// Signature are columns whose presence together tells the export
	// apart.
	Signature []string
	Rules     []columnRule
}

// presets are the panels' exports. Filled from their own code and docs;
// each names its source.
var presets = []Preset{}

func presetNamed(name string) *Preset {
	for i := range presets {
		if strings.EqualFold(presets[i].Name, name) {
			return &presets[i]
		}
	}
	return nil
}

func presetNames() []string {
	var out []string
	for _, p := range presets {
		out = append(out, p.Name)
	}
	return out
}

// recognise is the preset whose signature the header has, or nil.
func recognise(names []string) *Preset {
	has := func(c string) bool {
		return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, c) })
	}
	for i := range presets {
		p := &presets[i]
		if len(p.Signature) > 0 && !slices.ContainsFunc(p.Signature, func(c string) bool { return !has(c) }) {
			return p
		}
	}
	return nil
}
