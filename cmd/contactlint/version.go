package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// buildVersion is set at link time by scripts/release (-ldflags
// "-X main.buildVersion=v1.2.3") and never written at run time. Empty in a
// plain go build, which falls back to what the toolchain stamped: the
// module version under go install or from a tagged checkout, the VCS
// revision and time in any checkout.
var buildVersion string

// buildCommit and buildDate are set at link time where the toolchain
// cannot stamp them: a container build, whose context has no .git
// (-X main.buildCommit=… -X main.buildDate=…, from the Dockerfile's
// COMMIT and DATE build arguments). The toolchain's stamp wins when there
// is one.
var buildCommit, buildDate string

// versionInfo says which contactlint this is.
type versionInfo struct {
	Version  string // v1.2.3, or (devel)
	Revision string // VCS commit, when known
	Date     string // commit time, RFC 3339, when known
	Modified bool   // built from a work tree with uncommitted changes
	Go       string // toolchain
}

func readVersion() versionInfo {
	v := versionInfo{Version: buildVersion, Revision: buildCommit, Date: buildDate, Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Date = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
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
