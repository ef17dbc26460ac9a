package render

import (
	"fmt"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Jobs lists every HTML page of the digest and its stories (nil when
// stories are off), in render order.
func (r *Renderer) Jobs(d *digest.Digest, st *stories.Set) []Job {
	p := &planner{r: r, d: d, stories: st, s: r.siteData(d, st)}
	if r.cfg.Stories.OnePerStory() {
		p.lists = st
	}
	p.editionFeeds = append(append([]Feed(nil), p.s.Feeds...), r.feedLinks(urls.EditionsFeed, p.s.Title+": daily editions")...)
	p.home()
	p.articles()
	p.storyPages()
	p.editions()
	p.topicsAndTags()
	p.authors()
	p.archives()
	if r.cfg.Search.Enabled {
		p.add("search.html", r.page(p.s, "search", "Search", urls.Search))
	}
	p.add("404.html", r.page(p.s, "404", "Page not found", "404.html"))
	return p.jobs
}

// planner lists the pages of one digest.
type planner struct {
	r            *Renderer
	d            *digest.Digest
	s            *Site
	stories      *stories.Set
	lists        *stories.Set // lists show one entry per story; nil: one per article
	editionFeeds []Feed
	jobs         []Job
}

func (p *planner) add(tmpl string, pg *Page) {
	out := pg.Path + "index.html"
	if tmpl == "404.html" {
		out = "404.html"
	}
	p.jobs = append(p.jobs, Job{Template: tmpl, Out: out, Page: pg})
}

func (p *planner) home() {
	home := p.r.page(p.s, "home", p.s.Title, "")
	home.Articles = digest.Latest(p.lists.Collapse(p.d.Articles), p.r.cfg.Paginate)
	home.Edition = p.s.Latest
	home.Feeds = p.editionFeeds
	p.add("index.html", home)
}

func (p *planner) articles() {
	for _, t := range p.d.Topics {
		for i, a := range t.Articles {
			pg := p.r.page(p.s, "article", a.Title, urls.Article(a))
			p.s.permalinks[a] = pg.Permalink
			pg.Article, pg.Topic, pg.Edition = a, t, p.d.Edition(a.Day())
			pg.Story = p.stories.Shared(a)
			pg.Description = a.Summary
			if i+1 < len(t.Articles) {
				pg.Prev = t.Articles[i+1]
			}
			if i > 0 {
				pg.Next = t.Articles[i-1]
			}
			p.add("article.html", pg)
		}
	}
}

// storyPages lists a page for each story that more than one report makes.
func (p *planner) storyPages() {
	if p.stories == nil {
		return
	}
	for _, st := range p.stories.Stories {
		if len(st.Articles) < 2 {
			continue
		}
		pg := p.r.page(p.s, "story", st.Lead.Title, urls.Story(st))
		pg.Story, pg.Articles = st, st.Articles
		pg.Description = st.Lead.Summary
		p.add("story.html", pg)
	}
}

func (p *planner) editions() {
	for _, e := range p.d.Editions {
		pg := p.r.page(p.s, "edition", "Edition of "+e.Day.Time(p.r.cfg.Location).Format("Monday, 2 January 2006"), urls.Edition(e))
		pg.Edition, pg.Articles = e, e.Articles
		p.add("edition.html", pg)
	}
}

func (p *planner) topicsAndTags() {
	s := p.s
	p.add("topics.html", p.r.page(s, "topics", "Topics", "topics/"))
	for _, t := range p.d.Topics {
		feeds := append(p.r.feedLinks(urls.Topic(t), s.Title+": "+t.Name), s.Feeds...)
		p.r.paginate(p.lists.Collapse(t.Articles), urls.Topic(t), func(n int) *Page {
			pg := p.r.page(s, "topic", t.Name, urls.Paged(urls.Topic(t), n))
			pg.Topic, pg.Feeds = t, feeds
			return pg
		}, func(pg *Page) { p.add("topic.html", pg) })
	}
	p.add("tags.html", p.r.page(s, "tags", "Tags", "tags/"))
	for _, t := range p.d.Tags {
		p.r.paginate(p.lists.Collapse(t.Articles), urls.Tag(t), func(n int) *Page {
			pg := p.r.page(s, "tag", t.Name, urls.Paged(urls.Tag(t), n))
			pg.Tag = t
			return pg
		}, func(pg *Page) { p.add("tag.html", pg) })
	}
}

// authors lists the writers, and pages each one's articles: every article
// of theirs, since each is their own report even where a story groups it
// with others'.
func (p *planner) authors() {
	s := p.s
	if len(p.d.Authors) == 0 {
		return
	}
	p.add("authors.html", p.r.page(s, "authors", "Authors", "authors/"))
	for _, a := range p.d.Authors {
		feeds := append(p.r.feedLinks(urls.Author(a), s.Title+": "+a.Name), s.Feeds...)
		p.r.paginate(a.Articles, urls.Author(a), func(n int) *Page {
			pg := p.r.page(s, "author", a.Name, urls.Paged(urls.Author(a), n))
			pg.Author, pg.Feeds = a, feeds
			return pg
		}, func(pg *Page) { p.add("author.html", pg) })
	}
}

func (p *planner) archives() {
	archive := p.r.page(p.s, "archive", "Archive", "archive/")
	archive.Feeds = p.editionFeeds
	p.add("archive.html", archive)
	for _, y := range p.d.Years {
		pg := p.r.page(p.s, "year", fmt.Sprintf("%d", y.Year), urls.Year(y))
		pg.Year = y
		p.add("year.html", pg)
		for _, m := range y.Months {
			pg := p.r.page(p.s, "month", fmt.Sprintf("%s %d", m.Month, m.Year), urls.Month(m))
			pg.Year, pg.Month = y, m
			p.add("month.html", pg)
		}
	}
}

// siteData is what every page of a digest sees as .Site.
func (r *Renderer) siteData(d *digest.Digest, st *stories.Set) *Site {
	s := &Site{
		Title:       r.cfg.Title,
		Description: r.cfg.Description,
		Language:    r.cfg.Language,
		BaseURL:     r.cfg.BaseURL,
		Author:      r.cfg.Author,
		Params:      r.cfg.Params,
		Digest:      d,
		Articles:    d.Articles,
		Editions:    d.Editions,
		Topics:      d.Topics,
		Tags:        d.Tags,
		Authors:     d.Authors,
		Years:       d.Years,
		Stories:     st,
		Search:      r.cfg.Search.Enabled,
	}
	if s.Params == nil {
		s.Params = map[string]any{}
	}
	s.permalinks = make(map[*content.Article]string, len(d.Articles))
	if len(d.Editions) > 0 {
		s.Latest = d.Editions[0]
	}
	for _, a := range d.Articles {
		if a.Updated.After(s.Newest) {
			s.Newest = a.Updated
		}
	}
	s.Feeds = r.feedLinks("", r.cfg.Title)
	return s
}

func (r *Renderer) feedLinks(dir, title string) []Feed {
	out := make([]Feed, 0, len(urls.FeedFiles))
	for _, f := range urls.FeedFiles {
		out = append(out, Feed{Title: title + " (" + f.Label + ")", Type: f.Type, URL: r.links.Abs(dir + f.Name)})
	}
	return out
}

func (r *Renderer) page(s *Site, kind, title, path string) *Page {
	return &Page{
		Site: s, Kind: kind, Title: title, Path: path,
		URL: r.links.Rel(path), Permalink: r.links.Abs(path),
		Description: s.Description, Feeds: s.Feeds,
	}
}

// paginate makes one page per slice of a list.
func (r *Renderer) paginate(list []*content.Article, base string, mk func(n int) *Page, add func(*Page)) {
	for _, pg := range digest.Paginate(len(list), r.cfg.Paginate) {
		p := mk(pg.Number)
		p.Articles = list[pg.Start:pg.End]
		p.Pager = &Pager{Number: pg.Number, Total: pg.Total, Items: len(list), First: r.links.Rel(base)}
		if pg.Number > 1 {
			p.Pager.PrevURL = r.links.Rel(urls.Paged(base, pg.Number-1))
		}
		if pg.Number < pg.Total {
			p.Pager.NextURL = r.links.Rel(urls.Paged(base, pg.Number+1))
		}
		add(p)
	}
}
