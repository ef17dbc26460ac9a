package content

import (
	"bytes"
	"slices"
	"strings"
	"sync"
)

// ParseCache keeps parsed articles between loads of one site, so that a
// reload parses again only the files whose bytes changed. A Load through it
// reads every file, so a stale cache can never hide an edit; a Load through
// the view Trusting returns reads only what Forget named. One ParseCache
// holds the results of one set of parse options (time zone, Markdown): make
// a new one when they change. It is safe for concurrent use.
type ParseCache struct {
	st    *cacheState
	trust bool
}

type cacheState struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry // changed in place, so that scan may point to them
	hits    int
	parsed  int
	changed map[string]bool // parsed again or dropped since the last Changed
	// scan is the last Load's list of files, nil when Forget named a path
	// that may change it (a new file, a folder, a bundle's file).
	scan *scanned
}

type cacheEntry struct {
	bundle string
	data   []byte
	a      *Article // with Assets set; shared by the loads that return it
	err    error
	stale  bool // named by Forget since it was read
}

type scanned struct {
	files    []source
	problems []Problem
	entries  []*cacheEntry // of files, nil where the cache holds none
}

// NewParseCache returns an empty ParseCache.
func NewParseCache() *ParseCache {
	return &ParseCache{st: &cacheState{entries: map[string]*cacheEntry{}, changed: map[string]bool{}}}
}

// Trusting returns a view of the cache whose loads take every file it holds
// as unchanged on disk unless Forget named it since, and reuse the last
// list of files when no path Forget named can change it: a load then reads
// only the named files, and its time follows the edit, not the site. The
// caller must Forget every change (serve does, from its watcher's events).
func (c *ParseCache) Trusting() *ParseCache { return &ParseCache{st: c.st, trust: true} }

// Forget marks site-relative paths (files or folders) as changed on disk,
// so that the next trusting load reads them, and everything under them,
// again. Paths outside content/ are ignored.
func (c *ParseCache) Forget(paths map[string]bool) {
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	for p := range paths {
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			continue
		}
		if e, ok := st.entries[p]; ok {
			e.stale = true
			continue
		}
		// A new file, a bundle's other file or a folder: the list of files
		// may differ, and a folder's files may all have changed.
		st.scan = nil
		prefix := p + "/"
		for name, e := range st.entries {
			if strings.HasPrefix(name, prefix) {
				e.stale = true
			}
		}
	}
}

// Len is the number of files held.
func (c *ParseCache) Len() int {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	return len(c.st.entries)
}

// Hits is the number of parses saved since the ParseCache was made.
func (c *ParseCache) Hits() int {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	return c.st.hits
}

// Changed returns the files parsed again or dropped since the last call
// (or since the ParseCache was made), and forgets them: the articles whose
// pages may differ from the last load's.
func (c *ParseCache) Changed() map[string]bool {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	out := c.st.changed
	c.st.changed = map[string]bool{}
	return out
}

// Parses is the number of files parsed since the ParseCache was made.
func (c *ParseCache) Parses() int {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	return c.st.parsed
}

// files returns the last load's list of files when a trusting load may
// reuse it.
func (c *ParseCache) files() *scanned {
	if !c.trust {
		return nil
	}
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	return c.st.scan
}

// setFiles keeps a load's list of files for the next trusting load, nil
// to have it list them again.
func (c *ParseCache) setFiles(s *scanned) {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	if s != nil {
		s.entries = make([]*cacheEntry, len(s.files))
		for i, f := range s.files {
			s.entries[i] = c.st.entries[f.file]
		}
	}
	c.st.scan = s
}

// held settles, through settle, every file of files that the view
// trusts the cache with and Forget did not name, without reading it, and
// returns the indexes of the others, which must be read. last, when not
// nil, is the list files came from, whose entries spare a lookup each.
func (c *ParseCache) held(last *scanned, files []source, settle func(int, *Article, error)) []int {
	if !c.trust {
		return every(len(files))
	}
	read := []int{}
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	for i, src := range files {
		var e *cacheEntry
		if last != nil {
			e = last.entries[i]
		} else {
			e = c.st.entries[src.file]
		}
		if e == nil || e.stale || e.bundle != src.bundle {
			read = append(read, i)
			continue
		}
		a, err := c.st.withAssets(src, e)
		settle(i, a, err)
	}
	return read
}

// reread points last at the entries of the files just read again, some
// of which the cache did not hold.
func (c *ParseCache) reread(last *scanned, read []int) {
	c.st.mu.Lock()
	defer c.st.mu.Unlock()
	for _, i := range read {
		last.entries[i] = c.st.entries[last.files[i].file]
	}
}

// saved counts n parses saved by held.
func (c *ParseCache) saved(n int) {
	c.st.mu.Lock()
	c.st.hits += n
	c.st.mu.Unlock()
}

// parse returns the cached result for file when its bytes and bundle are
// unchanged, else parses it and keeps the result. Unchanged articles are
// shared between loads: nothing changes an article once Load returns it.
func (c *ParseCache) parse(src source, data []byte, opts Options) (*Article, error) {
	st := c.st
	st.mu.Lock()
	e, ok := st.entries[src.file]
	if ok && e.bundle == src.bundle && bytes.Equal(e.data, data) {
		st.hits++
		e.stale = false
		a, err := st.withAssets(src, e)
		st.mu.Unlock()
		return a, err
	}
	st.mu.Unlock()
	a, err := Parse(src.file, src.bundle, data, opts)
	if a != nil {
		a.Assets = src.assets
	}
	st.mu.Lock()
	if e == nil {
		e = &cacheEntry{}
		st.entries[src.file] = e
	}
	*e = cacheEntry{bundle: src.bundle, data: data, a: a, err: err}
	st.parsed++
	st.changed[src.file] = true
	st.mu.Unlock()
	return a, err
}

// withAssets returns e's article with the bundle files src lists: a copy
// when they differ from the cached one's, kept for the next load and
// counted as changed, since the site differs. st.mu is held.
func (st *cacheState) withAssets(src source, e *cacheEntry) (*Article, error) {
	if e.err != nil || slices.Equal(e.a.Assets, src.assets) {
		return e.a, e.err
	}
	copied := *e.a
	copied.Assets = src.assets
	e.a = &copied
	st.changed[src.file] = true
	return e.a, nil
}

// keep drops the entries of files that are gone, so that deleted articles
// do not hold memory.
func (c *ParseCache) keep(files []source) {
	live := make(map[string]bool, len(files))
	for _, f := range files {
		live[f.file] = true
	}
	st := c.st
	st.mu.Lock()
	defer st.mu.Unlock()
	for name := range st.entries {
		if !live[name] {
			delete(st.entries, name)
			st.changed[name] = true
		}
	}
}
