package search

// table maps the words of a reader to their lists. It replaced a Go map
// keyed by string(w): a 10k-article index looks words up seven million
// times, and open addressing on an FNV-1a hash with no tombstones (words
// are never removed) costs half as much.
type table struct {
	slots []slot // a power of two, at most half full
	n     int
}

type slot struct {
	hash uint64
	word string
	l    *list // nil for a word left out (see reader.list)
	used bool
}

func fnv(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// find returns w's slot, or the empty slot where it goes.
func (t *table) find(w []byte, h uint64) *slot {
	if t.slots == nil {
		t.slots = make([]slot, 1<<12)
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used || s.hash == h && s.word == string(w) {
			return s
		}
	}
}

// put fills the empty slot s, which find returned for w, and grows the
// table when it is half full.
func (t *table) put(s *slot, w string, h uint64, l *list) {
	*s = slot{hash: h, word: w, l: l, used: true}
	t.n++
	if 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]slot, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, o := range old {
		if !o.used {
			continue
		}
		i := o.hash & mask
		for t.slots[i].used {
			i = (i + 1) & mask
		}
		t.slots[i] = o
	}
}
