package input

import (
	"bufio"
	"io"
	"os"
)

// Spiller keeps the bytes of requests over the size limit in temporary
// files, so that contactlint fix can write them back unchanged without
// holding them in memory. A nil spiller keeps nothing (check).
type Spiller struct{ dir string }

// SpillFile is one request's bytes being kept; its methods do nothing on
// nil, so readers call them whether or not they keep.
type SpillFile struct {
	f   *os.File
	w   *bufio.Writer
	err error
}

func (s *Spiller) start(prefix []byte) *SpillFile {
	if s == nil {
		return nil
	}
	f, err := os.CreateTemp(s.dir, "contactlint-spill-*")
	sf := &SpillFile{f: f, err: err}
	if err == nil {
		sf.w = bufio.NewWriterSize(f, 64<<10)
		sf.write(prefix)
	}
	return sf
}

func (f *SpillFile) write(p []byte) {
	if f != nil && f.err == nil {
		_, f.err = f.w.Write(p)
	}
}

func (f *SpillFile) writeByte(c byte) {
	if f != nil && f.err == nil {
		f.err = f.w.WriteByte(c)
	}
}

// done ends the writing; the file is then ready to be copied out.
func (f *SpillFile) done() *SpillFile {
	if f != nil && f.err == nil {
		f.err = f.w.Flush()
	}
	return f
}

// copyTo writes the kept bytes, without a line end they came with, to w
// and removes the file.
func (f *SpillFile) CopyTo(w io.Writer) error {
	if f == nil {
		return nil
	}
	defer f.remove()
	if f.err != nil {
		return f.err
	}
	st, err := f.f.Stat()
	if err != nil {
		return err
	}
	n := st.Size()
	for _, end := range []string{"\r\n", "\n"} { // the line end is the writer's
		tail := make([]byte, len(end))
		if n >= int64(len(end)) {
			if _, err := f.f.ReadAt(tail, n-int64(len(end))); err == nil && string(tail) == end {
				n -= int64(len(end))
				break
			}
		}
	}
	_, err = io.Copy(w, io.NewSectionReader(f.f, 0, n))
	return err
}

func (f *SpillFile) remove() {
	if f != nil && f.f != nil {
		f.f.Close()
		os.Remove(f.f.Name())
		f.f = nil
	}
}
