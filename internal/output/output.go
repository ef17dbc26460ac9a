// Package output is where a build's files go: every file of a built site
// passes through a Sink, in memory (Memory, for check and serve) or on
// disk (Staging), and no other package writes into a destination. Staging
// writes every file into a folder beside the destination; Commit then
// swaps it into place in one rename, so a failed or killed build leaves
// the previous output whole. Paths are checked so that nothing is ever
// written outside the destination.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Paths are slash-separated and
// relative to the site root ("2025/01/06/grocers/index.html"). Write must
// not keep data once it returns: a renderer writes every page from the
// same buffer.
type Sink interface {
	Write(name string, data []byte) error
}

// CheckPath refuses a path that is absolute, empty or climbs out of the
// output with "..".
func CheckPath(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || strings.ContainsRune(name, 0) {
		return fmt.Errorf("output path %q is not a relative path", name)
	}
	if clean := path.Clean(name); clean != name || clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("output path %q leaves the output folder", name)
	}
	return nil
}

// Memory is a Sink that keeps the files in memory, for serve and tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write stores a copy of a file.
func (m *Memory) Write(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

// Files returns the stored files. The map must not be changed.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Names returns the stored paths, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Staging is a Sink that writes into a fresh folder beside the destination.
type Staging struct {
	dest string // the destination, absolute
	dir  string // the staging folder
	mu   sync.Mutex
	made map[string]bool // folders already created
	seen map[string]bool // files already written
	// unlock releases the lock on the destination's parent folder, held
	// from NewStaging to Commit or Abort.
	unlock func()
}

// errBusy is returned when another build holds the lock.
var errBusy = errors.New("another newsdigest build is publishing beside it; try again when it is done")

const stagingPrefix = ".newsdigest-staging-"
const oldPrefix = ".newsdigest-old-"

// NewStaging creates a staging folder for dest, after removing the leftovers
// of earlier builds that were killed before they could clean up.
func NewStaging(dest string) (*Staging, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(abs)
	if base == "" {
		return nil, fmt.Errorf("destination %q is not a folder that can be replaced", dest)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Without the lock, a second build would take the first one's staging
	// folder for a leftover and remove it.
	unlock, err := lockDir(parent)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dest, err)
	}
	CleanLeftovers(abs)
	if err := replaceable(abs); err != nil {
		unlock()
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix+base+"-")
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		unlock()
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &Staging{dest: abs, dir: dir, made: map[string]bool{}, seen: map[string]bool{}, unlock: sync.OnceFunc(unlock)}, nil
}

// Marker is the file every published output holds. A build replaces a
// destination whole, so it only replaces a folder that is empty or that
// holds this file: a mistyped --destination never deletes someone's
// documents.
const Marker = ".newsdigest-output"

const markerText = "This folder is written by newsdigest build and replaced whole by each build.\nEdit the site's content/, templates/ and static/ instead.\n"

// replaceable refuses a destination that exists and was not written by a
// build.
func replaceable(dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("destination %s exists and is not a folder", dest)
	}
	if _, err := os.Lstat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("destination %s holds files that no build wrote (it has no %s); a build replaces its destination whole, so empty it or choose another --destination", dest, Marker)
	}
	return nil
}

// CleanLeftovers removes staging and old folders that a killed build left
// beside dest; staging folders are never published. When a build was
// killed between the two renames of a commit without exchange, dest is
// missing and the old folder holds the previous output: it is put back.
func CleanLeftovers(dest string) {
	parent, base := filepath.Split(dest)
	olds, _ := filepath.Glob(filepath.Join(parent, oldPrefix+base+"-*"))
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && len(olds) == 1 {
		if os.Rename(olds[0], dest) == nil {
			olds = nil
		}
	}
	stagings, _ := filepath.Glob(filepath.Join(parent, stagingPrefix+base+"-*"))
	for _, m := range append(stagings, olds...) {
		os.RemoveAll(m)
	}
}

// Dir is the staging folder.
func (s *Staging) Dir() string { return s.dir }

// Write writes one file into the staging folder.
func (s *Staging) Write(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	s.mu.Lock()
	if s.seen[name] {
		s.mu.Unlock()
		return fmt.Errorf("%s written twice", name)
	}
	s.seen[name] = true
	s.mu.Unlock()
	if err := s.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return writeNew(filepath.Join(s.dir, filepath.FromSlash(name)), data)
}

// mkdir makes a folder of the staging folder and those above it. Each is
// made once, with one system call: the folders made are remembered, so no
// stat is needed to know that a parent exists. Two writers may make the
// same folder at once; the second finds it there.
func (s *Staging) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	s.mu.Lock()
	made := s.made[dir]
	s.mu.Unlock()
	if made {
		return nil
	}
	if err := s.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(dir))
	if err := os.Mkdir(full, 0o755); err != nil {
		if info, serr := os.Stat(full); serr != nil || !info.IsDir() {
			return err
		}
	}
	s.mu.Lock()
	s.made[dir] = true
	s.mu.Unlock()
	return nil
}

// Abort removes the staging folder; the destination is untouched.
func (s *Staging) Abort() error {
	defer s.unlock()
	return os.RemoveAll(s.dir)
}

// Commit puts the staging folder in the destination's place. Where the
// system can exchange two paths in one step, the destination is never
// missing or mixed; elsewhere it is missing for the instant between two
// renames, and a later build finds the previous output in the old folder.
func (s *Staging) Commit() error {
	defer s.unlock()
	if err := os.WriteFile(filepath.Join(s.dir, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	info, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(s.dir, s.dest)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("destination %s exists and is not a folder", s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		// s.dir now holds the previous output. The new site is live
		// whatever happens next; a folder that cannot be removed now
		// has the staging prefix, so the next build removes it.
		os.RemoveAll(s.dir)
		return nil
	}
	old := filepath.Join(filepath.Dir(s.dest), oldPrefix+filepath.Base(s.dest)+"-"+filepath.Base(s.dir))
	if err := os.Rename(s.dest, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		os.Rename(old, s.dest)
		return err
	}
	return os.RemoveAll(old)
}
