package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// instructions reads a Dockerfile's instructions of the last stage, joined
// continuation lines, comments dropped: keyword → its arguments, in order.
func instructions(t *testing.T, path string) (stages int, last [][2]string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	var line string
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "#") || l == "" && line == "" {
			continue
		}
		if strings.HasSuffix(l, "\\") {
			line += strings.TrimSuffix(l, "\\") + " "
			continue
		}
		line += l
		kw, args, _ := strings.Cut(line, " ")
		kw = strings.ToUpper(kw)
		if kw == "FROM" {
			stages++
			last = nil
		}
		last = append(last, [2]string{kw, strings.TrimSpace(args)})
		line = ""
	}
	require.NoError(t, sc.Err())
	return stages, last
}

// serveFlags are the names of serve's flags, to check deployment
// settings against.
func serveFlags() map[string]bool {
	names := map[string]bool{}
	fl, _ := newServeFlags(io.Discard)
	fl.VisitAll(func(f *flag.Flag) { names[f.Name] = true })
	return names
}

// The Dockerfile builds a static binary into a distroless image that runs
// serve as a non-root user, and its HEALTHCHECK, run with the image's
// environment, reaches the sidecar its CMD starts. (No Docker daemon is
// needed: the instructions are read and the two commands run here.)
func TestDockerfile(t *testing.T) {
	stages, final := instructions(t, "../../Dockerfile")
	assert.GreaterOrEqual(t, stages, 2, "a multi-stage build")
	get := func(kw string) []string {
		var out []string
		for _, in := range final {
			if in[0] == kw {
				out = append(out, in[1])
			}
		}
		return out
	}
	execForm := func(kw string) []string {
		t.Helper()
		v := get(kw)
		require.Len(t, v, 1, kw)
		s := v[0]
		if kw == "HEALTHCHECK" {
			_, s, _ = strings.Cut(s, "CMD ")
		}
		var args []string
		require.NoError(t, json.Unmarshal([]byte(s), &args), "%s in exec form", kw)
		return args
	}
	from := get("FROM")[0]
	assert.True(t, strings.Contains(from, "distroless/static") || from == "scratch", from)
	// Every base image pinned by digest; the version, commit and date
	// stamped from build arguments (no .git in the context).
	src, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	for _, m := range regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(string(src), -1) {
		assert.Regexp(t, `@sha256:[0-9a-f]{64}$`, m[1], "FROM %s is pinned by digest", m[1])
	}
	for _, arg := range []string{"VERSION", "COMMIT", "DATE"} {
		assert.Contains(t, string(src), "ARG "+arg)
	}
	assert.Contains(t, string(src), "-X main.buildCommit=${COMMIT} -X main.buildDate=${DATE}")
	user := get("USER")
	require.Len(t, user, 1)
	assert.NotRegexp(t, `^(root|0)(:|$)`, user[0])

	env := map[string]string{}
	for _, e := range get("ENV") {
		k, v, ok := strings.Cut(e, "=")
		require.True(t, ok, "ENV %s in key=value form", e)
		env[k] = v
	}
	flags := serveFlags()
	for k := range env {
		assert.True(t, flags[strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "CONTACTLINT_"), "_", "-"))], "%s is a serve setting", k)
	}
	_, port, err := net.SplitHostPort(env["CONTACTLINT_ADDR"])
	require.NoError(t, err)
	assert.Equal(t, []string{port}, get("EXPOSE"))

	entry, cmd, health := execForm("ENTRYPOINT"), execForm("CMD"), execForm("HEALTHCHECK")
	require.Len(t, entry, 1)
	assert.Contains(t, get("COPY")[0], " "+entry[0], "the entrypoint is the binary copied in")
	assert.Equal(t, []string{"serve"}, cmd)
	assert.Equal(t, entry[0], health[0])

	// Run both as the image would, on a free port instead of 8080.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, free, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	env["CONTACTLINT_ADDR"] = "0.0.0.0:" + free
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	startServe(t, ctx, cmd[1:], envOf(env), &stderr, done)
	var out, errOut strings.Builder
	assert.Equal(t, exitOK, runEnv(health[1:], envOf(env), nil, &out, &errOut), errOut.String())
	cancel()
	assert.Equal(t, exitOK, <-done)

	dockerfile, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	assert.Contains(t, string(dockerfile), "CGO_ENABLED=0 go build -trimpath", "a static binary")
	assert.Contains(t, string(dockerfile), "-X main.buildVersion=${VERSION}", "the version stamped")
}

// The systemd unit starts serve with settings serve knows, and passes
// systemd's own checks: systemd-analyze verify, and an exposure score of
// "OK" (at most 2.0) from systemd-analyze security.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile("../../deploy/contactlint.service")
	require.NoError(t, err)
	flags := serveFlags()
	var execStart string
	for _, l := range strings.Split(string(unit), "\n") {
		switch {
		case strings.HasPrefix(l, "ExecStart="):
			execStart = strings.TrimPrefix(l, "ExecStart=")
		case strings.HasPrefix(l, "Environment=CONTACTLINT_"):
			k, _, _ := strings.Cut(strings.TrimPrefix(l, "Environment=CONTACTLINT_"), "=")
			assert.True(t, flags[strings.ToLower(strings.ReplaceAll(k, "_", "-"))], l)
		}
	}
	for _, want := range []string{"DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "CapabilityBoundingSet=\n"} {
		assert.Contains(t, string(unit), want)
	}
	args := strings.Fields(execStart)
	require.GreaterOrEqual(t, len(args), 2)
	assert.Equal(t, "serve", args[1])

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed; the unit's own checks are skipped")
	}
	// verify needs ExecStart's binary to exist: point it at a real file.
	bin, err := os.Executable()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "contactlint.service")
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(unit), "ExecStart="+args[0], "ExecStart="+bin, 1)), 0o644))
	out, err := exec.Command(analyze, "verify", path).CombinedOutput()
	assert.NoError(t, err, "%s", out)
	assert.Empty(t, strings.TrimSpace(string(out)))
	out, err = exec.Command(analyze, "security", "--offline=yes", "--threshold=20", path).CombinedOutput()
	assert.NoError(t, err, "exposure above 2.0:\n%s", out)
	assert.Contains(t, string(out), "OK")
}
