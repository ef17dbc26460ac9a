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
)

// group is a story being built: its members, in time order, and the sum
// of their vectors.
type group struct {
	members  []int
	centroid map[int32]float32
	norm2    float64 // of centroid
	first    int64   // earliest member's time
	last     int64   // latest member's time
	tops     []int32 // heaviest terms, nil until needed
	settled  bool    // unchanged in the last merge round
}

func (g *group) add(i int, d doc) {
	if len(g.members) == 0 {
		g.first = d.unix
	}
	g.members = append(g.members, i)
	for _, e := range d.vec {
		c := g.centroid[e.term]
		g.norm2 += float64(2*c*e.w + e.w*e.w)
		g.centroid[e.term] = c + e.w
	}
	g.last = max(g.last, d.unix)
}

// cosine of a unit vector and the group's centroid.
func (g *group) cosine(vec []entry) float64 {
	if g.norm2 <= 0 {
		return 0
	}
	var dot float64
	for _, e := range vec {
		dot += float64(e.w * g.centroid[e.term])
	}
	return dot / math.Sqrt(g.norm2)
}

// posting is a report that has a term, and the term's weight in it.
type posting struct {
	doc int32
	w   float32
}

// cluster groups docs, which are in time order, and returns the groups as
// ascending lists of indexes.
func cluster(docs []doc, window time.Duration, threshold float64) [][]int {
	win := int64(window / time.Second)
	var groups []*group
	groupOf := make([]int32, len(docs))
	postings := map[int32][]posting{}
	score := make([]float64, 0, 64)
	var touched []int32
	for i, d := range docs {
		// Accumulate, per story, the part of the report's dot product with
		// its members that the query terms carry.
		query := heaviest(d.vec, queryTerms)
		for _, e := range query {
			ps := postings[e.term]
			for k, n := len(ps)-1, 0; k >= 0 && n < scanCap; k, n = k-1, n+1 {
				p := ps[k]
				if d.unix-docs[p.doc].unix > win {
					break
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
			groups = append(groups, &group{centroid: map[int32]float32{}})
		}
		groups[best].add(i, d)
		groupOf[i] = best
		for _, e := range d.vec {
			postings[e.term] = append(postings[e.term], posting{int32(i), e.w})
		}
	}
	groups = merge(groups, win, threshold)
	out := make([][]int, len(groups))
	for i, g := range groups {
		out[i] = g.members
	}
	return out
}

// heaviest returns up to n entries of vec with the largest weights.
func heaviest(vec []entry, n int) []entry {
	if len(vec) <= n {
		return vec
	}
	top := slices.Clone(vec)
	slices.SortFunc(top, func(a, b entry) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.term, b.term))
	})
	return top[:n]
}
