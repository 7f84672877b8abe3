package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/contactlint/contactlint"
	"github.com/contactlint/contactlint/engine"
	"github.com/contactlint/contactlint/internal/input"
)

// The check pipeline: one goroutine reads the inputs in order, workers
// decode and check requests in parallel, and the printer writes results in
// input order. A window bounds the requests in flight, so memory does not
// grow with the input, and the output is the same for any number of
// workers.
//
// What a request needs is reused rather than allocated: a batch holds its
// requests' bytes, one after another, and their records, with the
// storage their parameters and violations were decoded and checked into;
// a worker splits objects into its own scratch. A batch is reused once
// all its records are written (emit returns): nothing may keep a record,
// or a slice of it, beyond that — the printers keep strings, which are
// never reused. The allocation left is the request's text as a string.

// job is one request on its way through the pipeline.
type job struct {
	rec  record
	item input.Item // its Raw, for a JSON request, is text[start:end] of its batch
	// start and end place a JSON request's bytes in its batch's text.
	start, end int
	// Storage reused from the requests before it in this place: the
	// decoded parameters and TLDs, and the violations found.
	store input.Storage
	viol  []engine.Violation
}

// batch is the unit handed to workers: requests in input order, done when
// all are processed. Handing over one request at a time cost two channel
// operations and a channel of its own per request, a large part of the
// pipeline's time on small requests.
type batch struct {
	jobs []job
	text []byte        // the JSON requests' bytes
	done chan struct{} // the workers' "processed" (capacity 1: reusable)
}

// batchSize bounds a batch: large enough to spread the hand-off's cost,
// small enough that the first results show at once.
const batchSize = 64

// maxKeptText, maxKeptParams and maxKeptViolations are the most of a
// batch's text and of a job's storage kept for the next use: long
// requests (a request may hold 1 MiB, thousands of parameters) do not
// hold their room for good.
const (
	maxKeptText       = 1 << 20
	maxKeptParams     = 256
	maxKeptViolations = 256
)

// next is the batch's next job, its storage kept from its last use.
func (bt *batch) next() *job {
	if len(bt.jobs) < cap(bt.jobs) {
		bt.jobs = bt.jobs[:len(bt.jobs)+1]
	} else {
		bt.jobs = append(bt.jobs, job{})
	}
	return &bt.jobs[len(bt.jobs)-1]
}

// reset readies a written batch for reuse.
func (bt *batch) reset() {
	for i := range bt.jobs {
		j := &bt.jobs[i]
		store, viol := j.store, j.viol
		if cap(store.Params) > maxKeptParams || cap(store.TLDs) > maxKeptParams {
			store = input.Storage{}
		}
		if cap(viol) > maxKeptViolations {
			viol = nil
		}
		*j = job{store: store, viol: viol}
	}
	bt.jobs = bt.jobs[:0]
	bt.text = bt.text[:0]
	if cap(bt.text) > maxKeptText {
		bt.text = nil
	}
}

type pipeline struct {
	eng     *contactlint.Engine
	workers int
	format  input.Format
	stdin   io.Reader
	stderr  io.Writer
	keys    map[string]string // internal keys to parameters, for exports
	// transform, when set, replaces checking: contactlint fix.
	transform func(d input.Decoded, rec *record)
	// bytesRead, when set, counts the input bytes read (for progress).
	bytesRead *atomic.Int64
	// spill, when set, keeps requests over the size limit (fix writes
	// them back unchanged).
	spill *input.Spiller
	// keyed: each record gets its baseline key.
	keyed bool
	// exclude are globs of names and paths a directory walk skips.
	exclude []string
	// columns maps CSV headers to parameters.
	columns *input.Columns

	mu      sync.Mutex // guards stderr, trouble and broken from the reader goroutine
	trouble bool       // exit 2: an input, or part of one, could not be read
	broken  map[string]bool
	// seen are the files read so far, by identity: a file named twice (or
	// found in a directory and named, or through a link) is read once.
	// asOpened is each input file's state when it was opened, before it
	// was read: what fix -w holds the file to before replacing it.
	seen      fileSet
	asOpened  map[string]os.FileInfo // guarded by mu
	stdinRead bool
	opened    int // inputs opened: none, and a run has nothing to sum up
}

// run checks every input and hands each record, in input order, to emit.
// A record is reused once emit returns.
func (p *pipeline) run(inputs []string, emit func(*record)) {
	window := p.workers + 2 // batches in flight: memory does not grow with the input
	order := make(chan *batch, window)
	work := make(chan *batch, p.workers)
	// Written batches go back to the reader: window + 2 exist at most (in
	// flight, being filled, being written).
	free := make(chan *batch, window+2)
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.work(work)
		}()
	}
	go p.readAll(inputs, &batcher{order: order, work: work, free: free})
	for bt := range order {
		<-bt.done
		for i := range bt.jobs {
			emit(&bt.jobs[i].rec)
		}
		bt.reset()
		select {
		case free <- bt:
		default:
		}
	}
	wg.Wait()
}

// work checks the batches it receives, each request in place, and marks
// each batch done.
func (p *pipeline) work(work <-chan *batch) {
	var sc input.Scratch // this worker's own
	for bt := range work {
		for i := range bt.jobs {
			if j := &bt.jobs[i]; j.rec.err == nil {
				p.process(bt, j, &sc)
			}
		}
		sc.Trim()
		bt.done <- struct{}{}
	}
}

// batcher fills batches in input order and sends each, when full, both to
// the writer (order) and to a worker (work).
type batcher struct {
	order, work chan<- *batch
	free        <-chan *batch
	cur         *batch
	index       int
}

func (b *batcher) get() *batch {
	select {
	case bt := <-b.free:
		return bt
	default:
		return &batch{done: make(chan struct{}, 1)}
	}
}

func (b *batcher) flush() {
	if len(b.cur.jobs) == 0 {
		return
	}
	b.order <- b.cur
	b.work <- b.cur
	b.cur = b.get()
}

func (b *batcher) add(file string, it input.Item) {
	j := b.cur.next()
	j.rec = record{index: b.index, file: file, line: it.Line, err: it.Err}
	b.index++
	if it.Err != nil {
		var ie *input.Error
		if errors.As(it.Err, &ie) {
			j.rec.layout = ie.Layout
		}
	}
	j.item = it
	if it.JSON() {
		// The reader reuses its buffer: the batch keeps a copy.
		j.start = len(b.cur.text)
		b.cur.text = append(b.cur.text, it.Raw...)
		j.end = len(b.cur.text)
		j.item.Raw = nil
	}
	if len(b.cur.jobs) == batchSize {
		b.flush()
	}
}

// readAll reads every input into batches, then closes the channels.
func (p *pipeline) readAll(inputs []string, b *batcher) {
	b.cur = b.get()
	for _, in := range inputs {
		p.input(in, b.add)
		b.flush() // an input's last requests need not wait for the next's
	}
	close(b.work)
	close(b.order)
}

// process decodes and checks one request of bt into its record.
func (p *pipeline) process(bt *batch, j *job, sc *input.Scratch) {
	if j.item.JSON() {
		j.item.Raw = bt.text[j.start:j.end:j.end]
	}
	d, err := j.item.Decode(sc, &j.store)
	rec := &j.rec
	rec.layout = d.Layout
	if d.Trailer {
		rec.trailer, rec.query = true, true
		return
	}
	switch {
	case err != nil:
		rec.err = err
		rec.raw, rec.query = d.Raw, d.Query
		if d.Line != "" {
			rec.raw = []byte(d.Line)
		}
		return
	case p.transform != nil:
		p.transform(d, rec)
	case d.Set != nil:
		s := p.eng.OfferSetFixes(*d.Set, p.eng.CheckSet(*d.Set))
		rec.set = &s
	default:
		// check shows every fix that fix would apply. The violations go
		// in the storage of the last request checked here.
		res := p.eng.CheckInto(j.viol, d.Req)
		if cap(res.Violations) > 0 {
			j.viol = res.Violations[:0]
		}
		if len(res.Violations) == 0 {
			res.Violations = nil // as Check answers a request that passes
		}
		rec.res = p.eng.OfferFixes(d.Req, res)
	}
	rec.contactID, rec.unread, rec.xml, rec.query = d.ContactID, d.Unread, d.XML, d.Query
	if p.keyed {
		rec.key = requestKey(d, p.eng.AuthParams())
	}
}

type addFunc func(file string, it input.Item)

// input reads one command-line argument: -, a file or a directory.
func (p *pipeline) input(name string, add addFunc) {
	if name == "-" {
		if p.stdinRead {
			p.note("standard input is named twice; it is read once")
			return
		}
		p.stdinRead = true
		p.opened++
		p.read("<stdin>", p.stdin, p.format, add)
		return
	}
	st, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(name, "=&") {
			// A request typed on the command line, not a file's name.
			err = fmt.Errorf("no such file (to check a request given as text, pass it on standard input: echo '%s' | contactlint check -input query -)", shortArg(name))
		}
		p.fail(name, err)
		return
	}
	if !st.IsDir() {
		p.file(name, add)
		return
	}
	var found []string
	err = filepath.WalkDir(name, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != name && p.excluded(path, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || input.FormatOf(path, input.FormatAuto) == input.FormatAuto {
			return nil
		}
		// Only regular files (or links to them): reading a FIFO found in a
		// directory would wait forever.
		if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
			p.note("skipped %s: not a regular file", path)
			return nil
		}
		found = append(found, path)
		return nil
	})
	if err != nil {
		p.fail(name, err)
	}
	sort.Strings(found)
	for _, f := range found {
		p.file(f, add)
	}
}

// skippedDirs are directories a walk does not enter unless named: a
// repository's own, and dependencies'.
var skippedDirs = []string{".git", "node_modules", "vendor"}

// excluded reports whether a walk skips path: a directory of
// skippedDirs or a hidden one, or a name or path an -exclude glob
// matches.
func (p *pipeline) excluded(path string, d fs.DirEntry) bool {
	base := d.Name()
	if d.IsDir() && (slices.Contains(skippedDirs, base) || strings.HasPrefix(base, ".") && base != "." && base != "..") {
		return true
	}
	for _, g := range p.exclude {
		if ok, _ := filepath.Match(g, base); ok {
			return true
		}
		if ok, _ := filepath.Match(g, filepath.ToSlash(path)); ok {
			return true
		}
	}
	return false
}

// syncWriter serialises writes to w, which more than one goroutine uses.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// shortArg is an argument short enough to repeat in a message.
func shortArg(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// nothingRead reports whether no input could be opened: a run that has
// nothing to sum up.
func (p *pipeline) nothingRead() bool { return p.opened == 0 }

func (p *pipeline) file(name string, add addFunc) {
	f, err := os.Open(name)
	if err != nil {
		p.fail(name, err)
		return
	}
	defer f.Close()
	p.opened++
	if st, err := f.Stat(); err == nil {
		if first, ok := p.seen.add(st, name); !ok {
			// Read twice, its requests would be checked, counted — and
			// with fix -w written — twice.
			p.note("%s: read already (as %s); read once", name, first)
			return
		}
		p.mu.Lock()
		if p.asOpened == nil {
			p.asOpened = map[string]os.FileInfo{}
		}
		p.asOpened[name] = st
		p.mu.Unlock()
	}
	p.read(name, f, input.FormatOf(name, p.format), add)
}

// openedAs is an input file's state when it was opened, before reading.
func (p *pipeline) openedAs(name string) (os.FileInfo, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st, ok := p.asOpened[name]
	return st, ok
}

// fileSet holds the files read, by device and inode where the system
// tells them (a lookup, not a scan of every file read before), else as a
// list compared one by one.
type fileSet struct {
	byID  map[fileID]string
	other []os.FileInfo
	names []string
}

// add records st, read as name, and reports false with the name it was
// first read as when it was read already.
func (s *fileSet) add(st os.FileInfo, name string) (string, bool) {
	if id, ok := idOf(st); ok {
		if first, seen := s.byID[id]; seen {
			return first, false
		}
		if s.byID == nil {
			s.byID = map[fileID]string{}
		}
		s.byID[id] = name
		return "", true
	}
	for i, o := range s.other {
		if os.SameFile(st, o) {
			return s.names[i], false
		}
	}
	s.other, s.names = append(s.other, st), append(s.names, name)
	return "", true
}

func (p *pipeline) read(name string, r io.Reader, format input.Format, add addFunc) {
	if p.bytesRead != nil {
		r = countingReader{r, p.bytesRead}
	}
	err := input.ReadItems(r, format, input.Options{Keys: p.keys, Spill: p.spill, Columns: p.columns, Secret: p.eng.MayHoldSecret}, func(it input.Item) { add(name, it) })
	if err != nil {
		var ie *input.Error
		if errors.As(err, &ie) {
			// JSON that breaks mid-stream: a record names the place, and
			// the rest of this input is skipped.
			add(name, input.Item{Line: ie.Line, Err: err})
			return
		}
		p.fail(name, err)
	}
}

// note tells the operator something that is not trouble.
func (p *pipeline) note(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.stderr, "contactlint: "+format+"\n", args...)
}

// fail reports an input that cannot be read at all.
func (p *pipeline) fail(name string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.stderr, "contactlint: %s: %v\n", name, err)
	p.trouble = true
	if p.broken == nil {
		p.broken = map[string]bool{}
	}
	p.broken[name] = true
}

// failed reports whether an input could not be read, or not to its end.
func (p *pipeline) failed(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.broken[name]
}

func (p *pipeline) troubled() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.trouble
}
