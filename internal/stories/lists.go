package stories

import (
	"slices"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
)

// Shared returns the story of a, when a shares it with other reports; nil
// when a is a story of its own, or s is nil (a site without stories).
func (s *Set) Shared(a *content.Article) *Story {
	if s == nil {
		return nil
	}
	if st := s.of[a]; st != nil && len(st.Articles) > 1 {
		return st
	}
	return nil
}

// Collapse keeps one report of each story in a list that is newest first:
// the earliest the list holds, in its place. A nil Set keeps the list.
func (s *Set) Collapse(list []*content.Article) []*content.Article {
	if s == nil {
		return list
	}
	seen := make(map[*Story]bool, len(list))
	keep := make([]bool, len(list))
	n := 0
	for i := len(list) - 1; i >= 0; i-- {
		st := s.of[list[i]]
		if st == nil || len(st.Articles) == 1 {
			keep[i] = true
			n++
			continue
		}
		if !seen[st] {
			seen[st] = true
			keep[i] = true
			n++
		}
	}
	if n == len(list) {
		return list
	}
	out := make([]*content.Article, 0, n)
	for i, a := range list {
		if keep[i] {
			out = append(out, a)
		}
	}
	return out
}

// Leading is Collapse with the stories that most sources report first,
// then those with most reports; among equals the list's order stays. It
// orders an edition's sections and the front page.
func (s *Set) Leading(list []*content.Article) []*content.Article {
	if s == nil {
		return list
	}
	out := s.Collapse(list)
	if len(out) == len(list) && !s.anyShared(list) {
		return list
	}
	out = slices.Clone(out)
	slices.SortStableFunc(out, func(a, b *content.Article) int {
		sa, sb := s.of[a], s.of[b]
		if d := weight(sb).sources - weight(sa).sources; d != 0 {
			return d
		}
		return weight(sb).reports - weight(sa).reports
	})
	return out
}

func (s *Set) anyShared(list []*content.Article) bool {
	for _, a := range list {
		if s.Shared(a) != nil {
			return true
		}
	}
	return false
}

type coverage struct{ sources, reports int }

func weight(st *Story) coverage {
	if st == nil {
		return coverage{1, 1}
	}
	return coverage{st.Sources, len(st.Articles)}
}

// All returns every story; none for a nil Set.
func (s *Set) All() []*Story {
	if s == nil {
		return nil
	}
	return s.Stories
}

// ID is the id a story led by lead has: the lead's day and slug, as in
// "2025-01-06-grocers", which no other article of the site has.
func ID(lead *content.Article) string {
	return strings.ReplaceAll(lead.Day().Path(), "/", "-") + lead.Slug
}

// SameKey reports whether two versions of an article group alike: every
// field grouping reads (and a story's id and sources) is the same, so an
// edit between them, of its body say, leaves every story as it was.
func SameKey(a, b *content.Article) bool {
	return a.File == b.File && a.Title == b.Title && a.Summary == b.Summary && a.Date.Equal(b.Date) &&
		a.Slug == b.Slug && a.TopicSlug == b.TopicSlug && a.Source == b.Source && a.SourceURL == b.SourceURL
}

// Swap returns s with some articles replaced by new versions that group
// alike (SameKey), in the same stories and places, without grouping
// again. s is left as it was. A nil Set stays nil.
func (s *Set) Swap(next map[*content.Article]*content.Article) *Set {
	if s == nil {
		return nil
	}
	out := &Set{Stories: slices.Clone(s.Stories), of: make(map[*content.Article]*Story, len(s.of))}
	copied := map[*Story]*Story{}
	for i, st := range out.Stories {
		for _, a := range st.Articles {
			if next[a] != nil {
				c := *st
				c.Articles = slices.Clone(st.Articles)
				for j, b := range c.Articles {
					if n := next[b]; n != nil {
						c.Articles[j] = n
					}
				}
				if n := next[c.Lead]; n != nil {
					c.Lead = n
				}
				copied[st] = &c
				out.Stories[i] = &c
				break
			}
		}
	}
	for a, st := range s.of {
		if c := copied[st]; c != nil {
			st = c
		}
		if n := next[a]; n != nil {
			a = n
		}
		out.of[a] = st
	}
	return out
}
