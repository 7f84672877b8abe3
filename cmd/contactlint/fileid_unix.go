//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// fileID is a file's device and inode.
type fileID struct{ dev, ino uint64 }

// idOf is a file's identity, where the system tells it.
func idOf(info os.FileInfo) (fileID, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(st.Dev), uint64(st.Ino)}, true
	}
	return fileID{}, false
}

// hardLinks is how many names the file has; 1 where it cannot be told.
func hardLinks(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepOwner gives f the owner and group of the file it replaces. Only the
// superuser may give a file away; anyone may keep their own, so a change
// is attempted only when one is needed.
func keepOwner(f *os.File, info os.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	mine, err := f.Stat()
	if err != nil {
		return err
	}
	if cur, ok := mine.Sys().(*syscall.Stat_t); ok && cur.Uid == st.Uid && cur.Gid == st.Gid {
		return nil
	}
	return f.Chown(int(st.Uid), int(st.Gid))
}

// writable says why -w may not replace a file: the user may not write to
// it (a rename in a shared directory would replace it anyway), or it is
// read-only to everyone (a mark not to change it, even for the superuser,
// who may write anything).
func writable(path string, info os.FileInfo) error {
	if info.Mode().Perm()&0o222 == 0 {
		return errors.New("it is read-only")
	}
	if err := syscall.Access(path, 0x2 /* W_OK */); err != nil {
		return fmt.Errorf("it is not writable by this user (%v)", err)
	}
	return nil
}
