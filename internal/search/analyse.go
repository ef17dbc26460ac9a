package search

import (
	"encoding/binary"
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/newsdigest/newsdigest/internal/content"
)

// BM25's parameters. A posting keeps the term's BM25 weight in the
// article, tf·(k1+1) / (tf + k1·(1−b+b·dl/avgdl)), which lies in [0, k1+1),
// quantised to impactSteps steps: the client needs neither term
// frequencies nor article lengths.
const (
	k1          = 1.2
	bm25B       = 0.75
	impactSteps = 63
	fieldGap    = 16 // positions between fields, so no phrase spans two
)

// list is the postings of one term while the index is made: doc ids
// ascending, each with its impact and the positions of the term in it.
type list struct {
	term string
	post []byte // per posting: uvarint doc delta (the first absolute), impact byte
	pos  []byte // per posting: uvarint count, uvarint position deltas
	df   int
	last int // the last doc id added

	// the doc being read
	tf    int
	title bool
	at    []uint32
}

// reader reads a range of articles into lists of its own. Each goroutine
// has one.
type reader struct {
	split   splitter
	lang    language
	stops   map[string]bool   // stop words seen, folded
	words   table             // word as written (see splitter.words) → its stem's list
	folded  map[string]string // folded word → its stem
	terms   map[string]*list  // stem → list
	touched []*list
	at      uint32
	avgdl   float64
}

func newReader(lang language, avgdl float64) *reader {
	return &reader{lang: lang, stops: map[string]bool{}, folded: map[string]string{}, terms: map[string]*list{}, avgdl: avgdl}
}

// read adds article a as doc id.
func (r *reader) read(id int, a *content.Article) {
	r.at = 0
	r.field(a.Title, false, true)
	r.field(string(a.Body), true, false)
	for _, t := range a.Tags {
		r.field(t, false, false)
	}
	for _, au := range a.Authors {
		r.field(au, false, false)
	}
	r.field(a.Source, false, false)
	r.field(a.Dateline, false, false)
	dl := float64(a.Words + 8)
	norm := k1 * (1 - bm25B + bm25B*dl/r.avgdl)
	for _, l := range r.touched {
		l.add(id, norm)
	}
	r.touched = r.touched[:0]
}

func (r *reader) field(text string, markup, title bool) {
	if text == "" {
		return
	}
	r.split.words(text, markup, func(w []byte, wide bool) {
		h := fnv(w)
		s := r.words.find(w, h)
		if !s.used {
			word := string(w)
			r.words.put(s, word, h, r.list(word, wide))
			s = r.words.find(w, h)
		}
		l := s.l
		if l == nil {
			r.at++ // a stop word: a phrase's other words keep their distances
			return
		}
		if l.tf == 0 {
			r.touched = append(r.touched, l)
		}
		l.tf++
		l.title = l.title || title
		l.at = append(l.at, r.at)
		r.at++
	})
	r.at += fieldGap
}

// list returns the list of a word seen for the first time, as the
// splitter gives it: nil for a stop word and a word that folds to nothing
// or to too long a word.
func (r *reader) list(w string, wide bool) *list {
	word := w
	if wide {
		word = fold(w)
	}
	var l *list
	if r.lang.stop != nil && r.lang.stop(word) {
		r.stops[word] = true
	} else if word != "" {
		term := r.lang.stem(word)
		if l = r.terms[term]; l == nil {
			l = &list{term: term, last: -1}
			r.terms[term] = l
		}
		r.folded[word] = term
	}
	return l
}

// add ends the doc being read: its posting and positions.
func (l *list) add(id int, norm float64) {
	delta := id
	if l.last >= 0 {
		delta = id - l.last
	}
	l.post = binary.AppendUvarint(l.post, uint64(delta))
	l.post = append(l.post, impact(float64(l.tf), norm, l.title))
	l.pos = binary.AppendUvarint(l.pos, uint64(len(l.at)))
	prev := uint32(0)
	for _, p := range l.at {
		l.pos = binary.AppendUvarint(l.pos, uint64(p-prev))
		prev = p
	}
	l.df++
	l.last = id
	l.tf, l.title, l.at = 0, false, l.at[:0]
}

// impact is a posting's byte: the quantised BM25 weight, shifted left
// once, with the low bit set when the term is in the title.
func impact(tf, norm float64, title bool) byte {
	w := tf * (k1 + 1) / (tf + norm)
	q := max(1, min(impactSteps, int(math.Round(w/(k1+1)*impactSteps))))
	b := byte(q << 1)
	if title {
		b |= 1
	}
	return b
}

// readAll reads every article on every core: each reader takes one
// contiguous range of doc ids, so that joining their lists in order
// keeps doc ids ascending.
func readAll(articles []*content.Article, lang language, workers int) []*reader {
	words := 0
	for _, a := range articles {
		words += a.Words + 8
	}
	avgdl := max(1, float64(words)/float64(max(1, len(articles))))
	workers = max(1, min(workers, len(articles)/64+1))
	readers := make([]*reader, workers)
	var wg sync.WaitGroup
	for w := range readers {
		r := newReader(lang, avgdl)
		readers[w] = r
		lo, hi := len(articles)*w/workers, len(articles)*(w+1)/workers
		wg.Go(func() {
			for id := lo; id < hi; id++ {
				r.read(id, articles[id])
			}
		})
	}
	wg.Wait()
	return readers
}

// join appends the lists of later readers to those of the first, which
// it returns with every word seen and every stop word seen.
func join(readers []*reader) (terms map[string]*list, words map[string]string, stops []string) {
	terms = readers[0].terms
	words = make(map[string]string, len(readers[0].folded))
	seen := map[string]bool{}
	for _, r := range readers {
		maps.Copy(words, r.folded)
		maps.Copy(seen, r.stops)
	}
	stops = slices.Sorted(maps.Keys(seen))
	for _, r := range readers[1:] {
		for term, l := range r.terms {
			into := terms[term]
			if into == nil {
				terms[term] = l
				continue
			}
			into.append(l)
		}
	}
	return terms, words, stops
}

// append adds the postings of l, whose doc ids all follow into's.
func (into *list) append(l *list) {
	first, n := binary.Uvarint(l.post)
	into.post = binary.AppendUvarint(into.post, first-uint64(into.last))
	into.post = append(into.post, l.post[n:]...)
	into.pos = append(into.pos, l.pos...)
	into.df += l.df
	into.last = l.last
}
