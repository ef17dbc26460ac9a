package stories

import (
	"cmp"
	"slices"
)

const (
	// keyTerms is how many of a story's heaviest terms may link it to
	// another story by a shared name.
	keyTerms = 3
	// nameShare is the least share of a name's reports that one story
	// must hold for the name to be that story's: a name spread over many
	// stories (a country, a big company) links nothing.
	nameShare = 0.5
)

// linkNames joins each story whose heaviest terms include a name that
// belongs to another story — most of the name's reports are in that
// story, and it is among that story's heaviest terms — of the same topic
// and within the window. Wording varies between reports of one event far
// more than the names of its people, places and products do.
func linkNames(groups []*group, docs []doc, names []bool, win int64) []*group {
	home := nameHomes(groups, docs, names)
	into := make([]int32, len(groups)) // union-find parents
	root := func(i int32) int32 {
		for into[i] != i {
			into[i] = into[into[i]]
			i = into[i]
		}
		return i
	}
	for gi, g := range groups {
		into[gi] = int32(gi)
		if g.tops == nil {
			g.tops = topTerms(g.centroid, mergeTerms)
		}
	}
	for gi, g := range groups {
		for _, t := range g.tops[:min(keyTerms, len(g.tops))] {
			h := home[t]
			if !names[t] || h < 0 || int(h) == gi {
				continue
			}
			if g.near(groups[h], win) && slices.Contains(groups[h].tops, t) {
				if a, b := root(int32(gi)), root(h); a != b {
					into[max(a, b)] = min(a, b)
				}
				break
			}
		}
	}
	for gi, g := range groups {
		r := root(int32(gi))
		if int(r) == gi {
			continue
		}
		groups[r].members = append(groups[r].members, g.members...)
		groups[gi] = nil
	}
	groups = slices.DeleteFunc(groups, func(g *group) bool { return g == nil })
	for _, g := range groups {
		slices.Sort(g.members)
	}
	return groups
}

// nameHomes returns, for each term, the story holding at least nameShare
// of the reports with that name (and two at least), or -1.
func nameHomes(groups []*group, docs []doc, names []bool) []int32 {
	groupOf := make([]int32, len(docs))
	for gi, g := range groups {
		for _, i := range g.members {
			groupOf[i] = int32(gi)
		}
	}
	type use struct{ term, group int32 }
	var uses []use
	for i, d := range docs {
		for _, e := range d.vec {
			if names[e.term] {
				uses = append(uses, use{e.term, groupOf[i]})
			}
		}
	}
	slices.SortFunc(uses, func(a, b use) int { return cmp.Or(cmp.Compare(a.term, b.term), cmp.Compare(a.group, b.group)) })
	home := make([]int32, len(names))
	for t := range home {
		home[t] = -1
	}
	for i := 0; i < len(uses); {
		t := uses[i].term
		j, total, best, bestN := i, 0, int32(-1), 0
		for j < len(uses) && uses[j].term == t {
			k := j
			for k < len(uses) && uses[k] == uses[j] {
				k++
			}
			if n := k - j; n > bestN {
				best, bestN = uses[j].group, n
			}
			total += k - j
			j = k
		}
		if bestN >= 2 && float64(bestN) >= nameShare*float64(total) {
			home[t] = best
		}
		i = j
	}

	return home
}
