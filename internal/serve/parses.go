package serve

import (
	"bytes"
	"context"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/newsdigest/newsdigest/internal/content"
)

// parses keeps the articles serve parsed between its builds, so that a
// rebuild parses again only the files whose bytes changed. A verifying
// load reads every file, so a stale record can never hide an edit; a
// trusting load reads only what forget named since, and reuses the last
// list of files when no named path can change it, so its time follows
// the edit, not the site. The records hold the results of one set of
// parse options (time zone, Markdown): make new ones when they change.
type parses struct {
	mu      sync.Mutex
	entries map[string]*parsed // changed in place, so that scan may point to them
	hits    int                // parses saved
	count   int                // files parsed
	changed map[string]bool    // parsed again or dropped since the last takeChanged
	// scan is the last load's list of files, nil when forget named a path
	// that may change it (a new file, a folder, a bundle's file).
	scan *scanned
}

type parsed struct {
	bundle string
	data   []byte
	a      *content.Article // with Assets set; shared by the loads that return it
	err    error
	stale  bool // named by forget since it was read
}

type scanned struct {
	files    []content.File
	problems []content.Problem
	entries  []*parsed // of files, nil where none is held
}

func newParses() *parses {
	return &parses{entries: map[string]*parsed{}, changed: map[string]bool{}}
}

// forget marks site-relative paths (files or folders) as changed on disk,
// so that the next trusting load reads them, and everything under them,
// again. Paths outside content/ are ignored.
func (c *parses) forget(paths map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range paths {
		if p != content.Dir && !strings.HasPrefix(p, content.Dir+"/") {
			continue
		}
		if e, ok := c.entries[p]; ok {
			e.stale = true
			continue
		}
		// A new file, a bundle's other file or a folder: the list of files
		// may differ, and a folder's files may all have changed.
		c.scan = nil
		prefix := p + "/"
		for name, e := range c.entries {
			if strings.HasPrefix(name, prefix) {
				e.stale = true
			}
		}
	}
}

// stats returns the parses saved and the files parsed since the records
// were made.
func (c *parses) stats() (hits, count int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.count
}

// takeChanged returns the files parsed again or dropped since the last
// call, and forgets them: the articles whose pages may differ from the
// last load's.
func (c *parses) takeChanged() map[string]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.changed
	c.changed = map[string]bool{}
	return out
}

// load loads the site's articles as content.Load does, through the
// records: trusting, it reads only what forget named; otherwise it reads
// every file and parses again those whose bytes changed.
func (c *parses) load(ctx context.Context, fsys fs.FS, opts content.Options, trust bool) (*content.Result, error) {
	var last *scanned
	if trust {
		c.mu.Lock()
		last = c.scan
		c.mu.Unlock()
	}
	var files []content.File
	var problems []content.Problem
	if last != nil {
		files, problems = last.files, last.problems
	} else {
		var err error
		if files, problems, err = content.Scan(ctx, fsys); err != nil {
			return nil, err
		}
	}
	out := make([]content.Outcome, len(files))
	read := allOf(len(files))
	if trust {
		read = c.held(last, files, out)
	}
	if last != nil && !stillFiles(fsys, files, read) {
		// A file forget named is gone or is a folder now: list them again.
		c.setScan(nil)
		return c.load(ctx, fsys, opts, trust)
	}
	c.mu.Lock()
	c.hits += len(files) - len(read)
	c.mu.Unlock()
	some := make([]content.File, len(read))
	for k, i := range read {
		some[k] = files[i]
	}
	outs, err := content.ReadAll(ctx, some, func(f content.File) (*content.Article, error) { return c.parse(fsys, f, opts) })
	if err != nil {
		return nil, err
	}
	for k, i := range read {
		out[i] = outs[k]
	}
	if last != nil {
		c.reread(last, read)
	} else {
		c.keep(files)
		c.setScan(&scanned{files: files, problems: problems})
	}
	return content.Collect(files, out, problems, opts), nil
}

// allOf returns the indexes of n files.
func allOf(n int) []int {
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return all
}

// stillFiles reports whether the files at the indexes read are still
// files, as the list of files from an earlier load says.
func stillFiles(fsys fs.FS, files []content.File, read []int) bool {
	for _, i := range read {
		info, err := fs.Stat(fsys, files[i].Path)
		if err != nil || info.IsDir() {
			return false
		}
	}
	return true
}

// setScan keeps a load's list of files for the next trusting load, nil
// to have it list them again.
func (c *parses) setScan(s *scanned) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s != nil {
		s.entries = make([]*parsed, len(s.files))
		for i, f := range s.files {
			s.entries[i] = c.entries[f.Path]
		}
	}
	c.scan = s
}

// held fills in out for every file that forget did not name, without
// reading it, and returns the indexes of the others, which must be read.
// last, when not nil, is the list files came from, whose entries spare a
// lookup each.
func (c *parses) held(last *scanned, files []content.File, out []content.Outcome) []int {
	read := []int{}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range files {
		var e *parsed
		if last != nil {
			e = last.entries[i]
		} else {
			e = c.entries[f.Path]
		}
		if e == nil || e.stale || e.bundle != f.Bundle {
			read = append(read, i)
			continue
		}
		a, err := c.withAssets(f, e)
		out[i] = content.Outcome{Article: a, Err: err}
	}
	return read
}

// reread points last at the entries of the files just read again, some
// of which were not held.
func (c *parses) reread(last *scanned, read []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, i := range read {
		last.entries[i] = c.entries[last.files[i].Path]
	}
}

// parse reads a file and returns the held result when its bytes and
// bundle are unchanged, else parses it and keeps the result. Unchanged
// articles are shared between loads: nothing changes an article once a
// load returns it.
func (c *parses) parse(fsys fs.FS, f content.File, opts content.Options) (*content.Article, error) {
	data, err := content.ReadSource(fsys, f, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e, ok := c.entries[f.Path]
	if ok && e.bundle == f.Bundle && bytes.Equal(e.data, data) {
		c.hits++
		e.stale = false
		a, err := c.withAssets(f, e)
		c.mu.Unlock()
		return a, err
	}
	c.mu.Unlock()
	a, err := content.Parse(f.Path, f.Bundle, data, opts)
	if a != nil {
		a.Assets = f.Assets
	}
	c.mu.Lock()
	if e == nil {
		e = &parsed{}
		c.entries[f.Path] = e
	}
	*e = parsed{bundle: f.Bundle, data: data, a: a, err: err}
	c.count++
	c.changed[f.Path] = true
	c.mu.Unlock()
	return a, err
}

// withAssets returns e's article with the bundle files f lists: a copy
// when they differ from the held one's, kept for the next load and
// counted as changed, since the site differs. c.mu is held.
func (c *parses) withAssets(f content.File, e *parsed) (*content.Article, error) {
	if e.err != nil || slices.Equal(e.a.Assets, f.Assets) {
		return e.a, e.err
	}
	copied := *e.a
	copied.Assets = f.Assets
	e.a = &copied
	c.changed[f.Path] = true
	return e.a, nil
}

// keep drops the entries of files that are gone, so that deleted articles
// do not hold memory.
func (c *parses) keep(files []content.File) {
	live := make(map[string]bool, len(files))
	for _, f := range files {
		live[f.Path] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for name := range c.entries {
		if !live[name] {
			delete(c.entries, name)
			c.changed[name] = true
		}
	}
}
