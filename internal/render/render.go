// Package render turns the digest into the site's HTML pages through
// html/template, and copies the files pages use (bundle assets, static/).
// Templates come in layers (the site's templates/, then the theme's, then
// the embedded default theme) and are parsed once by New. Jobs lists every
// page of a digest without rendering any; Render executes any list of jobs
// on every core into pooled buffers, and each page goes to an output.Sink
// as soon as it is rendered.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Renderer renders the pages of one config with one parsed template set.
// It renders one site at a time: partialCached keeps outputs per render.
type Renderer struct {
	cfg    *config.Config
	links  urls.URLs
	tmpl   *Templates
	layers []Layer
}

// New parses the templates of the layers. It gives up, with ctx's error,
// once ctx is done.
func New(ctx context.Context, cfg *config.Config, u urls.URLs, layers []Layer) (*Renderer, error) {
	t, err := ParseTemplates(ctx, layers, funcs(u, cfg.Location))
	if err != nil {
		return nil, err
	}
	return &Renderer{cfg: cfg, links: u, tmpl: t, layers: layers}, nil
}

// Job is one page to render: the template, the output file and the data.
type Job struct {
	Template string // "article.html"
	Out      string // output file, e.g. "2025/01/06/grocers/index.html"
	Page     *Page
}

func (r *Renderer) siteData(d *digest.Digest) *Site {
	s := &Site{
		Title:       r.cfg.Title,
		Description: r.cfg.Description,
		Language:    r.cfg.Language,
		BaseURL:     r.cfg.BaseURL,
		Author:      r.cfg.Author,
		Params:      map[string]any{},
		Digest:      d,
		Articles:    d.Articles,
		Editions:    d.Editions,
		Topics:      d.Topics,
		Tags:        d.Tags,
		Years:       d.Years,
	}
	if len(d.Editions) > 0 {
		s.Latest = d.Editions[0]
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

// Jobs lists every HTML page of the digest, in render order.
func (r *Renderer) Jobs(d *digest.Digest) []Job {
	s := r.siteData(d)
	var jobs []Job
	add := func(tmpl string, p *Page) {
		out := p.Path + "index.html"
		if tmpl == "404.html" {
			out = "404.html"
		}
		jobs = append(jobs, Job{Template: tmpl, Out: out, Page: p})
	}
	editionFeeds := append(append([]Feed(nil), s.Feeds...), r.feedLinks(urls.EditionsFeed, s.Title+": daily editions")...)

	home := r.page(s, "home", s.Title, "")
	home.Articles = digest.Latest(d.Articles, r.cfg.Paginate)
	home.Edition = s.Latest
	home.Feeds = editionFeeds
	add("index.html", home)

	for _, t := range d.Topics {
		for i, a := range t.Articles {
			p := r.page(s, "article", a.Title, urls.Article(a))
			p.Article, p.Topic, p.Edition = a, t, d.Edition(a.Day())
			p.Description = a.Summary
			if i+1 < len(t.Articles) {
				p.Prev = t.Articles[i+1]
			}
			if i > 0 {
				p.Next = t.Articles[i-1]
			}
			add("article.html", p)
		}
	}
	for _, e := range d.Editions {
		p := r.page(s, "edition", "Edition of "+e.Day.Time(r.cfg.Location).Format("Monday, 2 January 2006"), urls.Edition(e))
		p.Edition, p.Articles = e, e.Articles
		add("edition.html", p)
	}

	add("topics.html", r.page(s, "topics", "Topics", "topics/"))
	for _, t := range d.Topics {
		feeds := append(r.feedLinks(urls.Topic(t), s.Title+": "+t.Name), s.Feeds...)
		r.paginate(t.Articles, urls.Topic(t), func(n int) *Page {
			p := r.page(s, "topic", t.Name, urls.Paged(urls.Topic(t), n))
			p.Topic, p.Feeds = t, feeds
			return p
		}, func(p *Page) { add("topic.html", p) })
	}
	add("tags.html", r.page(s, "tags", "Tags", "tags/"))
	for _, t := range d.Tags {
		r.paginate(t.Articles, urls.Tag(t), func(n int) *Page {
			p := r.page(s, "tag", t.Name, urls.Paged(urls.Tag(t), n))
			p.Tag = t
			return p
		}, func(p *Page) { add("tag.html", p) })
	}

	archive := r.page(s, "archive", "Archive", "archive/")
	archive.Feeds = editionFeeds
	add("archive.html", archive)
	for _, y := range d.Years {
		p := r.page(s, "year", fmt.Sprintf("%d", y.Year), urls.Year(y))
		p.Year = y
		add("year.html", p)
		for _, m := range y.Months {
			p := r.page(s, "month", fmt.Sprintf("%s %d", m.Month, m.Year), urls.Month(m))
			p.Year, p.Month = y, m
			add("month.html", p)
		}
	}
	add("404.html", r.page(s, "404", "Page not found", "404.html"))
	return jobs
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

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render executes the jobs on every core and writes each page to sink as
// it is done. progress, when not nil, is called after each page with the
// pages done and the total, from several goroutines.
func (r *Renderer) Render(ctx context.Context, jobs []Job, sink output.Sink, progress func(done, total int)) error {
	// Outputs kept by partialCached belong to this render's site only.
	r.tmpl.partials.Store(&partials{})
	defer r.tmpl.partials.Store(nil)
	var (
		next   atomic.Int64
		done   atomic.Int64
		once   sync.Once
		first  error
		failed atomic.Bool // read by the workers; first is read only after Wait
		wg     sync.WaitGroup
	)
	fail := func(err error) {
		once.Do(func() { first = err })
		failed.Store(true)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(jobs)))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := bufPool.Get().(*bytes.Buffer)
			defer bufPool.Put(buf)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) || ctx.Err() != nil || failed.Load() {
					return
				}
				j := jobs[i]
				buf.Reset()
				if err := r.execute(buf, j); err != nil {
					fail(err)
					return
				}
				if err := sink.Write(j.Out, buf.Bytes()); err != nil {
					fail(err)
					return
				}
				if progress != nil {
					progress(int(done.Add(1)), len(jobs))
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

func (r *Renderer) execute(buf *bytes.Buffer, j Job) error {
	t := r.tmpl.pages[j.Template]
	if t == nil {
		return fmt.Errorf("no template %s", j.Template)
	}
	if p := r.tmpl.fast[j.Template]; p != nil && r.tmpl.compiled {
		if p.Execute(buf, j.Page) {
			return nil
		}
		r.tmpl.handedBack.Add(1)
		buf.Reset()
	}
	if err := t.ExecuteTemplate(buf, r.tmpl.entry[j.Template], j.Page); err != nil {
		var te *TemplateError
		if e := templateError(err); errors.As(e, &te) && te.File != "" {
			return fmt.Errorf("%w (rendering /%s)", te, j.Page.Path)
		}
		return fmt.Errorf("%s: rendering /%s: %w", j.Template, j.Page.Path, err)
	}
	return nil
}
