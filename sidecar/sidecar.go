// Package sidecar serves contactlint over HTTP on the API's own paths, for
// services not written in Go (most LogicBoxes integrations are PHP: WHMCS,
// Blesta, FOSSBilling). A client points at the sidecar instead of the API:
// a request the API would refuse gets exactly the API's error answer,
// without a round trip; one that passes gets {"status":"OK"} and its
// warnings, or, with an upstream, is forwarded unchanged and the upstream's
// answer returned.
package sidecar

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/contactlint/contactlint/engine"
)

// MaxBody is the largest request body read (and the CLI's request limit).
const MaxBody = 1 << 20

// Headers a caller may send to name what the API's parameters cannot: the
// TLD(s) the contact is for and its role. They are not forwarded.
const (
	HeaderTLD  = "Contactlint-Tld"
	HeaderRole = "Contactlint-Role"
)

// Options configure a Handler. The zero value serves without an upstream
// and logs nothing.
type Options struct {
	// Upstream, when set, receives every request that passes, unchanged;
	// its answer is returned. https://httpapi.com or the test server.
	Upstream *url.URL
	// Client sends to Upstream; http.DefaultClient when nil.
	Client *http.Client
	// Logger logs each request's path, status and duration — never its
	// parameters, so never api-key or auth-password.
	Logger *slog.Logger
}

// Handler serves the API's paths (/api/contacts/add.json, …), /healthz and
// GET /rules.
type Handler struct {
	eng  *engine.Engine
	opts Options
	mux  *http.ServeMux
}

// New returns a Handler checking with eng.
func New(eng *engine.Engine, opts Options) *Handler {
	if opts.Client == nil {
		opts.Client = http.DefaultClient
	}
	h := &Handler{eng: eng, opts: opts, mux: http.NewServeMux()}
	h.mux.HandleFunc("/healthz", h.health)
	h.mux.HandleFunc("GET /rules", h.rules)
	h.mux.HandleFunc("/api/", h.api)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such path: the API's paths are /api/<command>.json")
	})
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.mux.ServeHTTP(sw, r)
	if h.opts.Logger != nil {
		h.opts.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (h *Handler) health(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"OK"}`+"\n")
}

// rules lists what the engine checks: its rule files, commands, contact
// types and TLDs.
func (h *Handler) rules(w http.ResponseWriter, _ *http.Request) {
	spec := h.eng.Spec()
	type command struct {
		Name   string   `json:"name"`
		Method string   `json:"method,omitempty"`
		Params []string `json:"params"`
	}
	out := struct {
		Files    []string  `json:"files"`
		Commands []command `json:"commands"`
		Types    []string  `json:"types"`
		TLDs     []string  `json:"tlds"`
	}{Files: spec.Files, Commands: []command{}, Types: []string{}, TLDs: []string{}}
	for _, c := range spec.Commands {
		cmd := command{Name: c.Name, Method: c.Method.V, Params: []string{}}
		for _, p := range c.Params {
			cmd.Params = append(cmd.Params, p.Param)
		}
		out.Commands = append(out.Commands, cmd)
	}
	for _, t := range spec.Types {
		out.Types = append(out.Types, t.Name)
	}
	for _, t := range spec.TLDs {
		out.TLDs = append(out.TLDs, t.Name)
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}

// api checks a call on the API's path and answers as the API would.
func (h *Handler) api(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "the API takes GET and POST")
		return
	}
	if !strings.HasSuffix(r.URL.Path, ".json") {
		writeError(w, http.StatusNotFound, "no such path: the API's paths end in .json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "the request body is larger than 1 MiB")
			return
		}
		writeError(w, http.StatusBadRequest, "the request body could not be read")
		return
	}
	params, err := engine.ParseQuery(r.URL.RawQuery)
	if err == nil && r.Method == http.MethodPost && isForm(r) {
		var form []engine.Param
		form, err = engine.ParseQuery(string(body))
		params = append(params, form...)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "the parameters could not be read: "+err.Error())
		return
	}
	req := engine.Request{
		Command: r.URL.Path,
		TLD:     r.Header.Get(HeaderTLD),
		Role:    r.Header.Get(HeaderRole),
		Method:  r.Method,
		Params:  params,
	}
	res := h.eng.Check(req)
	if isUnknownCommand(res) {
		writeError(w, http.StatusNotFound, res.Violations[0].Message)
		return
	}
	if !res.OK() {
		// The live API answers errors with HTTP 500 and this body.
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(res.APIResponseStyle(engine.Wire))
		return
	}
	if h.opts.Upstream != nil {
		h.forward(w, r, body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	warnings := res.Violations
	if warnings == nil {
		warnings = []engine.Violation{}
	}
	enc.Encode(struct {
		Status   string             `json:"status"`
		Warnings []engine.Violation `json:"warnings"`
	}{"OK", warnings})
}

func isForm(r *http.Request) bool {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && ct == "application/x-www-form-urlencoded"
}

func isUnknownCommand(res engine.Result) bool {
	return len(res.Violations) == 1 && res.Violations[0].Code == "unknown-command"
}

// hopHeaders are not forwarded (RFC 9110, 7.6.1), nor are ours.
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Te", "Trailer", "Upgrade", HeaderTLD, HeaderRole}

// forward sends the request to the upstream unchanged and copies its
// answer back.
func (h *Handler) forward(w http.ResponseWriter, r *http.Request, body []byte) {
	u := *h.opts.Upstream
	u.Path = strings.TrimSuffix(u.Path, "/") + r.URL.Path
	u.RawQuery = r.URL.RawQuery
	out, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		writeError(w, http.StatusBadGateway, "the upstream request could not be made")
		return
	}
	out.Header = r.Header.Clone()
	for _, k := range hopHeaders {
		out.Header.Del(k)
	}
	resp, err := h.opts.Client.Do(out)
	if err != nil {
		writeError(w, http.StatusBadGateway, "the upstream did not answer")
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	for _, k := range hopHeaders {
		w.Header().Del(k)
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// writeError answers in the API's error form.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	b, _ := json.Marshal(struct {
		Status  string `json:"status"`
		Message string `json:"message"`
	}{"ERROR", msg})
	w.Write(append(b, '\n'))
}
