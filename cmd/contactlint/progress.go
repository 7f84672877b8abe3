package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/contactlint/contactlint/internal/input"
)

// progressThreshold is the input size from which auto shows progress:
// below it, checking is over in about a second.
const progressThreshold = 16 << 20

// progress draws a bar on stderr while requests are checked: bytes read
// of the input's known size, requests done, and their rate. It redraws at
// most every tick and erases itself at the end, so the summary line stands
// alone.
type progress struct {
	w     io.Writer
	mu    *sync.Mutex // the pipeline's: stderr's lines do not interleave
	total int64       // bytes, 0 when unknown (a pipe)
	start time.Time
	read  *atomic.Int64 // the pipeline's count of bytes read
	done  atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

// progressFor decides whether to show progress: mode auto shows it when
// stderr is a terminal that can redraw a line (TERM is not dumb) and the
// input is large (or of unknown size). The inputs are sized (directories
// walked) only when the bar may show.
func progressFor(mode string, getenv func(string) string, stderr io.Writer, inputs []string, stdin io.Reader) (bool, int64, error) {
	switch mode {
	case "always":
		total, _ := inputSize(inputs, stdin)
		return true, total, nil
	case "never":
		return false, 0, nil
	case "auto":
		if !isTerminal(stderr) || getenv("TERM") == "dumb" {
			return false, 0, nil
		}
		total, known := inputSize(inputs, stdin)
		return !known || total >= progressThreshold, total, nil
	}
	return false, 0, fmt.Errorf("unknown -progress %q (want auto, always or never)", mode)
}

// inputSize adds up the sizes of the inputs; known is false when one is
// a pipe or a terminal.
func inputSize(inputs []string, stdin io.Reader) (total int64, known bool) {
	known = true
	add := func(st fs.FileInfo) {
		if st.Mode().IsRegular() {
			total += st.Size()
		} else {
			known = false
		}
	}
	for _, in := range inputs {
		if in == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				known = false
				continue
			}
			if st, err := f.Stat(); err == nil {
				add(st)
			}
			continue
		}
		st, err := os.Stat(in)
		if err != nil {
			continue // the pipeline reports it
		}
		if !st.IsDir() {
			add(st)
			continue
		}
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && input.FormatOf(path, input.FormatAuto) != input.FormatAuto && d.Type().IsRegular() {
				if st, err := d.Info(); err == nil {
					add(st)
				}
			}
			return nil
		})
	}
	return total, known
}

func startProgress(w io.Writer, mu *sync.Mutex, total int64, read *atomic.Int64, tick time.Duration) *progress {
	p := &progress{w: w, mu: mu, total: total, start: time.Now(), read: read, stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw(false)
			}
		}
	}()
	return p
}

// finish draws the final state and erases the bar.
func (p *progress) finish() {
	close(p.stop)
	p.wg.Wait()
	p.draw(true)
}

func (p *progress) draw(last bool) {
	line := renderProgress(p.read.Load(), p.total, p.done.Load(), time.Since(p.start))
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r"+line+"\x1b[K")
	if last {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// renderProgress is the bar's text: a bar and percentage when the size is
// known, then requests and their rate.
func renderProgress(read, total, done int64, elapsed time.Duration) string {
	const width = 24
	var b strings.Builder
	if total > 0 {
		frac := min(float64(read)/float64(total), 1)
		filled := int(frac * width)
		b.WriteString("[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "]")
		fmt.Fprintf(&b, " %3.0f%% ", frac*100)
	}
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	fmt.Fprintf(&b, "%d requests, %.0f/s", done, rate)
	return b.String()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}
