package sidecar

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/apihttp"
)

// fix answers a call with its fixes applied (HeaderFix). It is never
// forwarded.
func (h *Handler) fix(x *exchange, r *http.Request, call apihttp.Call) {
	if why := apihttp.Unread(call.Method, r.Header, r.ContentLength != 0); why != "" {
		x.outcome, x.reason = outcomeInvalid, why
		writeError(x.w, http.StatusUnsupportedMediaType, why+", so contactlint cannot fix it")
		return
	}
	body, err := h.readBody(x, r)
	if err != nil {
		h.bodyError(x, err)
		return
	}
	if !h.acquire(x) {
		return
	}
	rd := apihttp.Read(h.eng, r, call, body, x.params[:0])
	x.params = rd.Request.Params
	if len(rd.Unread) > 0 {
		// A fixed request without them would lose them: no fix at all.
		x.outcome, x.reason = outcomeInvalid, "undecodable parameters"
		writeError(x.w, http.StatusBadRequest, "parameters "+strings.Join(rd.Unread, ", ")+" could not be decoded (a malformed %-escape), so contactlint cannot fix the request without losing them")
		return
	}
	x.outcome = outcomeFixed
	fixed, changes, res := h.eng.Fix(rd.Request)
	type change struct {
		Param  string `json:"param"`
		From   string `json:"from"`
		To     string `json:"to"`
		Code   string `json:"code"`
		Before string `json:"before,omitempty"`
		Secret bool   `json:"secret,omitempty"`
	}
	// The answer never holds a secret parameter (api-key, auth-password):
	// fixed leaves them out — the caller adds its own, as it does to any
	// request — and a change of one says so without its value.
	shown := fixed.Params[:0:0]
	for _, p := range fixed.Params {
		if !h.eng.LooksSecret(p.Name) {
			shown = append(shown, p)
		}
	}
	out := struct {
		Status     string             `json:"status"`
		Fixed      string             `json:"fixed"`
		Changes    []change           `json:"changes"`
		Response   json.RawMessage    `json:"response"`
		Violations []engine.Violation `json:"violations"`
	}{Status: "OK", Fixed: engine.EncodeQuery(shown), Changes: []change{}, Response: res.APIResponseStyle(engine.Wire), Violations: res.Violations}
	if !res.OK() {
		out.Status = "ERROR"
	}
	if out.Violations == nil {
		out.Violations = []engine.Violation{}
	}
	for _, c := range changes {
		out.Changes = append(out.Changes, change{c.Param, c.From, c.To, c.Code, c.Before, c.Secret})
	}
	x.w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(x.w)
	enc.SetEscapeHTML(false)
	enc.Encode(out)
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
