package stories

import (
	"cmp"
	"math"
	"slices"
	"time"
)

const (
	// queryTerms is how many of a report's heaviest terms look for
	// candidate stories; scanCap is how many of the latest reports with one
	// term are looked at; candidates is how many stories, best first by
	// the terms they share, are compared in full.
	queryTerms = 8
	scanCap    = 256
	candidates = 8
	// centroidTerms bounds a story's centroid to its heaviest terms, so
	// that comparing with a story costs the same however many reports it
	// has, and a long chain of reports cannot drift it far.
	centroidTerms = 48
)

// group is a story being built: its members, in time order, and the sum
// of their vectors, cut to its heaviest terms.
type group struct {
	members  []int
	centroid []entry // sorted by term
	norm     float64 // of centroid
	topic    int32
	first    int64   // earliest member's time
	last     int64   // latest member's time
	tops     []int32 // heaviest terms, nil until needed
	settled  bool    // unchanged in the last merge round
}

func (g *group) add(i int, d doc) {
	if len(g.members) == 0 {
		g.first, g.topic = d.unix, d.topic
	}
	g.members = append(g.members, i)
	g.setCentroid(sum(g.centroid, d.vec))
	g.last = max(g.last, d.unix)
	g.tops = nil
}

// setCentroid keeps the heaviest centroidTerms of c.
func (g *group) setCentroid(c []entry) {
	if len(c) > centroidTerms {
		c = heaviest(c, centroidTerms)
		slices.SortFunc(c, func(a, b entry) int { return cmp.Compare(a.term, b.term) })
	}
	g.centroid = c
	var n2 float64
	for _, e := range c {
		n2 += float64(e.w) * float64(e.w)
	}
	g.norm = math.Sqrt(n2)
}

// cosine of a unit vector and the group's centroid.
func (g *group) cosine(vec []entry) float64 {
	if g.norm <= 0 {
		return 0
	}
	return dot(vec, g.centroid) / g.norm
}

// sum adds two vectors sorted by term into a new one.
func sum(a, b []entry) []entry {
	out := make([]entry, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term < b[j].term:
			out = append(out, a[i])
			i++
		case a[i].term > b[j].term:
			out = append(out, b[j])
			j++
		default:
			out = append(out, entry{a[i].term, a[i].w + b[j].w})
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// dot is the dot product of two vectors sorted by term.
func dot(a, b []entry) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i, j = i+1, j+1
		}
	}
	return s
}

// posting is a report that has a term, and the term's weight in it.
type posting struct {
	doc int32
	w   float32
}

// cluster groups docs, which are in time order, into stories of one
// topic each, and returns the groups as ascending lists of indexes.
func cluster(docs []doc, names []bool, window time.Duration, threshold float64) [][]int {
	win := int64(window / time.Second)
	var groups []*group
	groupOf := make([]int32, len(docs))
	postings := make([][]posting, len(names))
	score := make([]float64, 0, 64)
	var touched []int32
	var query []entry
	for i, d := range docs {
		// Accumulate, per story, the part of the report's dot product with
		// its members that the query terms carry.
		query = appendHeaviest(query[:0], d.vec, queryTerms)
		for _, e := range query {
			ps := postings[e.term]
			for k, n := len(ps)-1, 0; k >= 0 && n < scanCap; k, n = k-1, n+1 {
				p := ps[k]
				if d.unix-docs[p.doc].unix > win {
					break
				}
				if docs[p.doc].topic != d.topic {
					continue
				}
				g := groupOf[p.doc]
				for int(g) >= len(score) {
					score = append(score, 0)
				}
				if score[g] == 0 {
					touched = append(touched, g)
				}
				score[g] += float64(e.w * p.w)
			}
		}
		slices.SortFunc(touched, func(a, b int32) int {
			return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a, b))
		})
		best, bestSim := int32(-1), threshold
		for _, g := range touched[:min(len(touched), candidates)] {
			if sim := groups[g].cosine(d.vec); sim >= bestSim {
				best, bestSim = g, sim
			}
		}
		for _, g := range touched {
			score[g] = 0
		}
		touched = touched[:0]

		if best < 0 {
			best = int32(len(groups))
			groups = append(groups, &group{})
		}
		groups[best].add(i, d)
		groupOf[i] = best
		for _, e := range d.vec {
			postings[e.term] = append(postings[e.term], posting{int32(i), e.w})
		}
	}
	groups = merge(groups, len(names), win, threshold)
	groups = linkNames(groups, docs, names, win)
	out := make([][]int, len(groups))
	for i, g := range groups {
		out[i] = g.members
	}
	return out
}

// heaviest returns up to n entries of vec with the largest weights,
// heaviest first.
func heaviest(vec []entry, n int) []entry {
	return appendHeaviest(make([]entry, 0, min(n, len(vec))), vec, n)
}

// appendHeaviest is heaviest appending to dst: it inserts each entry into
// a list of at most n, which is quicker than sorting all for a short n.
func appendHeaviest(dst, vec []entry, n int) []entry {
	base := len(dst)
	heavier := func(a, b entry) bool { return a.w > b.w || a.w == b.w && a.term < b.term }
	for _, e := range vec {
		top := dst[base:]
		if len(top) == n && !heavier(e, top[n-1]) {
			continue
		}
		if len(top) < n {
			dst = append(dst, e)
			top = dst[base:]
		}
		k := len(top) - 1
		for ; k > 0 && heavier(e, top[k-1]); k-- {
			top[k] = top[k-1]
		}
		top[k] = e
	}
	return dst
}
