package stories

import (
	"cmp"
	"slices"
)

const (
	// mergeTerms is how many of a story's heaviest terms look for stories
	// to merge with; mergeCap is how many later stories with one term are
	// looked at.
	mergeTerms = 10
	mergeCap   = 64
)

// maxRounds bounds the merge rounds; each round rarely finds anything
// new after the second.
const maxRounds = 8

// merge joins stories whose centroids are close, closest first: each
// round finds the close pairs, then merges them in order while they are
// still close once earlier merges have moved their centroids.
func merge(groups []*group, terms int, win int64, threshold float64) []*group {
	for round := range maxRounds {
		slices.SortFunc(groups, func(g, h *group) int {
			return cmp.Or(cmp.Compare(g.first, h.first), cmp.Compare(g.members[0], h.members[0]))
		})
		pairs := closePairs(groups, terms, round, win, threshold)
		into := make([]int, len(groups)) // union-find parents
		for i := range into {
			into[i] = i
		}
		root := func(i int) int {
			for into[i] != i {
				into[i] = into[into[i]]
				i = into[i]
			}
			return i
		}
		merged := false
		for _, g := range groups {
			g.settled = true
		}
		for _, p := range pairs {
			a, b := root(p.a), root(p.b)
			if a == b {
				continue
			}
			g, h := groups[a], groups[b]
			if !g.near(h, win) || g.similarity(h) < threshold {
				continue
			}
			if len(h.members) > len(g.members) {
				a, b, g, h = b, a, h, g
			}
			g.absorb(h)
			g.settled = false
			into[b] = a
			groups[b] = nil
			merged = true
		}
		groups = slices.DeleteFunc(groups, func(g *group) bool { return g == nil })
		if !merged {
			break
		}
	}
	return groups
}

type pair struct {
	a, b int
	sim  float64
}

// closePairs returns the pairs of groups, which are in order of their
// first report, that share one of their heaviest terms, are within the
// window of each other and whose centroids' cosine reaches threshold,
// closest first.
func closePairs(groups []*group, terms, round int, win int64, threshold float64) []pair {
	// The lists of groups by term, in order, laid end to end: term t's
	// list is index[start[t]:start[t+1]].
	start := make([]int32, terms+1)
	for _, g := range groups {
		if g.tops == nil {
			g.tops = topTerms(g.centroid, mergeTerms)
		}
		for _, t := range g.tops {
			start[t+1]++
		}
	}
	for t := range terms {
		start[t+1] += start[t]
	}
	next := slices.Clone(start[:terms]) // per term, the place of the next group
	index := make([]int32, start[terms])
	for i, g := range groups {
		for _, t := range g.tops {
			index[next[t]] = int32(i)
			next[t]++
		}
	}
	copy(next, start)
	var pairs []pair
	seen := make([]int, len(groups))
	consider := func(i, j int) {
		g, h := groups[i], groups[j]
		if seen[j] == i+1 || !g.near(h, win) {
			return
		}
		seen[j] = i + 1
		if sim := g.similarity(h); sim >= threshold {
			pairs = append(pairs, pair{min(i, j), max(i, j), sim})
		}
	}
	for i, g := range groups {
		for _, t := range g.tops {
			list := index[start[t]:start[t+1]]
			at := int(next[t] - start[t])
			next[t]++
			// Two stories that have not changed since the last round were
			// compared then: a changed story looks at the later stories,
			// and at the earlier ones that have not changed (an earlier
			// changed one has looked at it).
			if g.settled {
				continue
			}
			for k := at + 1; k < len(list) && k <= at+mergeCap; k++ {
				if groups[list[k]].first-g.last > win {
					break
				}
				consider(i, int(list[k]))
			}
			for k := at - 1; k >= 0 && k >= at-mergeCap && round > 0; k-- {
				if groups[list[k]].settled {
					consider(i, int(list[k]))
				}
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(cmp.Compare(y.sim, x.sim), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return pairs
}

// near reports whether two groups are of one topic and within the window
// of each other.
func (g *group) near(h *group, win int64) bool {
	return g.topic == h.topic && g.first-h.last <= win && h.first-g.last <= win
}

// similarity is the cosine of two groups' centroids.
func (g *group) similarity(h *group) float64 {
	if g.norm <= 0 || h.norm <= 0 {
		return 0
	}
	return dot(g.centroid, h.centroid) / (g.norm * h.norm)
}

// absorb adds h's members to g.
func (g *group) absorb(h *group) {
	g.members = append(g.members, h.members...)
	slices.Sort(g.members)
	g.setCentroid(sum(g.centroid, h.centroid))
	g.first, g.last = min(g.first, h.first), max(g.last, h.last)
	g.tops = nil
}

// topTerms returns the n heaviest terms of a centroid.
func topTerms(c []entry, n int) []int32 {
	top := heaviest(c, n)
	out := make([]int32, len(top))
	for i, e := range top {
		out[i] = e.term
	}
	return out
}
