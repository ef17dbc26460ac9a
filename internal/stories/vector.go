package stories

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/newsdigest/newsdigest/internal/content"
)

// Weights of a term's occurrences before IDF: the headline says what the
// story is; the summary adds context, so it counts for less.
const (
	titleWeight   = 1.0
	summaryWeight = 0.5
	// nameBoost multiplies the weight of names and numbers, which tell
	// one event from another better than common words of the same rarity.
	nameBoost = 1.5
)

// entry is one term's weight in a vector.
type entry struct {
	term int32
	w    float32
}

// doc is one article as the grouping sees it: a unit vector of weighted
// terms, sorted by term, and its time.
type doc struct {
	vec   []entry
	unix  int64 // seconds
	topic int32 // the article's TopicSlug, numbered
}

// analyze makes the vectors of articles: tokens on every core, then terms
// numbered in article order and weighted by TF-IDF over these articles.
// It returns the docs and, per term, whether it is mostly written as a
// name or number.
func analyze(articles []*content.Article, st stemmer) ([]doc, []bool) {
	toks := tokenize(articles, st)
	v := &vocabulary{ids: map[string]int32{}, pairIDs: map[[2]int32]int32{}}
	docs := make([]doc, len(articles))
	occs := make([][]occ, len(articles))
	topics := map[string]int32{}
	var o []occ
	for i, ts := range toks {
		o = v.occurrences(o[:0], ts)
		occs[i] = slices.Clone(o)
		docs[i].unix = articles[i].Date.Unix()
		t, ok := topics[articles[i].TopicSlug]
		if !ok {
			t = int32(len(topics))
			topics[articles[i].TopicSlug] = t
		}
		docs[i].topic = t
	}
	isName := make([]bool, len(v.df))
	for t := range isName {
		isName[t] = v.names[t] > v.plains[t]
	}
	n := float64(len(articles))
	for i, o := range occs {
		docs[i].vec = weigh(o, v.df, isName, n)
	}
	return docs, isName
}

// occ is a term's weighted count in one article.
type occ struct {
	term int32
	tf   float32
}

// vocabulary numbers the terms and headline word pairs of the articles,
// and counts the articles each is in and how often it is written as a
// name or as a plain word.
type vocabulary struct {
	ids           map[string]int32
	pairIDs       map[[2]int32]int32 // a headline's neighbouring terms
	df            []int32
	names, plains []int32
}

func (v *vocabulary) newTerm() int32 {
	v.df = append(v.df, 0)
	v.names = append(v.names, 0)
	v.plains = append(v.plains, 0)
	return int32(len(v.df) - 1)
}

// occurrences appends to o the terms of one article's tokens, each once
// with its weights summed, sorted by term, and counts the article in the
// document frequency of each.
func (v *vocabulary) occurrences(o []occ, ts []titled) []occ {
	count := func(id int32, t token, w float32) {
		if t.name || t.number {
			v.names[id]++
		}
		if t.plain {
			v.plains[id]++
		}
		o = append(o, occ{id, w})
	}
	prev := int32(-1)
	for j, t := range ts {
		id, ok := v.ids[t.term]
		if !ok {
			id = v.newTerm()
			v.ids[t.term] = id
		}
		w := float32(summaryWeight)
		if t.title {
			w = titleWeight
		}
		count(id, t.token, w)
		if !t.title {
			continue
		}
		// A pair of neighbours ("true detect", "mt gox") is far better
		// evidence of one event than two words apart.
		if prev >= 0 {
			key := [2]int32{prev, id}
			pid, ok := v.pairIDs[key]
			if !ok {
				pid = v.newTerm()
				v.pairIDs[key] = pid
			}
			a := ts[j-1]
			count(pid, token{name: a.name && t.name, plain: a.plain || t.plain}, titleWeight)
		}
		prev = id
	}
	slices.SortFunc(o, func(a, b occ) int { return int(a.term - b.term) })
	// A term counts once from the headline and once from the summary.
	o = slices.CompactFunc(o, func(a, b occ) bool { return a == b })
	merged := o[:0]
	for _, x := range o {
		if n := len(merged); n > 0 && merged[n-1].term == x.term {
			merged[n-1].tf += x.tf
			continue
		}
		merged = append(merged, x)
		v.df[x.term]++
	}
	return merged
}

// weigh makes the unit TF-IDF vector of one article's terms, names
// boosted, over n articles.
func weigh(o []occ, df []int32, isName []bool, n float64) []entry {
	vec := make([]entry, len(o))
	var sum float64
	for j, x := range o {
		w := float64(x.tf) * math.Log(1+n/float64(df[x.term]))
		if isName[x.term] {
			w *= nameBoost
		}
		vec[j] = entry{x.term, float32(w)}
		sum += w * w
	}
	if sum > 0 {
		norm := float32(1 / math.Sqrt(sum))
		for j := range vec {
			vec[j].w *= norm
		}
	}
	return vec
}

// titled is a token and where it came from.
type titled struct {
	token
	title bool
}

// tokenize splits the headline and summary of every
// article into tokens, in parallel; each goroutine has its own analyzer
// and stem cache.
func tokenize(articles []*content.Article, st stemmer) [][]titled {
	out := make([][]titled, len(articles))
	workers := min(runtime.GOMAXPROCS(0), 1+len(articles)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			an := newAnalyzer(st)
			var buf []token
			for i := w; i < len(articles); i += workers {
				a := articles[i]
				buf = an.tokens(buf[:0], a.Title, true)
				nt := len(buf)
				buf = an.tokens(buf, a.Summary, false)
				ts := make([]titled, len(buf))
				for j, t := range buf {
					ts[j] = titled{t, j < nt}
				}
				out[i] = ts
			}
		})
	}
	wg.Wait()
	return out
}
