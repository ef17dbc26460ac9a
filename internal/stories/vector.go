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

	ids := map[string]int32{}
	pairIDs := map[[2]int32]int32{} // a headline's neighbouring terms
	var df []int32
	var names, plains []int32
	newTerm := func() int32 {
		df = append(df, 0)
		names = append(names, 0)
		plains = append(plains, 0)
		return int32(len(df) - 1)
	}
	docs := make([]doc, len(articles))
	type occ struct {
		term int32
		tf   float32
	}
	occs := make([][]occ, len(articles))
	topics := map[string]int32{}
	var o []occ
	for i, ts := range toks {
		o = o[:0]
		count := func(id int32, t token, w float32) {
			if t.name || t.number {
				names[id]++
			}
			if t.plain {
				plains[id]++
			}
			o = append(o, occ{id, w})
		}
		prev := int32(-1)
		for j, t := range ts {
			id, ok := ids[t.term]
			if !ok {
				id = newTerm()
				ids[t.term] = id
			}
			w := float32(summaryWeight)
			if t.title {
				w = titleWeight
			}
			count(id, t.token, w)
			if !t.title {
				continue
			}
			// A pair of neighbours ("true detect", "mt gox") is far
			// better evidence of one event than two words apart.
			if prev >= 0 {
				key := [2]int32{prev, id}
				pid, ok := pairIDs[key]
				if !ok {
					pid = newTerm()
					pairIDs[key] = pid
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
			df[x.term]++
		}
		occs[i] = slices.Clone(merged)
		docs[i].unix = articles[i].Date.Unix()
		t, ok := topics[articles[i].TopicSlug]
		if !ok {
			t = int32(len(topics))
			topics[articles[i].TopicSlug] = t
		}
		docs[i].topic = t
	}

	isName := make([]bool, len(df))
	for t := range isName {
		isName[t] = names[t] > plains[t]
	}
	n := float64(len(articles))
	for i, o := range occs {
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
		docs[i].vec = vec
	}
	return docs, isName
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
