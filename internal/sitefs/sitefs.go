// Package sitefs reads a site's folder from disk as an fs.FS, and reads
// only what a site is made of: regular files and folders. A pipe, socket or
// device is refused (ErrNotRegular) without being waited on, and a symbolic
// link that resolves outside the site is refused (ErrOutside). Every
// command reads its site through FS.
package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotRegular is the error for a name that is neither a regular file nor
// a folder. Opening a named pipe for reading waits for a writer, forever.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutside is the error for a symbolic link whose target is outside the
// site. A site is often someone else's folder: a link in it to /etc/shadow
// must not be published.
var ErrOutside = errors.New("symbolic link leads outside the site")

// Inputs are the site's folders that a build reads. Each may be a link to
// a folder elsewhere, which then counts as part of the site.
var Inputs = []string{"content", "static", "templates", "themes"}

// FS is a site's folder on disk.
type FS struct {
	dir   string
	roots []string // the real paths a link may lead into
	dirfd int      // dir, open, on Linux; see readIn
}

// New returns the site in dir.
func New(dir string) *FS {
	s := &FS{dir: dir}
	for _, name := range append([]string{"."}, Inputs...) {
		if real, err := filepath.EvalSymlinks(filepath.Join(dir, name)); err == nil {
			if abs, err := filepath.Abs(real); err == nil {
				s.roots = append(s.roots, abs)
			}
		}
	}
	openDir(s)
	return s
}

func (s *FS) path(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(s.dir, filepath.FromSlash(name)), nil
}

// inside reports whether real, a path with no links, is in the site.
func (s *FS) inside(real string) bool {
	for _, root := range s.roots {
		rel, err := filepath.Rel(root, real)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Open opens a file or folder without waiting on a pipe.
func (s *FS) Open(name string) (fs.File, error) {
	full, err := s.path("open", name)
	if err != nil {
		return nil, err
	}
	if err := s.checkLink(full); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	f, err := os.OpenFile(full, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, relative(err, name)
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		err = ErrNotRegular
	}
	if err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// Stat is os.Stat, refusing a link that leads outside the site.
func (s *FS) Stat(name string) (fs.FileInfo, error) {
	full, err := s.path("stat", name)
	if err != nil {
		return nil, err
	}
	info, err := os.Lstat(full)
	if err != nil {
		return nil, relative(err, name)
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return info, nil
	}
	if err := s.checkLink(full); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	info, err = os.Stat(full)
	return info, relative(err, name)
}

// ReadDir is os.ReadDir.
func (s *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := s.path("readdir", name)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(full)
	return entries, relative(err, name)
}

// ReadFile reads a regular file inside the site.
func (s *FS) ReadFile(name string) ([]byte, error) {
	full, err := s.path("readfile", name)
	if err != nil {
		return nil, err
	}
	data, err := s.readIn(name, full)
	return data, relative(err, name)
}

// checkLink refuses full when it resolves outside the site. Only links
// can: a path without any resolves to itself.
func (s *FS) checkLink(full string) error {
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return nil // missing or a loop: the caller's open says which
	}
	if abs, err := filepath.Abs(real); err != nil || !s.inside(abs) {
		return ErrOutside
	}
	return nil
}

// relative names the path in the site, not on disk, in a PathError.
func relative(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name
	}
	return err
}

// ReadRegular reads the regular file at name, anywhere on disk, without
// waiting on a pipe: for what a build reads besides the site, such as its
// cache.
func ReadRegular(name string) ([]byte, error) {
	return readFile(name, func(string) bool { return true })
}
