package main

import (
	"errors"
	"syscall"
)

// extendedAttrs says whether a file has extended attributes — an ACL is
// one (system.posix_acl_access) — which a rewrite through a new file
// would drop: an ACL's grants lost, its mask become the group's bits.
func extendedAttrs(path string) error {
	n, err := syscall.Listxattr(path, nil)
	if err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			return nil // the file system has none
		}
		return err
	}
	if n > 0 {
		return errors.New("it has extended attributes or an ACL, which a rewrite would drop")
	}
	return nil
}
