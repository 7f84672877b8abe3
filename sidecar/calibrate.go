package sidecar

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/calibrate"
)

// Mode is what the sidecar does with a forwarded call its check refuses.
type Mode uint8

const (
	// Enforce answers it with the API's refusal and never sends it; the
	// calls that pass are compared with the API's answers (a miss, a call
	// we passed and the API refused, is the disagreement seen here).
	Enforce Mode = iota
	// Observe forwards every call, whatever the check says (the verdict
	// goes in a Contactlint-Warning header), and compares the verdict
	// with the API's answer: false errors are seen too.
	Observe
)

func (m Mode) String() string {
	if m == Observe {
		return "observe"
	}
	return "enforce"
}

// ParseMode reads "enforce" or "observe".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "enforce", "":
		return Enforce, nil
	case "observe":
		return Observe, nil
	}
	return Enforce, fmt.Errorf("mode %q: enforce or observe", s)
}

// pending is a forwarded checked call waiting for the API's answer.
type pending struct {
	req engine.Request
	res engine.Result
}

// observed is the header that tells an observe-mode caller what the
// check would have answered.
func observed(res engine.Result) string {
	return "observe mode: contactlint would refuse this call: " + res.APIMessage()
}

// compare compares a call's verdict with the API's answer (the start of
// its body: calibrate.ReadHTTPAnswer), counts the outcome and records it.
func (h *Handler) compare(x *exchange, p *pending, res *http.Response, body []byte) {
	a := calibrate.ReadHTTPAnswer(res.StatusCode, strings.Join(res.Header.Values("Content-Encoding"), ","), body)
	c := h.vocab.Compare(p.req, p.res, a, h.opts.DisagreementValues)
	h.metrics.agreement.WithLabelValues(c.Command, string(c.Outcome)).Inc()
	for _, d := range c.Disagreements {
		h.metrics.disagreements.WithLabelValues(c.Command, string(c.Outcome), d.Field, d.Code).Inc()
	}
	x.compared = string(c.Outcome)
	if h.dlog == nil {
		return
	}
	if err := h.dlog.Write(c.Record(time.Now(), x.id, h.opts.Mode.String())); err != nil {
		if ok, missed := h.logErrors.allow(); ok {
			h.log.Warn("writing the disagreement log failed", "error", err.Error(), "more_since_last_said", missed)
		}
	}
}
