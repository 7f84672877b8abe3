package sidecar

import (
	"errors"
	"net/http"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// api serves the API's own paths: checked calls are checked (and, with an
// upstream, forwarded when they pass); with an upstream everything else is
// forwarded as it came.
func (h *Handler) api(x *exchange, r *http.Request) {
	call, ok := apihttp.Route(h.eng, r.Method, r.URL.Path)
	if !ok && apihttp.WantsFix(r.Header) {
		// A fix is a dry run: never forwarded, whatever the path.
		h.notChecked(x, r, r.URL.Path, "; a Contactlint-Fix request is never forwarded")
		return
	}
	if !ok {
		if h.proxy != nil {
			x.command = commandOther
			h.forward(x, r)
			return
		}
		h.notChecked(x, r, r.URL.Path, "; without -upstream it has nowhere to go")
		return
	}
	x.command = call.Command
	if apihttp.WantsFix(r.Header) {
		h.fix(x, r, call)
		return
	}
	h.checked(x, r, call, h.proxy != nil)
}

// checkOnly serves /check/api/…: what the API would answer, never
// forwarded.
func (h *Handler) checkOnly(x *exchange, r *http.Request, p string) {
	call, ok := apihttp.Route(h.eng, r.Method, p)
	if !ok {
		h.notChecked(x, r, p, "")
		return
	}
	x.command = call.Command
	if apihttp.WantsFix(r.Header) {
		h.fix(x, r, call)
		return
	}
	h.checked(x, r, call, false)
}

// checked checks a call and answers the API's refusal, or passes it: to
// the upstream when forward is set, else with {"status":"OK",…}.
func (h *Handler) checked(x *exchange, r *http.Request, call apihttp.Call, forward bool) {
	if why := apihttp.Unread(call.Method, r.Header, r.ContentLength != 0); why != "" {
		x.reason = why
		if !forward {
			x.outcome = outcomeInvalid
			writeError(x.w, http.StatusUnsupportedMediaType, why+", so contactlint cannot say what the API would answer")
			return
		}
		x.w.Header().Add(HeaderWarning, why)
		h.forward(x, r)
		return
	}
	body, err := h.readBody(x, r)
	if errors.Is(err, errTooLarge) && forward {
		x.reason = apihttp.TooLarge
		x.w.Header().Add(HeaderWarning, apihttp.TooLarge)
		h.send(x, r, body)
		return
	}
	if err != nil {
		h.bodyError(x, err)
		return
	}
	if !h.acquire(x) {
		return
	}
	rd := apihttp.Read(h.eng, r, call, body, x.params[:0])
	x.params = rd.Request.Params
	res := h.check(rd.Request)
	if len(rd.Unread) > 0 {
		x.w.Header().Add(HeaderWarning, apihttp.UnreadWarning(rd.Unread))
	}
	if forward && (res.OK() || h.opts.Mode == Observe) {
		if !res.OK() {
			x.w.Header().Add(HeaderWarning, observed(res))
		}
		if call.Method != http.MethodHead { // a HEAD answer has no body to compare
			x.pending = &pending{req: rd.Request, res: res}
		}
		h.send(x, r, body)
		return
	}
	if !res.OK() {
		x.outcome = outcomeRefused
		b, ctype := apihttp.Refusal(res, call.Format)
		x.w.Header().Set("Content-Type", ctype)
		x.w.WriteHeader(apihttp.RefusalStatus) // as the live API answers
		x.w.Write(b)
		return
	}
	x.outcome = outcomePassed
	x.w.Header().Set("Content-Type", "application/json")
	if len(res.Violations) == 0 {
		x.w.WriteString(okWithoutWarnings)
		return
	}
	x.buf = okAnswer(x.buf[:0], res.Violations)
	x.w.Write(x.buf)
}

// check runs the engine, timed and counted.
func (h *Handler) check(req engine.Request) engine.Result {
	start := h.now()
	res := h.eng.Check(req)
	h.metrics.checkSeconds.Observe((h.now() - start).Seconds())
	for i := range res.Violations {
		v := &res.Violations[i]
		h.metrics.violations.WithLabelValues(v.Code, v.Severity.String()).Inc()
	}
	return res
}

// okWithoutWarnings is okAnswer(nil, nil).
const okWithoutWarnings = `{"status":"OK","warnings":[]}` + "\n"

// okAnswer appends the answer to a request that passes:
// {"status":"OK","warnings":[…]} and a newline, as encoding/json's Encoder
// writes it with HTML escaping off.
func okAnswer(b []byte, warnings []engine.Violation) []byte {
	b = append(b, `{"status":"OK","warnings":[`...)
	for i := range warnings {
		if i > 0 {
			b = append(b, ',')
		}
		b = warnings[i].AppendJSON(b)
	}
	return append(b, "]}\n"...)
}

// notChecked answers a call the sidecar does not check and cannot
// forward; tail ends the message of an unknown command.
func (h *Handler) notChecked(x *exchange, r *http.Request, p, tail string) {
	x.command, x.outcome = commandOther, outcomeInvalid
	cmd, _, isAPI := apihttp.CommandOf(p)
	c := apihttp.CleanPath(p)
	switch {
	case !strings.HasPrefix(c, "/api/"):
		writeError(x.w, http.StatusNotFound, apihttp.NoSuchPath(c))
	case r.Method != http.MethodGet && r.Method != http.MethodPost && r.Method != http.MethodHead:
		x.w.Header().Set("Allow", "GET, HEAD, POST")
		writeError(x.w, http.StatusMethodNotAllowed, "the API takes GET and POST")
	case !isAPI:
		writeError(x.w, http.StatusNotFound, apihttp.NoSuchPath(c))
	default:
		res := h.eng.Check(engine.Request{Command: cmd})
		writeError(x.w, http.StatusNotFound, res.Violations[0].Message+tail)
	}
}
