//go:build !unix

package main

import (
	"errors"
	"os"
)

// fileID is a file's identity; none is told here.
type fileID struct{}

// idOf tells no identity: files are compared with os.SameFile.
func idOf(os.FileInfo) (fileID, bool) { return fileID{}, false }

// hardLinks is 1 where the system does not tell.
func hardLinks(os.FileInfo) uint64 { return 1 }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, os.FileInfo) error { return nil }

// writable refuses a read-only file.
func writable(_ string, info os.FileInfo) error {
	if info.Mode().Perm()&0o222 == 0 {
		return errors.New("it is read-only")
	}
	return nil
}
