package contactlint

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/calibrate"
)

// Calibration: a verdict compared with the live API's answer, as the
// sidecar's -mode observe and -disagreements do it (docs/calibration.md).
type (
	// Comparison is one call's verdict beside the API's answer: its
	// Outcome, the fields they differ on, our violations and the API's
	// answer as read — no credential and, unless values are kept, no
	// personal value (value shapes instead).
	Comparison = calibrate.Comparison
	// Outcome is how a verdict and the API's answer compare.
	Outcome = calibrate.Outcome
	// DisagreementLog records comparisons in the sidecar's disagreement
	// log format (JSON Lines, rotated), which contactlint calibrate reads.
	DisagreementLog = calibrate.Log
)

// The outcomes of a comparison.
const (
	Agree             = calibrate.Agree             // both took it, or both refused it alike
	FalseError        = calibrate.FalseError        // we refused, the API took it
	Miss              = calibrate.Miss              // we passed, the API refused
	FieldDifference   = calibrate.FieldDifference   // both refused, on other fields
	MessageDifference = calibrate.MessageDifference // the same fields, in other words of our catalogue's
	UnknownMessage    = calibrate.UnknownMessage    // the same fields; the API's words are not in our catalogue
	NotCompared       = calibrate.NotCompared       // the API's answer could not be read
)

// OpenDisagreementLog opens (or creates, readable by its owner only) a
// disagreement log at path, rotated past size bytes (64 MiB when 0).
func OpenDisagreementLog(path string, size int64) (*DisagreementLog, error) {
	return calibrate.OpenLog(path, size)
}

// vocabFor is the vocabulary of one engine, kept by a Transport.
type vocabFor struct {
	eng   *Engine
	vocab *calibrate.Vocab
}

// compares reports whether t compares verdicts with answers.
func (t *Transport) compares() bool { return t.OnCompare != nil || t.Disagreements != nil }

func (t *Transport) vocabulary(eng *Engine) *calibrate.Vocab {
	if v := t.vocab.Load(); v != nil && v.eng == eng {
		return v.vocab
	}
	v := &vocabFor{eng, calibrate.NewVocab(eng)}
	t.vocab.Store(v)
	return v.vocab
}

// compare reads the start of the API's answer, compares it with res, and
// gives the answer back whole (a read error too: a failure is never
// hidden).
func (t *Transport) compare(eng *Engine, req *http.Request, creq engine.Request, res Result, resp *http.Response) {
	b, err := io.ReadAll(io.LimitReader(resp.Body, calibrate.MaxCompared+1))
	rest := io.Reader(resp.Body)
	if err != nil {
		rest = errReader{err}
	}
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(b), rest), resp.Body}
	if err != nil {
		return
	}
	a := calibrate.ReadHTTPAnswer(resp.StatusCode, strings.Join(resp.Header.Values("Content-Encoding"), ","), b)
	c := t.vocabulary(eng).Compare(creq, res, a, t.DisagreementValues)
	if t.OnCompare != nil {
		t.OnCompare(req, c)
	}
	if t.Disagreements != nil {
		mode := "enforce"
		if t.WarnOnly {
			mode = "observe"
		}
		t.Disagreements.Write(c.Record(time.Now(), "", mode))
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// observedWarning tells a WarnOnly caller what the check would have
// answered, as the sidecar's observe mode does.
func observedWarning(res Result) string {
	return "observe mode: contactlint would refuse this call: " + res.APIMessage()
}
