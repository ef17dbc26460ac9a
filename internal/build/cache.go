package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/newsdigest/newsdigest/internal/sitefs"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// CacheDir is the folder under the site root that holds the build cache.
const CacheDir = ".newsdigest"

const bodyCacheFile = "bodies.cache"

// bodyCacheMagic starts every cache file; bump the version when Converted
// changes shape.
const bodyCacheMagic = "newsdigest body cache v3\n"

// cacheEntry is one body in the cache file.
type cacheEntry struct {
	Key  [32]byte
	Body markdown.Converted
}

// bodyCache is a content.BodyCache kept on disk between builds. A file made
// by another version of the program or with other Markdown options is discarded whole,
// and so is one whose checksum does not match: the cache is never trusted
// over the source.
type bodyCache struct {
	path        string
	fingerprint [32]byte

	mu   sync.Mutex
	old  map[[32]byte]markdown.Converted // read from disk
	used map[[32]byte]markdown.Converted // what this build needed; saved

	hits, misses atomic.Int64
}

// openBodyCache reads the cache of a site. The reason is set when an
// existing file was discarded.
func openBodyCache(dir string, cfg *config.Config) (c *bodyCache, reason string) {
	c = &bodyCache{
		path: filepath.Join(dir, bodyCacheFile),
		old:  map[[32]byte]markdown.Converted{},
		used: map[[32]byte]markdown.Converted{},
	}
	c.fingerprint = fingerprint(cfg.Markup.Unsafe, urls.New(cfg.BaseURL).BasePath())
	old, err := c.read()
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		reason = err.Error()
	default:
		c.old = old
	}
	return c, reason
}

// fingerprint identifies what the cached bodies depend on: the program's
// source (another version may convert differently) and the Markdown options,
// the base path among them (site-path links carry it).
func fingerprint(unsafe bool, basePath string) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s unsafe=%v base=%q\n", bodyCacheMagic, unsafe, basePath)
	h.Write(programID())
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// goBuildID reads the build ID the Go linker stores in an ELF binary: a
// hash of the program's inputs and of its contents, so it changes with
// any change to the program. Reading it costs a few system calls where
// hashing the 20 MB binary cost some 30 ms at the start of every build.
// nil means none was found (another format, or a build without one).
func goBuildID(exe string) []byte {
	f, err := elf.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return nil
	}
	data, err := s.Data()
	if err != nil || len(data) < 16 {
		return nil
	}
	return data
}

// read loads the cache file: magic, fingerprint, gob payload, and the
// payload's CRC-32C at the end (a checksum against a damaged file, which
// the processor computes some twenty times faster than SHA-256).
func (c *bodyCache) read() (map[[32]byte]markdown.Converted, error) {
	data, err := sitefs.ReadRegular(c.path)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(bodyCacheMagic))
	if !ok || len(rest) < 32+4 {
		return nil, errors.New("cache file has an unknown format")
	}
	if !bytes.Equal(rest[:32], c.fingerprint[:]) {
		return nil, errors.New("cache made by another version of newsdigest or with other markup options or another base path")
	}
	payload, sum := rest[32:len(rest)-4], rest[len(rest)-4:]
	if crc32.Checksum(payload, castagnoli) != binary.BigEndian.Uint32(sum) {
		return nil, errors.New("cache file is corrupt (checksum mismatch)")
	}
	dec := gob.NewDecoder(bytes.NewReader(payload))
	var n int
	if err := dec.Decode(&n); err != nil || n < 0 {
		return nil, fmt.Errorf("cache file is corrupt: %v", err)
	}
	m := make(map[[32]byte]markdown.Converted, min(n, 1<<20))
	for range n {
		var e cacheEntry
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("cache file is corrupt: %v", err)
		}
		m[e.Key] = e.Body
	}
	return m, nil
}

// Get returns a body converted by an earlier build.
func (c *bodyCache) Get(key [32]byte) (markdown.Converted, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	conv, ok := c.old[key]
	if ok {
		c.used[key] = conv
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return conv, ok
}

// Put keeps a body converted by this build.
func (c *bodyCache) Put(key [32]byte, conv markdown.Converted) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = conv
}

// cacheFile is a cache written beside the cache in place, not yet
// installed.
type cacheFile struct {
	tmp string // "" when nothing changed
	err error
}

// write encodes the bodies this build used, so that deleted articles drop
// out, into a temporary file beside the cache, hashed on the way: a second
// copy of every body is never held in memory. It runs while the pages are
// rendered; install puts the file in place once the site is published.
// tmp is "" when nothing changed.
func (c *bodyCache) write() (tmp string, err error) {
	if c.misses.Load() == 0 && len(c.used) == len(c.old) {
		return "", nil // nothing changed
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(c.path), bodyCacheFile+".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(bodyCacheMagic)
	w.Write(c.fingerprint[:])
	sum := crc32.New(castagnoli)
	// One entry per Encode: gob buffers a whole value before writing it.
	enc := gob.NewEncoder(io.MultiWriter(w, sum))
	if err := enc.Encode(len(c.used)); err != nil {
		f.Close()
		return "", err
	}
	for key, conv := range c.used {
		if err := enc.Encode(cacheEntry{Key: key, Body: conv}); err != nil {
			f.Close()
			return "", err
		}
	}
	w.Write(sum.Sum(nil))
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// install replaces the cache with a file from write, in one rename.
func (c *bodyCache) install(tmp string) error {
	if tmp == "" {
		return nil
	}
	if err := os.Rename(tmp, c.path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
