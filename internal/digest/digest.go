// Package digest groups articles into what a news site shows: daily
// editions, topics, tags, authors and month and year archives, each newest
// first. It
// is pure: no I/O and no templates, the same input always gives the same
// model, and every grouping is linear in the number of articles after one
// sort.
package digest

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

// Digest is the whole site's model.
type Digest struct {
	Articles []*content.Article // newest first
	Editions []*Edition         // newest first
	Topics   []*Topic           // configured order, then alphabetical
	Tags     []*Tag             // alphabetical by slug
	Authors  []*Author          // alphabetical
	Years    []*Year            // newest first

	edition map[content.Day]*Edition
	topic   map[string]*Topic
	tag     map[string]*Tag
	author  map[string]*Author
	// byline is the author of each name as articles write it, so that a
	// page's bylines find their authors without slugifying each name.
	byline map[string]*Author
}

// Edition is one calendar day's stories.
type Edition struct {
	Day      content.Day
	Articles []*content.Article // newest first
	Sections []*Section         // the day's stories grouped by topic, in topic order
	Prev     *Edition           // the day before that has stories
	Next     *Edition           // the day after that has stories
}

// Section is one topic's part of an edition.
type Section struct {
	Topic    *Topic
	Articles []*content.Article
}

// Topic is a topic and its stories.
type Topic struct {
	Name     string
	Slug     string
	Articles []*content.Article // newest first
}

// Tag is a tag and its stories.
type Tag struct {
	Name     string
	Slug     string
	Articles []*content.Article // newest first
}

// Author is a writer named in articles' bylines and their stories. A name
// without a letter or digit a URL can hold has no Author: its bylines stay
// text.
type Author struct {
	Name     string
	Slug     string
	Articles []*content.Article // newest first
}

// Year groups the months of a year that have editions.
type Year struct {
	Year   int
	Months []*Month // newest first
}

// Month groups the editions of a month.
type Month struct {
	Year     int
	Month    time.Month
	Editions []*Edition // newest first
}

// Options shape the digest.
type Options struct {
	// TopicOrder lists topic names in the order the site shows them; topics
	// not in it follow alphabetically. Names match by slug.
	TopicOrder []string
}

// New builds the digest. Articles may come in any order; their dates must
// already be in the site's time zone.
func New(articles []*content.Article, opts Options) *Digest {
	d := &Digest{
		Articles: append([]*content.Article(nil), articles...),
		edition:  map[content.Day]*Edition{},
		topic:    map[string]*Topic{},
		tag:      map[string]*Tag{},
		author:   map[string]*Author{},
		byline:   map[string]*Author{},
	}
	slices.SortFunc(d.Articles, compare)
	names := d.group(opts.TopicOrder)
	d.order(names)
	d.bind()
	return d
}

// group puts every article, newest first, in its edition, topic and tags.
// It returns the configured topic names by slug, with their order.
func (d *Digest) group(topicOrder []string) map[string]ranked {
	names := map[string]ranked{}
	for i, name := range topicOrder {
		s := content.Slugify(name)
		if _, ok := names[s]; !ok {
			names[s] = ranked{name, i}
		}
	}
	// A site has far fewer tags than uses of them.
	slugs := map[string]string{}
	for _, a := range d.Articles {
		day := a.Day()
		e := d.edition[day]
		if e == nil {
			e = &Edition{Day: day}
			d.edition[day] = e
			d.Editions = append(d.Editions, e) // articles are newest first, so editions are too
		}
		e.Articles = append(e.Articles, a)

		t := d.topic[a.TopicSlug]
		if t == nil {
			t = &Topic{Name: a.Topic, Slug: a.TopicSlug}
			if n, ok := names[a.TopicSlug]; ok {
				t.Name = n.name
			}
			d.topic[a.TopicSlug] = t
			d.Topics = append(d.Topics, t)
		}
		t.Articles = append(t.Articles, a)

		for _, name := range a.Tags {
			s, ok := slugs[name]
			if !ok {
				s = content.Slugify(name)
				slugs[name] = s
			}
			g := d.tag[s]
			if g == nil {
				g = &Tag{Name: name, Slug: s}
				d.tag[s] = g
				d.Tags = append(d.Tags, g)
			}
			g.Articles = append(g.Articles, a)
		}
		var seen []*Author // this article's authors so far
		for _, name := range a.Authors {
			w, ok := d.byline[name]
			if !ok {
				if s := content.Slugify(name); s != "" {
					if w = d.author[s]; w == nil {
						w = &Author{Name: name, Slug: s}
						d.author[s] = w
						d.Authors = append(d.Authors, w)
					}
				}
				d.byline[name] = w
			}
			if w == nil || slices.Contains(seen, w) {
				continue
			}
			seen = append(seen, w)
			w.Articles = append(w.Articles, a)
		}
	}
	return names
}

// ranked is a topic name from the config and its place in the order.
type ranked struct {
	name string
	rank int
}

// order sorts the topics (configured first, in the config's order, then
// alphabetically) and the tags (alphabetically). A name written several
// ways ("economy", "Economy") shows as the way the newest story wrote it,
// unless the config names the topic: the first article group saw is the
// newest.
func (d *Digest) order(names map[string]ranked) {
	sort.SliceStable(d.Topics, func(i, j int) bool {
		ri, iok := names[d.Topics[i].Slug]
		rj, jok := names[d.Topics[j].Slug]
		switch {
		case iok && jok:
			return ri.rank < rj.rank
		case iok != jok:
			return iok
		}
		return lessFold(d.Topics[i].Name, d.Topics[j].Name, d.Topics[i].Slug, d.Topics[j].Slug)
	})
	sort.SliceStable(d.Tags, func(i, j int) bool {
		return lessFold(d.Tags[i].Name, d.Tags[j].Name, d.Tags[i].Slug, d.Tags[j].Slug)
	})
	sort.SliceStable(d.Authors, func(i, j int) bool {
		return lessFold(d.Authors[i].Name, d.Authors[j].Name, d.Authors[i].Slug, d.Authors[j].Slug)
	})
}

// bind links each edition to its neighbours, splits it into sections in
// topic order, and files it under its month and year.
func (d *Digest) bind() {
	order := map[string]int{}
	for i, t := range d.Topics {
		order[t.Slug] = i
	}
	for i, e := range d.Editions {
		if i > 0 {
			e.Next = d.Editions[i-1]
		}
		if i+1 < len(d.Editions) {
			e.Prev = d.Editions[i+1]
		}
		bySlug := map[string]*Section{}
		for _, a := range e.Articles {
			s := bySlug[a.TopicSlug]
			if s == nil {
				s = &Section{Topic: d.topic[a.TopicSlug]}
				bySlug[a.TopicSlug] = s
				e.Sections = append(e.Sections, s)
			}
			s.Articles = append(s.Articles, a)
		}
		sort.SliceStable(e.Sections, func(i, j int) bool {
			return order[e.Sections[i].Topic.Slug] < order[e.Sections[j].Topic.Slug]
		})

		if n := len(d.Years); n == 0 || d.Years[n-1].Year != e.Day.Year {
			d.Years = append(d.Years, &Year{Year: e.Day.Year})
		}
		y := d.Years[len(d.Years)-1]
		if n := len(y.Months); n == 0 || y.Months[n-1].Month != e.Day.Month {
			y.Months = append(y.Months, &Month{Year: e.Day.Year, Month: e.Day.Month})
		}
		m := y.Months[len(y.Months)-1]
		m.Editions = append(m.Editions, e)
	}
}

// compare orders articles newest first; ties go by URL, then file, so the
// order never depends on the input order.
func compare(a, b *content.Article) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Path(), b.Path()); c != 0 {
		return c
	}
	return strings.Compare(a.File, b.File)
}

func lessFold(a, b, slugA, slugB string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return slugA < slugB
}

// Edition returns the edition of a day, or nil.
func (d *Digest) Edition(day content.Day) *Edition { return d.edition[day] }

// Topic returns the topic with a slug, or nil.
func (d *Digest) Topic(slug string) *Topic { return d.topic[slug] }

// Tag returns the tag with a slug, or nil.
func (d *Digest) Tag(slug string) *Tag { return d.tag[slug] }

// Author returns the author with a slug, or nil.
func (d *Digest) Author(slug string) *Author { return d.author[slug] }

// AuthorNamed returns the author a byline names, or nil: the name is
// matched by its slug, as the author's page is.
func (d *Digest) AuthorNamed(name string) *Author {
	if w, ok := d.byline[name]; ok {
		return w
	}
	return d.author[content.Slugify(name)]
}

// Latest returns up to n of the newest articles of a list.
func Latest(articles []*content.Article, n int) []*content.Article {
	if n < len(articles) {
		return articles[:n]
	}
	return articles
}

// Page is one page of a paginated list.
type Page struct {
	Number int // from 1
	Total  int // number of pages, at least 1
	Start  int // index of the first item
	End    int // index past the last item
}

// Paginate splits n items into pages of per items. An empty list still has
// one (empty) page, so every topic and tag has a first page.
func Paginate(n, per int) []Page {
	if per < 1 {
		per = 1
	}
	total := max(1, (n+per-1)/per)
	pages := make([]Page, total)
	for i := range pages {
		pages[i] = Page{Number: i + 1, Total: total, Start: i * per, End: min(n, (i+1)*per)}
	}
	return pages
}
