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
	mu   sync.Mutex
	path string
	max  int64
	f    *os.File
	size int64
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

// Write appends one record.
func (l *Log) Write(r Record) error {
	line := r.Line()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("calibrate: the log is closed")
	}
	if l.size > 0 && l.size+int64(len(line)) > l.max {
		if err := l.rotate(); err != nil {
			return err
		}
	}
	n, err := l.f.Write(line)
	l.size += int64(n)
	return err
}

func (l *Log) rotate() error {
	if err := l.f.Close(); err != nil {
		return err
	}
	l.f = nil
	for i := logKeep - 1; i >= 1; i-- {
		old := fmt.Sprintf("%s.%d", l.path, i)
		if _, err := os.Stat(old); err == nil {
			if err := os.Rename(old, fmt.Sprintf("%s.%d", l.path, i+1)); err != nil {
				return err
			}
		}
	}
	if err := os.Rename(l.path, l.path+".1"); err != nil {
		return err
	}
	return l.open()
}

// Close closes the log.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
