package calibrate

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// DefaultLogSize is a log's size past which it is rotated.
const DefaultLogSize = 64 << 20

// logKeep is how many rotated logs are kept: FILE.1 (the newest) …
// FILE.3.
const logKeep = 3

// Log is a disagreement log: records appended to a file, which is
// rotated (FILE → FILE.1 → … FILE.3, the oldest dropped) before it would
// grow past its size. Safe for concurrent use. Its files are created
// readable by their owner only.
type Log struct {
	mu     sync.Mutex
	path   string
	max    int64
	f      *os.File // nil when closed, or when it could not be opened again
	size   int64
	closed bool
}

// OpenLog opens path for appending, creating it if need be. max is the
// size past which it is rotated (DefaultLogSize when 0).
func OpenLog(path string, max int64) (*Log, error) {
	if max <= 0 {
		max = DefaultLogSize
	}
	l := &Log{path: path, max: max}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Log) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	l.f, l.size = f, st.Size()
	return nil
}

// Write appends one record. A rotation that fails is reported, and the
// record appended to the file as it is, rotation tried again at the next
// record, so a failure that passes (a full disk, a file in the way) loses
// nothing — up to twice the log's size: past it, while rotation still
// fails, records are refused (reported) rather than the disk filled.
func (l *Log) Write(r Record) error {
	line := r.Line()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errors.New("calibrate: the log is closed")
	}
	var rotErr error
	if l.f != nil && l.size > 0 && l.size+int64(len(line)) > l.max {
		if rotErr = l.rotate(); rotErr != nil && l.size+int64(len(line)) > 2*l.max {
			return fmt.Errorf("%w; the record is dropped: the log is at twice its size", rotErr)
		}
	}
	if l.f == nil {
		if err := l.open(); err != nil {
			return errors.Join(rotErr, err)
		}
	}
	n, err := l.f.Write(line)
	l.size += int64(n)
	return errors.Join(rotErr, err)
}

// rotate moves FILE aside, shifts the rotated files one down (FILE.3, the
// oldest, dropped) and opens a new FILE. FILE is moved first, to
// FILE.rotating: if that fails, nothing has moved, and no retry drops a
// generation. A rotation left half-done (FILE.rotating still there) is
// finished before FILE is moved again.
func (l *Log) rotate() error {
	aside := l.path + ".rotating"
	if _, err := os.Stat(aside); err == nil {
		if err := l.shiftIn(aside); err != nil {
			return fmt.Errorf("calibrate: rotating the log: %w", err)
		}
	}
	if err := os.Rename(l.path, aside); err != nil {
		return fmt.Errorf("calibrate: rotating the log: %w", err)
	}
	old := l.f
	l.f = nil
	old.Close() // written to no more: the next record opens a new FILE
	if err := l.shiftIn(aside); err != nil {
		return fmt.Errorf("calibrate: rotating the log: %w", err)
	}
	return nil
}

// shiftIn renames FILE.2 to FILE.3 and FILE.1 to FILE.2, then aside to
// FILE.1 — only when FILE.1 is free, never over it.
func (l *Log) shiftIn(aside string) error {
	// Every name checked before any is moved: an operator's directory or
	// link among them stops the rotation before the oldest log is dropped.
	for i := logKeep; i >= 1; i-- {
		if st, err := os.Lstat(fmt.Sprintf("%s.%d", l.path, i)); err == nil && !st.Mode().IsRegular() {
			return fmt.Errorf("%s.%d is not a log file; it is left where it is", l.path, i)
		}
	}
	for i := logKeep - 1; i >= 1; i-- {
		old := fmt.Sprintf("%s.%d", l.path, i)
		if _, err := os.Lstat(old); err == nil {
			if err := os.Rename(old, fmt.Sprintf("%s.%d", l.path, i+1)); err != nil {
				return err
			}
		}
	}
	if _, err := os.Lstat(l.path + ".1"); err == nil {
		return fmt.Errorf("%s.1 could not be moved", l.path)
	}
	return os.Rename(aside, l.path+".1")
}

// Close closes the log.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
