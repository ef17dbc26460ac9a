package content

import (
	"bytes"
	"sync"
)

// ParseCache keeps parsed articles between loads of one site, so that a reload
// parses again only the files whose bytes changed. Files are always read,
// so a stale cache can never hide an edit. One ParseCache holds the results of
// one set of parse options (time zone, Markdown): make a new one when they
// change. It is safe for concurrent use.
type ParseCache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
	hits    int
	parsed  int
	changed map[string]bool // parsed again or dropped since the last Changed
}

type cacheEntry struct {
	bundle string
	data   []byte
	a      *Article
	err    error
}

// NewParseCache returns an empty ParseCache.
func NewParseCache() *ParseCache {
	return &ParseCache{entries: map[string]cacheEntry{}, changed: map[string]bool{}}
}

// Len is the number of files held.
func (c *ParseCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Hits is the number of parses saved since the ParseCache was made.
func (c *ParseCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Changed returns the files parsed again or dropped since the last call
// (or since the ParseCache was made), and forgets them: the articles whose
// pages may differ from the last load's.
func (c *ParseCache) Changed() map[string]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.changed
	c.changed = map[string]bool{}
	return out
}

// Parses is the number of files parsed since the ParseCache was made.
func (c *ParseCache) Parses() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parsed
}

// parse returns the cached result for file when its bytes and bundle are
// unchanged, else parses it and keeps the result. The article returned is
// a copy, since Load sets fields of its own (Assets) on it.
func (c *ParseCache) parse(src source, data []byte, opts Options) (*Article, error) {
	c.mu.Lock()
	e, ok := c.entries[src.file]
	if ok && e.bundle == src.bundle && bytes.Equal(e.data, data) {
		c.hits++
		c.mu.Unlock()
		if e.err != nil {
			return nil, e.err
		}
		copied := *e.a
		return &copied, nil
	}
	c.mu.Unlock()
	a, err := Parse(src.file, src.bundle, data, opts)
	e = cacheEntry{bundle: src.bundle, data: data, a: a, err: err}
	if a != nil {
		copied := *a
		e.a = &copied
	}
	c.mu.Lock()
	c.entries[src.file] = e
	c.parsed++
	c.changed[src.file] = true
	c.mu.Unlock()
	return a, err
}

// keep drops the entries of files that are gone, so that deleted articles
// do not hold memory.
func (c *ParseCache) keep(files []source) {
	live := make(map[string]bool, len(files))
	for _, f := range files {
		live[f.file] = true
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
