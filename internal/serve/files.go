package serve

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/newsdigest/newsdigest/internal/sitefs"
)

// files remembers what the site's files and folders held when they were
// last read, so that a rebuild reads again only the paths the watcher
// named since. Reading a site of 10,000 articles from disk takes longer
// than rendering the pages one edit changes.
//
// A record is only trusted until the watcher reports a change at its path,
// which forget drops before the rebuild that handles it. A change the
// watcher never reports (a file system without events) is found by the
// full build that follows every rebuild, since it reads through fresh,
// which goes to disk and records what it finds.
type files struct {
	disk fs.FS
	mu   sync.Mutex
	data map[string][]byte        // file contents by site-relative path
	info map[string]fs.FileInfo   // Stat results
	dirs map[string][]fs.DirEntry // folder listings
}

func newFiles(root string) *files {
	f := &files{disk: sitefs.New(root)}
	f.reset()
	return f
}

// reset forgets everything: the next read of any path goes to disk.
func (f *files) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.data = map[string][]byte{}
	f.info = map[string]fs.FileInfo{}
	f.dirs = map[string][]fs.DirEntry{}
}

// forget drops the records of the changed paths, of everything under
// them (a folder made, removed or renamed) and the listings of the
// folders that hold them (an entry added or gone).
func (f *files) forget(paths map[string]bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for p := range paths {
		_, file := f.data[p]
		info, stat := f.info[p]
		delete(f.data, p)
		delete(f.info, p)
		delete(f.dirs, p)
		delete(f.dirs, path.Dir(p))
		if file || (stat && !info.IsDir()) {
			continue
		}
		// A folder, or a path never read: anything under it may be stale.
		prefix := p + "/"
		for name := range f.data {
			if strings.HasPrefix(name, prefix) {
				delete(f.data, name)
			}
		}
		for name := range f.info {
			if strings.HasPrefix(name, prefix) {
				delete(f.info, name)
			}
		}
		for name := range f.dirs {
			if strings.HasPrefix(name, prefix) {
				delete(f.dirs, name)
			}
		}
	}
}

// cached reads through the records, going to disk for what they lack.
func (f *files) cached() fs.FS { return &siteFS{f: f, trust: true} }

// fresh reads from disk and records what it read.
func (f *files) fresh() fs.FS { return &siteFS{f: f} }

// siteFS is the site as one build reads it. The slices it returns are
// shared with the records and must not be changed, which holds for
// every reader of a site (content.Load, the template layers, static
// files): they read bytes and keep or copy them.
type siteFS struct {
	f     *files
	trust bool
}

// Open is not recorded: only the calls below are frequent enough to
// matter, and an open file is read in ways a record cannot answer.
func (s *siteFS) Open(name string) (fs.File, error) { return s.f.disk.Open(name) }

func (s *siteFS) ReadFile(name string) ([]byte, error) {
	return lookup(s, s.f.data, name, func() ([]byte, error) { return fs.ReadFile(s.f.disk, name) })
}

func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	return lookup(s, s.f.info, name, func() (fs.FileInfo, error) { return fs.Stat(s.f.disk, name) })
}

func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return lookup(s, s.f.dirs, name, func() ([]fs.DirEntry, error) { return fs.ReadDir(s.f.disk, name) })
}

// lookup answers name from records when trusted, else reads it and records
// the answer. Errors are not recorded: a path that is missing now is
// looked for again next time.
func lookup[T any](s *siteFS, records map[string]T, name string, read func() (T, error)) (T, error) {
	if s.trust {
		s.f.mu.Lock()
		v, ok := records[name]
		s.f.mu.Unlock()
		if ok {
			return v, nil
		}
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	s.f.mu.Lock()
	records[name] = v
	s.f.mu.Unlock()
	return v, nil
}
