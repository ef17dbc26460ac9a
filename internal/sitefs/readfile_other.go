//go:build !linux

package sitefs

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// readFile reads the regular file name, whose real path inside accepts.
func readFile(name string, inside func(real string) bool) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if real, err := filepath.EvalSymlinks(name); err == nil {
		if abs, err := filepath.Abs(real); err != nil || !inside(abs) {
			return nil, &fs.PathError{Op: "read", Path: name, Err: ErrOutside}
		}
	}
	return io.ReadAll(f)
}

func openDir(s *FS) {}

func (s *FS) readIn(name, full string) ([]byte, error) { return readFile(full, s.inside) }
