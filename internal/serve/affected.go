package serve

import (
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// touched is what changed articles reach, before and after the change.
type touched struct {
	files   map[string]bool
	topics  map[string]bool
	tags    map[string]bool
	authors map[string]bool
	days    map[content.Day]bool
	months  map[[2]int]bool
	years   map[int]bool
}

func (t *touched) mark(a *content.Article) {
	t.files[a.File] = true
	t.topics[a.TopicSlug] = true
	for _, tag := range a.Tags {
		t.tags[content.Slugify(tag)] = true
	}
	for _, name := range a.Authors {
		t.authors[content.Slugify(name)] = true
	}
	day := a.Day()
	t.days[day] = true
	t.months[[2]int{day.Year, int(day.Month)}] = true
	t.years[day.Year] = true
}

// affected decides which pages of the new digest cur may differ from the
// last build's (old): the page of each changed article and of its
// neighbours in its topic, the edition, month, year, topic, tag and
// author pages it is or was on, the editions next to its day, and the site-wide pages
// (home, indexes, archive). A page missing from the last build (served,
// nil when it holds every page of cur) is always rendered. What every
// page shows (the topic menu, the latest edition) is covered by sameFrame.
//
// Lists are compared as pages show them: oldLists and curLists (nil when
// lists show every article) keep one entry per story.
func affected(old, cur *digest.Digest, oldLists, curLists *stories.Set, changed map[string]bool, served map[string][]byte) func(render.Job) bool {
	t := touch(old, cur, changed)
	shiftedTopics := map[string]bool{}
	for slug := range t.topics {
		var before, after []*content.Article
		if tp := old.Topic(slug); tp != nil {
			before = oldLists.Collapse(tp.Articles)
		}
		if tp := cur.Topic(slug); tp != nil {
			after = curLists.Collapse(tp.Articles)
		}
		shiftedTopics[slug] = shifted(before, after, changed)
	}
	shiftedTags := map[string]bool{}
	for slug := range t.tags {
		var before, after []*content.Article
		if tg := old.Tag(slug); tg != nil {
			before = oldLists.Collapse(tg.Articles)
		}
		if tg := cur.Tag(slug); tg != nil {
			after = curLists.Collapse(tg.Articles)
		}
		shiftedTags[slug] = shifted(before, after, changed)
	}
	// An author's pages list every article of theirs, one per story or
	// not.
	shiftedAuthors := map[string]bool{}
	for slug := range t.authors {
		var before, after []*content.Article
		if a := old.Author(slug); a != nil {
			before = a.Articles
		}
		if a := cur.Author(slug); a != nil {
			after = a.Articles
		}
		shiftedAuthors[slug] = shifted(before, after, changed)
	}
	// A page of a list where no story moved shows what it showed before,
	// unless one of its own stories changed.
	shows := func(list []*content.Article) bool {
		for _, a := range list {
			if changed[a.File] {
				return true
			}
		}
		return false
	}
	return func(j render.Job) bool {
		if _, ok := served[j.Out]; !ok && served != nil {
			return true
		}
		p := j.Page
		switch p.Kind {
		case "article":
			return t.files[p.Article.File]
		case "edition":
			return t.days[p.Edition.Day]
		case "topic":
			return t.topics[p.Topic.Slug] && (shiftedTopics[p.Topic.Slug] || shows(p.Articles))
		case "tag":
			return t.tags[p.Tag.Slug] && (shiftedTags[p.Tag.Slug] || shows(p.Articles))
		case "author":
			return t.authors[p.Author.Slug] && (shiftedAuthors[p.Author.Slug] || shows(p.Articles))
		case "month":
			return t.months[[2]int{p.Month.Year, int(p.Month.Month)}]
		case "year":
			return t.years[p.Year.Year]
		case "story":
			for _, a := range p.Story.Articles {
				if t.files[a.File] {
					return true
				}
			}
			return false
		}
		return true
	}
}

// touch collects what the changed articles reach in either digest: their
// own and their topic neighbours' pages, their topics, tags, days (and the
// editions next to them), months and years.
func touch(old, cur *digest.Digest, changed map[string]bool) *touched {
	t := &touched{
		files: map[string]bool{}, topics: map[string]bool{}, tags: map[string]bool{}, authors: map[string]bool{},
		days: map[content.Day]bool{}, months: map[[2]int]bool{}, years: map[int]bool{},
	}
	for _, d := range []*digest.Digest{old, cur} {
		for _, topic := range d.Topics {
			list := topic.Articles
			for i, a := range list {
				if !changed[a.File] {
					continue
				}
				t.mark(a)
				if i > 0 {
					t.files[list[i-1].File] = true
				}
				if i+1 < len(list) {
					t.files[list[i+1].File] = true
				}
			}
		}
	}
	days := make([]content.Day, 0, len(t.days))
	for day := range t.days {
		days = append(days, day)
	}
	for _, d := range []*digest.Digest{old, cur} {
		for _, day := range days {
			if e := d.Edition(day); e != nil {
				if e.Prev != nil {
					t.days[e.Prev.Day] = true
				}
				if e.Next != nil {
					t.days[e.Next.Day] = true
				}
			}
		}
	}
	return t
}

// shifted reports whether a list's stories moved between two builds: its
// length changed, or a changed story is not at the same place in both.
// When none moved, every page of the list holds the same stories as
// before, in the same order.
func shifted(before, after []*content.Article, changed map[string]bool) bool {
	if len(before) != len(after) {
		return true
	}
	at := map[string]int{}
	for i, a := range before {
		if changed[a.File] {
			at[a.File] = i
		}
	}
	for i, a := range after {
		if changed[a.File] {
			j, ok := at[a.File]
			if !ok || i != j {
				return true
			}
			delete(at, a.File)
		}
	}
	return len(at) > 0
}

// sameFrame reports whether two digests agree on what every page shows
// around its own content: the topics in the menu, in order and with their
// names, and the latest edition.
func sameFrame(a, b *digest.Digest) bool {
	if a == nil || len(a.Topics) != len(b.Topics) || (len(a.Editions) == 0) != (len(b.Editions) == 0) {
		return false
	}
	for i, t := range a.Topics {
		if t.Name != b.Topics[i].Name || t.Slug != b.Topics[i].Slug {
			return false
		}
	}
	return len(a.Editions) == 0 || a.Editions[0].Day == b.Editions[0].Day
}

// feedsTouched chooses the feeds that hold a changed article in either
// digest: the site's (its latest n stories), each topic's and author's
// (the latest n of theirs), and the editions' (the stories of the latest
// n editions). A
// feed with no changed article, before or after the change, stays as it
// was, since its other items and their order are the same. It returns the
// folders of the feeds to write, in the order of feed.Dirs.
func feedsTouched(old, cur *digest.Digest, changed map[string]bool, n int) []string {
	in := func(list []*content.Article) bool {
		for _, a := range digest.Latest(list, n) {
			if changed[a.File] {
				return true
			}
		}
		return false
	}
	dirs := map[string]bool{}
	for _, d := range []*digest.Digest{old, cur} {
		if in(d.Articles) {
			dirs[""] = true
		}
		for _, t := range d.Topics {
			if in(t.Articles) {
				dirs[urls.Topic(t)] = true
			}
		}
		for _, a := range d.Authors {
			if in(a.Articles) {
				dirs[urls.Author(a)] = true
			}
		}
		for i, e := range d.Editions {
			if i == n {
				break
			}
			for _, a := range e.Articles {
				if changed[a.File] {
					dirs[urls.EditionsFeed] = true
				}
			}
		}
	}
	var out []string
	for _, dir := range feed.Dirs(cur) {
		if dirs[dir] {
			out = append(out, dir)
		}
	}
	return out
}
