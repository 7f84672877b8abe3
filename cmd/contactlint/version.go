package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Set at link time by scripts/release (-ldflags "-X main.buildVersion=…");
// never written at run time. Empty in a plain go build, which falls back to
// what the Go toolchain stamped (the module version under go install, the
// VCS revision in a checkout).
var (
	buildVersion  string
	buildRevision string
	buildDate     string
)

// versionInfo says which contactlint this is.
type versionInfo struct {
	Version  string // v1.2.3, or (devel)
	Revision string // VCS commit, when known
	Date     string // commit or build time, RFC 3339, when known
	Modified bool   // built from a work tree with uncommitted changes
	Go       string // toolchain
}

func readVersion() versionInfo {
	v := versionInfo{Version: buildVersion, Revision: buildRevision, Date: buildDate, Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Revision == "" {
					v.Revision = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				v.Modified = v.Modified || s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	return v
}

// version is the short form: SARIF's driver.version, /healthz.
func version() string { return readVersion().Version }

// String is what contactlint version prints.
func (v versionInfo) String() string {
	s := "contactlint " + v.Version
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " (" + rev
		if v.Modified {
			s += ", modified"
		}
		if v.Date != "" {
			s += ", " + v.Date
		}
		s += ")"
	} else if v.Date != "" {
		s += " (" + v.Date + ")"
	}
	return fmt.Sprintf("%s %s %s/%s", s, v.Go, runtime.GOOS, runtime.GOARCH)
}
