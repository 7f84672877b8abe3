package sidecar

import (
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
)

// budget bounds the request body bytes held in memory at once. Bytes are
// counted as they arrive, so a body that trickles in holds almost none.
type budget struct {
	limit int64
	used  atomic.Int64
}

func (b *budget) take(n int64) bool {
	if b.used.Add(n) > b.limit {
		b.used.Add(-n)
		return false
	}
	return true
}

func (b *budget) give(n int64) {
	if n != 0 {
		b.used.Add(-n)
	}
}

var (
	errTooLarge   = errors.New("the request body is larger than 1 MiB")
	errBodyBudget = errors.New("too many request bodies in memory")
)

// presized is the largest body whose announced length is allocated before
// it arrives. A larger one grows as its bytes come, so that memory follows
// the bytes counted against the budget, not what a client announces (a
// thousand connections announcing 1 MiB and sending a byte each held
// 1 GiB).
const presized = 8 << 10

// readBody reads r's body, up to MaxBody, before the call takes a slot.
// With errTooLarge it returns the MaxBody+1 bytes read, for a forwarded
// call to send on before the rest. The body is read through the
// exchange's buffer (kept from call to call) into a string of its length,
// which the parameters then point into: one allocation, and no copy of a
// large body held beside it.
func (h *Handler) readBody(x *exchange, r *http.Request) (string, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return "", nil
	}
	var b strings.Builder
	if r.ContentLength > 0 && r.ContentLength <= presized {
		b.Grow(int(r.ContentLength))
	}
	x.buf = slices.Grow(x.buf[:0], 2048)
	chunk := x.buf[:cap(x.buf)]
	for {
		n, err := r.Body.Read(chunk[:min(len(chunk), MaxBody+1-b.Len())])
		if n > 0 {
			if !h.bodies.take(int64(n)) {
				return "", errBodyBudget
			}
			x.held += int64(n)
			b.Write(chunk[:n])
		}
		if b.Len() > MaxBody {
			return b.String(), errTooLarge
		}
		if err == io.EOF || int64(b.Len()) == r.ContentLength { // net/http ends a body at its length
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// bodyError answers a body that could not be read.
func (h *Handler) bodyError(x *exchange, err error) {
	var ne net.Error
	switch {
	case errors.Is(err, errBodyBudget):
		h.busy(x, errBodyBudget.Error()+"; retry shortly")
	case errors.Is(err, errTooLarge):
		x.outcome = outcomeInvalid
		writeError(x.w, http.StatusRequestEntityTooLarge, "the request body is larger than 1 MiB")
	case errors.As(err, &ne) && ne.Timeout():
		x.outcome, x.reason = outcomeInvalid, "the request body did not arrive in time"
		x.w.Header().Set("Connection", "close")
		writeError(x.w, http.StatusRequestTimeout, "the request body did not arrive within "+h.opts.BodyTimeout.String())
	default:
		x.outcome, x.reason = outcomeInvalid, "the request body could not be read"
		writeError(x.w, http.StatusBadRequest, "the request body could not be read")
	}
}
