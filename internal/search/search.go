// Package search makes a site's search index: files a browser reads with
// plain GET requests from a static host, fetching only the pieces a query
// needs. Read starts reading the words of a digest's articles; Write takes
// them, the digest and the stories, and writes the index through the sink
// the pages use. The client is themes/default/static/search.js.
//
// # Terms
//
// A word is a run of letters, numbers and combining marks, apostrophes
// inside it joined and dropped; it is folded to lower case without
// diacritics, then stemmed with the Snowball stemmer of the site's
// language. The index holds every stem, and every word as written (folded)
// whose stem differs from it, pointing to its stem: the client looks
// words up as written and needs no stemmer, and a word as the user types
// it finds every word that starts with it. Title, body, tags, authors,
// source and dateline are indexed, each field's positions apart from the
// next. Each topic is a key too, "#" and its slug, holding its articles.
//
// # Files
//
//	search/index.json            the manifest: the only file that keeps its name
//	search/<version>/t/<n>.bin   shard n: the keys from shards[n] up to shards[n+1]
//	search/<version>/t/<n>.pos   the positions of its keys, for phrase queries
//	search/<version>/p/<n>.bin   a long posting list in a file of its own (and .pos)
//	search/<version>/r/<n>.json  the records of docs n·chunk up to (n+1)·chunk
//
// The version is a hash of every file below it, so a host or CDN that
// caches old files never mixes them with new ones: the manifest names the
// folder, and a new build writes a new folder.
//
// Docs are the articles newest first, numbered from 0. The manifest holds
// the number of docs, the chunk of records per file, the first key of each
// shard, the first doc of each month (date filters and the recency boost
// work on doc ranges), the topics and the largest df that keeps
// positions.
//
// # Shards
//
// A shard is a sequence of uvarints and bytes: the number of keys, then
// per key, in byte order: the length it shares with the previous key, the
// length of the rest and its bytes; flags (1 postings here, 2 postings in
// a file of their own, 4 an alias, 8 positions kept); for an alias, its
// stem's length and bytes; for postings, df, then either their length in
// bytes and the bytes, or the number of their file; for positions kept
// with postings here, their offset and length in the shard's .pos file.
//
// Postings are, per doc, the uvarint gap from the previous doc id (the
// first absolute) and one impact byte: the term's BM25 weight in the doc
// (k1 1.2, b 0.75) in 63 steps, shifted left once, the low bit set when
// the term is in the title. The client adds a title boost and a recency
// boost, and needs no other statistics. Positions are, per doc in the
// same order, the count and the uvarint gaps between positions. Terms in
// more than one doc in twenty (and at least 500 docs) keep no positions:
// a phrase query checks the distances between its other words, and takes
// those words as matching anywhere in between.
//
// # Records
//
// Each records file is a JSON array of the docs of its chunk: title (t),
// URL (u), date (d), topic (p), source (s), an excerpt (e), and, when the
// article is one report of a story of several, the story's URL (g) and
// number of reports (n).
package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Tuning of the pieces. At 100k articles a one-word query must fetch
// at most 300 KB: a shard and, for a long list, its file.
const (
	shardBytes  = 24 << 10 // a shard is cut after this many bytes
	ownFile     = 8 << 10  // posting lists longer than this get a file
	chunk       = 32       // records per file
	excerptLen  = 180      // characters of the summary in a record
	minPosLimit = 500
)

// Options are the site's settings the index needs.
type Options struct {
	Language string
	URLs     urls.URLs
	// Words, when not nil, are the words of the same digest's articles
	// in the same language, being read since Read was called; when nil,
	// Build reads them.
	Words *Words
}

// Words are the words of every article of a digest, read on every core
// in the background: a caller starts reading early (while the stories are
// grouped, with a core to spare) and Build waits for the words.
type Words struct {
	done  chan struct{}
	terms map[string]*list  // stem → postings
	words map[string]string // word as written, folded → stem
	stops []string
}

// Read starts reading the words of d's articles and returns at once.
func Read(d *digest.Digest, language string) *Words {
	w := &Words{done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.terms, w.words, w.stops = join(readAll(d.Articles, languageOf(language), runtime.GOMAXPROCS(0)))
	}()
	return w
}

// Manifest is search/index.json.
type Manifest struct {
	Version  string   `json:"version"`
	Language string   `json:"language"`
	Docs     int      `json:"docs"`
	Chunk    int      `json:"chunk"`
	PosMaxDF int      `json:"posMaxDF"`
	Shards   []string `json:"shards"`
	Months   []Month  `json:"months"`
	Topics   []Topic  `json:"topics"`
	// Stop are the words left out of the index (the stop words of the
	// language that the articles hold), which a query skips.
	Stop []string `json:"stop"`
}

// Month is the first doc of a month of articles ("2025-06").
type Month struct {
	Month string `json:"month"`
	First int    `json:"first"`
}

// Topic is a topic to filter by: its name and key.
type Topic struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// File is one file of the index, by its path under the site root.
type File struct {
	Name string
	Data []byte
}

// Build makes the index of a digest's articles; s, when not nil, groups
// them by story.
func Build(ctx context.Context, d *digest.Digest, s *stories.Set, o Options) ([]File, error) {
	arts := d.Articles
	read := o.Words
	if read == nil {
		read = Read(d, o.Language)
	}
	select {
	case <-read.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The topics' keys go into a copy: the words may serve another build.
	terms, words, stops := maps.Clone(read.terms), read.words, read.stops
	for _, t := range d.Topics {
		l := &list{term: "#" + t.Slug, last: -1}
		terms[l.term] = l
	}
	// Topic keys: the topic's docs, ascending, impact 0.
	for id, a := range arts {
		if l := terms["#"+a.TopicSlug]; l != nil && l.term[0] == '#' {
			l.add(id, 1)
		}
	}
	posMax := max(minPosLimit, len(arts)/20)
	enc := encode(terms, words, posMax)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := Manifest{Language: o.Language, Docs: len(arts), Chunk: chunk, PosMaxDF: posMax, Shards: enc.firsts, Stop: stops}
	m.Months = months(arts)
	for _, t := range d.Topics {
		m.Topics = append(m.Topics, Topic{Name: t.Name, Key: "#" + t.Slug})
	}
	files := enc.files
	topics := make(map[string]string, len(d.Topics))
	for _, t := range d.Topics {
		topics[t.Slug] = t.Name
	}
	for n := 0; n*chunk < len(arts); n++ {
		data, err := records(arts[n*chunk:min(len(arts), (n+1)*chunk)], s, topics, o.URLs)
		if err != nil {
			return nil, err
		}
		files = append(files, File{fmt.Sprintf("r/%d.json", n), data})
	}
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s %d\n", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	m.Version = hex.EncodeToString(h.Sum(nil)[:6])
	mdata, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	for i := range files {
		files[i].Name = urls.Search + m.Version + "/" + files[i].Name
	}
	return append(files, File{urls.Search + "index.json", mdata}), nil
}

// Write builds the index and writes its files into sink; it returns how
// many it wrote.
func Write(ctx context.Context, d *digest.Digest, s *stories.Set, o Options, sink output.Sink) (int, error) {
	files, err := Build(ctx, d, s, o)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		if err := sink.Write(f.Name, f.Data); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// months lists the first doc of each month, newest first.
func months(arts []*content.Article) []Month {
	var out []Month
	for id, a := range arts {
		m := a.Date.Format("2006-01")
		if len(out) == 0 || out[len(out)-1].Month != m {
			out = append(out, Month{m, id})
		}
	}
	return out
}

type record struct {
	Title   string `json:"t"`
	URL     string `json:"u"`
	Date    string `json:"d"`
	Topic   string `json:"p"`
	Source  string `json:"s,omitempty"`
	Excerpt string `json:"e,omitempty"`
	Story   string `json:"g,omitempty"`
	Reports int    `json:"n,omitempty"`
}

// records are the records of arts; topics maps a topic's slug to its name.
func records(arts []*content.Article, s *stories.Set, topics map[string]string, u urls.URLs) ([]byte, error) {
	recs := make([]record, len(arts))
	for i, a := range arts {
		recs[i] = record{Title: a.Title, URL: u.Rel(urls.Article(a)), Date: a.Date.Format("2006-01-02"),
			Topic: topics[a.TopicSlug], Source: a.Source, Excerpt: content.Summarize(a.Summary, excerptLen)}
		if st := s.Shared(a); st != nil {
			recs[i].Story, recs[i].Reports = u.Rel(urls.Story(st)), len(st.Articles)
		}
	}
	return json.Marshal(recs)
}

// sortedKeys lists every key of the index in byte order.
func sortedKeys(terms map[string]*list, words map[string]string) []string {
	keys := make([]string, 0, len(terms)+len(words))
	for t := range terms {
		keys = append(keys, t)
	}
	for w, t := range words {
		if _, ok := terms[w]; w != t && !ok {
			keys = append(keys, w)
		}
	}
	slices.Sort(keys)
	return keys
}
