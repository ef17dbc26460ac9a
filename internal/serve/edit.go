package serve

import (
	"maps"
	"slices"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/stories"
)

// edited returns the last plan, updated, for a change to one file that
// leaves every story where it was (a new title or text): the common edit,
// for which making the digest and the list of pages again would cost more
// than rendering the pages it shows on. It returns nil when they must be
// made anew. articles are sorted by file, as content.Load returns them;
// every one but the changed file's is the one the last build had, since
// they come from the same records.
//
// With stories, the last plan serves only when the stories are made of
// the same reports as before and the changed article is a story of its
// own: a report shares its title with the other reports' pages.
func edited(last *pipeline.Plan, p *pipeline.Pipeline, articles []*content.Article, st *stories.Set, changed map[string]bool) *pipeline.Plan {
	d := last.Digest
	if len(changed) > 1 || len(articles) != len(d.Articles) || !sameStories(last.Stories, st) {
		return nil
	}
	if len(changed) == 0 {
		return last // a file saved unchanged, or not an article
	}
	for file := range changed {
		was := slices.IndexFunc(d.Articles, func(a *content.Article) bool { return a.File == file })
		i, now := slices.BinarySearchFunc(articles, file, func(a *content.Article, f string) int { return strings.Compare(a.File, f) })
		switch {
		case was < 0 && !now:
			// Not published before or after (a draft, a bad article):
			// every page stays as it was.
			return last
		case was >= 0 && now:
			if st.Shared(articles[i]) != nil {
				return nil
			}
			if old := d.Articles[was]; replace(d, articles[i]) {
				return replaced(last, p, old, articles[i])
			}
		}
	}
	return nil
}

// replaced returns the plan of p's digest after replace put a in the
// place of old: the same pages, where those that hold the story itself,
// its own and its neighbours' in its topic, are made again. Every other
// page shows lists of the digest, which replace changed in place. The
// sitemaps are made again, since they show the story's update time and
// title. p is left as it was.
func replaced(p *pipeline.Plan, pipe *pipeline.Pipeline, old, a *content.Article) *pipeline.Plan {
	next := *p
	next.Pages = slices.Clone(p.Pages)
	next.Sitemap = pipe.Sitemaps(p.Digest, p.Stories)
	for i, j := range next.Pages {
		pg := j.Page
		if pg.Article != old && pg.Prev != old && pg.Next != old {
			continue
		}
		copied := *pg
		if pg.Article == old {
			// What render.Jobs takes from the story for its own page.
			copied.Article, copied.Title, copied.Description = a, a.Title, a.Summary
		}
		if pg.Prev == old {
			copied.Prev = a
		}
		if pg.Next == old {
			copied.Next = a
		}
		next.Pages[i].Page = &copied
	}
	return &next
}

// sameStories reports whether two sets group the same files into stories
// of more than one report (a nil set groups none).
func sameStories(a, b *stories.Set) bool {
	key := func(s *stories.Set) map[string]string {
		m := map[string]string{}
		if s == nil {
			return m
		}
		for _, st := range s.Stories {
			if len(st.Articles) > 1 {
				for _, a := range st.Articles {
					m[a.File] = st.ID
				}
			}
		}
		return m
	}
	return maps.Equal(key(a), key(b))
}

// withStories adds to the changed files the other reports of their
// stories, before and after the change: their pages list the changed
// report, and their stories may have gained or lost it.
func withStories(changed map[string]bool, before, after *stories.Set) map[string]bool {
	if before == nil && after == nil {
		return changed
	}
	out := maps.Clone(changed)
	for _, set := range []*stories.Set{before, after} {
		for _, st := range set.All() {
			if len(st.Articles) < 2 {
				continue
			}
			for _, a := range st.Articles {
				if changed[a.File] {
					for _, b := range st.Articles {
						out[b.File] = true
					}
					break
				}
			}
		}
	}
	return out
}

// replace puts a in the place of the story from the same file in d, when a
// sorts and groups exactly as that story did: same date, slug, topic, tags
// and authors as written. d then equals what digest.New gives for the articles
// with a in place of the old story. replace changes d in place, which only
// the owner of d may do (serve, after an edit that changed a story's title
// or text); it reports false, and leaves d as it was, when a would move or
// regroup.
func replace(d *digest.Digest, a *content.Article) bool {
	i := slices.IndexFunc(d.Articles, func(b *content.Article) bool { return b.File == a.File })
	if i < 0 {
		return false
	}
	old := d.Articles[i]
	if !a.Date.Equal(old.Date) || a.Day() != old.Day() || a.Slug != old.Slug ||
		a.Topic != old.Topic || a.TopicSlug != old.TopicSlug || !slices.Equal(a.Tags, old.Tags) || !slices.Equal(a.Authors, old.Authors) {
		return false
	}
	swap := func(list []*content.Article) {
		for j, b := range list {
			if b == old {
				list[j] = a
			}
		}
	}
	d.Articles[i] = a
	if e := d.Edition(a.Day()); e != nil {
		swap(e.Articles)
		for _, s := range e.Sections {
			swap(s.Articles)
		}
	}
	if t := d.Topic(a.TopicSlug); t != nil {
		swap(t.Articles)
	}
	for _, name := range a.Tags {
		if t := d.Tag(content.Slugify(name)); t != nil {
			swap(t.Articles)
		}
	}
	for _, name := range a.Authors {
		if w := d.AuthorNamed(name); w != nil {
			swap(w.Articles)
		}
	}
	return true
}
