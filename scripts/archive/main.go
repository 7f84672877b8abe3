// Command archive writes a release archive — tar.gz, or zip for a name
// ending in .zip — of the files named, reproducibly: entries in the order
// given, under one directory, with fixed modes (0755 for the first file,
// the binary; 0644 for the rest), owner 0 and one modification time.
// scripts/release runs it, so that archives need no tar or zip of the
// machine's, whose options differ between systems.
//
//	go run ./scripts/archive -o contactlint_v1.0.0_linux_amd64.tar.gz \
//	  -dir contactlint_v1.0.0_linux_amd64 -mtime 1700000000 \
//	  dist/contactlint LICENSE README.md contactlint.txt
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "the archive to write (.tar.gz or .zip)")
	dir := flag.String("dir", "", "the directory the files are in, inside the archive")
	mtime := flag.Int64("mtime", 0, "the files' modification time, Unix seconds (the commit's)")
	flag.Parse()
	if *out == "" || *dir == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: archive -o OUT.tar.gz|OUT.zip -dir DIR [-mtime SECONDS] FILE…")
		os.Exit(2)
	}
	if err := write(*out, *dir, time.Unix(*mtime, 0).UTC(), flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "archive:", err)
		os.Remove(*out)
		os.Exit(1)
	}
}

func write(out, dir string, mtime time.Time, files []string) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if strings.HasSuffix(out, ".zip") {
		return writeZip(f, dir, mtime, files)
	}
	return writeTarGz(f, dir, mtime, files)
}

func mode(i int) int64 {
	if i == 0 {
		return 0o755 // the binary
	}
	return 0o644
}

func writeTarGz(w io.Writer, dir string, mtime time.Time, files []string) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for i, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: path.Join(dir, filepath.Base(name)), Mode: mode(i), Size: int64(len(b)), ModTime: mtime, Format: tar.FormatPAX, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(b); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, dir string, mtime time.Time, files []string) error {
	zw := zip.NewWriter(w)
	for i, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: path.Join(dir, filepath.Base(name)), Method: zip.Deflate, Modified: mtime}
		hdr.SetMode(os.FileMode(mode(i)))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(b); err != nil {
			return err
		}
	}
	return zw.Close()
}
