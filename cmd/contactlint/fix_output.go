package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/contactlint/contactlint/internal/input"
)

// fixOutput is where fix writes: standard output, or with -w each input
// file's own temporary file, renamed over the file once it is complete —
// only when something in it changed and every record of it was read and
// written back. An interrupted or failed run leaves every file whole and
// as it was; so does a file with a record that could not be read.
type fixOutput struct {
	stdout  *bufio.Writer
	inPlace bool
	stderr  io.Writer

	mu      sync.Mutex // guards cur and aborted against abort, from a signal
	cur     *rewrite
	aborted bool // a signal came: no temporary file is made any more
}

// rewrite is one input file being rewritten.
type rewrite struct {
	path    string // as named
	target  string // the file written: a symbolic link's target
	info    os.FileInfo
	tmp     *os.File
	buf     *bufio.Writer
	skip    bool
	refused string // why the file is not rewritten, said at its end
	changed bool
	unread  []int  // the lines of records that could not be read
	endRun  []byte // the blank the file ends with ("" for none; "\n\n" after a blank line)
	blank   string // what endRun is made of: line ends, and for JSON spaces and tabs too
}

// discard is where the records of a file that is not rewritten go.
var discard = bufio.NewWriter(io.Discard)

// writer is where a record of file goes; changed says whether fix changed
// something in it, and unread the record could not be read.
func (o *fixOutput) writer(rec *record, pl *pipeline) *bufio.Writer {
	if !o.inPlace {
		return o.stdout
	}
	if o.cur == nil || rec.file != o.cur.path {
		o.finish(pl)
		o.start(rec.file, pl)
	}
	r := o.cur
	if len(rec.changes) > 0 {
		r.changed = true
	}
	if rec.layout.Part && r.refused == "" {
		// Written as lines, the page would lose its wrapper.
		r.refused, r.skip = "it holds a contacts/search page, which -w cannot write back as it came (fix it to standard output)", true
	}
	if rec.err != nil {
		r.unread = append(r.unread, rec.line)
	}
	if r.skip {
		return discard
	}
	return r.buf
}

// start opens the temporary file beside an input that -w can rewrite:
// JSON Lines, or JSON that is not an array (an array would come out as
// lines).
func (o *fixOutput) start(path string, pl *pipeline) {
	r := &rewrite{path: path, skip: true}
	o.mu.Lock()
	o.cur = r
	o.mu.Unlock()
	head, kind, err := rewritable(path, pl.format)
	if err != nil {
		r.refused = err.Error()
		return
	}
	if r.target, err = filepath.EvalSymlinks(path); err != nil {
		pl.fail(path, err)
		return
	}
	// The file as it was opened, before it was read, is what it is held to
	// (here, and again before the rename): a link turned to another file
	// meanwhile, or a file written to, is not replaced.
	opened, ok := pl.openedAs(path)
	target, err := os.Stat(r.target)
	if err != nil {
		pl.fail(path, err)
		return
	}
	if !ok || !os.SameFile(opened, target) {
		r.refused = "it is not the file that was read (replaced, or a link turned, while fix read it); run fix again"
		return
	}
	r.info = opened
	if n := hardLinks(r.info); n > 1 {
		// A rename would leave the other names on the old file: refused
		// rather than split them.
		r.refused = fmt.Sprintf("it has %d hard links, and rewriting it would part them (fix a copy, or write to standard output)", n)
		return
	}
	if err := writable(r.target, r.info); err != nil {
		r.refused = err.Error()
		return
	}
	if err := extendedAttrs(r.target); err != nil {
		r.refused = err.Error()
		return
	}
	// A JSON record ends with "}", so all the blank after the last is the
	// file's own; a CSV row may end with spaces of its own last cell.
	r.blank = "\r\n"
	if kind == input.FormatJSONL {
		r.blank = " \t\r\n"
	}
	r.endRun = blankRun(r.target, r.info.Size(), r.blank)
	// Made and recorded under the lock: a signal between the two would
	// leave a file abort does not know of.
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.target), "."+filepath.Base(r.target)+".*")
	if err != nil {
		pl.fail(path, err)
		return
	}
	r.tmp, r.buf, r.skip = tmp, bufio.NewWriter(tmp), false
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		r.buf.WriteString("\ufeff") // the reader skips it; the file keeps it
	}
}

// rewritable reads the start of a file -w may rewrite: JSON Lines, or
// JSON whose first value is an object (read as JSON Lines). The error
// says why not.
func rewritable(path string, forced input.Format) ([]byte, input.Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var peek [512]byte
	n, _ := io.ReadFull(f, peek[:])
	head := peek[:n]
	kind := input.FormatOf(path, forced)
	if kind == input.FormatAuto || kind == input.FormatJSON {
		first := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
		if len(first) > 0 && first[0] == '{' {
			kind = input.FormatJSONL
		}
	}
	if kind != input.FormatJSONL && kind != input.FormatCSV && kind != input.FormatTSV {
		return nil, kind, fmt.Errorf("-w rewrites JSON Lines, CSV and TSV files and JSON files of objects, not %s", kind)
	}
	return head, kind, nil
}

// maxEndRun bounds the blank at a file's end that -w keeps.
const maxEndRun = 64 << 10

// blankRun is the run of blank bytes (of blank) a file ends with: none,
// a line end, or more after blank lines. fix writes a line end after each
// record; the file is given back its own.
func blankRun(path string, size int64, blank string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return []byte("\n")
	}
	defer f.Close()
	return endRun(f, size, blank)
}

// endRun reads the run of bytes of blank that ends r, of size bytes.
func endRun(r io.ReaderAt, size int64, blank string) []byte {
	n := min(size, maxEndRun)
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil {
		return nil
	}
	i := len(buf)
	for i > 0 && strings.IndexByte(blank, buf[i-1]) >= 0 {
		i--
	}
	return buf[i:]
}

// finish completes the file being rewritten: renamed over its target when
// every record was read and something changed, else removed, leaving the
// file as it was.
func (o *fixOutput) finish(pl *pipeline) {
	if !o.inPlace {
		if err := o.stdout.Flush(); err != nil {
			pl.fail("output", err)
		}
		return
	}
	o.mu.Lock()
	r, aborted := o.cur, o.aborted
	o.mu.Unlock()
	if r == nil {
		return
	}
	if r.refused != "" {
		o.discard(r)
		o.refuse(r, pl)
		return
	}
	if aborted || r.tmp == nil {
		o.discard(r)
		return
	}
	err := r.buf.Flush()
	if err == nil {
		err = endWith(r.tmp, r.endRun, r.blank)
	}
	switch {
	case err != nil:
	case len(r.unread) > 0:
		pl.note("%s: not rewritten: %s could not be read (%s); the file is as it was", r.path, plural(len(r.unread), "record"), lineList(r.unread))
	case pl.failed(r.path):
		pl.note("%s: not rewritten: it could not be read to its end; the file is as it was", r.path)
	case r.changed:
		err = o.replace(r)
		if err == nil {
			return
		}
	}
	o.discard(r)
	if err != nil {
		pl.fail(r.path, err)
	}
}

// discard removes r's temporary file, if it still has one.
func (o *fixOutput) discard(r *rewrite) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if r.tmp != nil {
		r.tmp.Close()
		os.Remove(r.tmp.Name())
		r.tmp = nil
	}
}

// refuse says why a file is not rewritten. One with fixes to write is
// trouble (exit 2): -w was asked to write them, and did not.
func (o *fixOutput) refuse(r *rewrite, pl *pipeline) {
	if !r.changed {
		pl.note("%s: not rewritten: %s", r.path, r.refused)
		return
	}
	pl.fail(r.path, fmt.Errorf("not rewritten: %s; its fixes are not written", r.refused))
}

// replace puts the temporary file in its target's place: the target's
// owner, group and mode (set-id and sticky bits too) where they can be
// kept, the data on disk before the rename, the rename on disk after.
func (o *fixOutput) replace(r *rewrite) error {
	if err := keepOwner(r.tmp, r.info); err != nil {
		// The file would pass to whoever runs fix: refused instead.
		return fmt.Errorf("not rewritten: its owner and group could not be kept (%v)", err)
	}
	mode := r.info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := r.tmp.Chmod(mode); err != nil {
		return err
	}
	if err := r.tmp.Sync(); err != nil {
		return err
	}
	if err := r.tmp.Close(); err != nil {
		return err
	}
	// A file changed or replaced since it was read would lose what
	// changed: refused.
	if now, err := os.Stat(r.target); err != nil || !os.SameFile(now, r.info) || now.Size() != r.info.Size() || !now.ModTime().Equal(r.info.ModTime()) {
		return errors.New("not rewritten: it changed while fix read it; run fix again")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.aborted {
		return errors.New("not rewritten: interrupted")
	}
	if err := os.Rename(r.tmp.Name(), r.target); err != nil {
		return err
	}
	r.tmp = nil
	syncDir(filepath.Dir(r.target))
	if r.target != r.path && !sameName(r.target, r.path) {
		fmt.Fprintf(o.stderr, "contactlint: %s: rewritten (%s, the file it links to)\n", r.path, r.target)
	} else {
		fmt.Fprintf(o.stderr, "contactlint: %s: rewritten\n", r.path)
	}
	return nil
}

// abort removes the temporary file of the file being rewritten (on
// SIGINT or SIGTERM): the input stays as it was, and no copy of its
// requests is left behind.
func (o *fixOutput) abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.aborted = true
	if o.cur != nil && o.cur.tmp != nil {
		// Closed and removed, but kept: finish, perhaps running, meets
		// a closed file's errors, never a nil one; it discards it.
		o.cur.tmp.Close()
		os.Remove(o.cur.tmp.Name())
	}
}

// onSignal removes the temporary file when SIGINT or SIGTERM comes, then
// lets the signal end the process as it would have; the returned func
// stops watching.
func (o *fixOutput) onSignal() (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-sigs:
			o.abort()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// endWith makes f end with the blank its original ended with, in place of
// the line end fix wrote after the last record: no final newline added,
// no trailing blank line lost.
func endWith(f *os.File, run []byte, blank string) error {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	have := endRun(f, st.Size(), blank)
	if bytes.Equal(have, run) {
		return nil
	}
	if err := f.Truncate(st.Size() - int64(len(have))); err != nil {
		return err
	}
	_, err = f.WriteAt(run, st.Size()-int64(len(have)))
	return err
}

// syncDir makes a rename in dir durable; where a directory cannot be
// synced (some systems), the rename stands all the same.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func sameName(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// lineList names lines: "line 4", "lines 2, 4 and 7", the first ten.
func lineList(lines []int) string {
	if len(lines) == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	var parts []string
	for i, l := range lines {
		if i == 10 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, strconv.Itoa(l))
	}
	return "lines " + strings.Join(parts, ", ")
}
