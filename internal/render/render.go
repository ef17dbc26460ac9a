// Package render turns the digest into the site's HTML pages, sitemap and
// robots.txt through html/template. Templates come in layers (the site's
// templates/, then the theme's, then the embedded default theme), are parsed
// once, and are executed in parallel into pooled buffers; every page goes to
// an output.Sink as soon as it is rendered.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Renderer renders sites with one config and one parsed template set.
type Renderer struct {
	cfg    *config.Config
	links  urls.URLs
	tmpl   *Templates
	layers []Layer
	// Progress, when set, is called after each page with the pages done
	// and the total. It is called from several goroutines.
	Progress func(done, total int)
}

// New parses the templates of the layers.
func New(cfg *config.Config, layers []Layer) (*Renderer, error) {
	return NewContext(context.Background(), cfg, layers)
}

// NewContext is New that gives up, with ctx's error, once ctx is done.
func NewContext(ctx context.Context, cfg *config.Config, layers []Layer) (*Renderer, error) {
	u := urls.New(cfg.BaseURL)
	t, err := ParseTemplates(ctx, layers, funcs(u, cfg.Location))
	if err != nil {
		return nil, err
	}
	return &Renderer{cfg: cfg, links: u, tmpl: t, layers: layers}, nil
}

// URLs returns the renderer's link maker.
func (r *Renderer) URLs() urls.URLs { return r.links }

// job is one page to render.
type job struct {
	template string
	out      string // output file path
	page     *Page
}

// Stats counts what a render wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // every file, pages included
}

// Site renders every page of the digest, the sitemap, robots.txt and the
// bundle assets of every article (read from site) into sink.
func (r *Renderer) Site(ctx context.Context, d *digest.Digest, site fs.FS, sink output.Sink) (Stats, error) {
	s := r.siteData(d)
	jobs := r.jobs(s, d)
	var st Stats
	if err := r.run(ctx, jobs, sink); err != nil {
		return st, err
	}
	st.Pages = len(jobs)
	st.Files = len(jobs)
	extra, err := r.extras(d, site, sink)
	st.Files += extra
	return st, err
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

// jobs lists every HTML page of the site.
func (r *Renderer) jobs(s *Site, d *digest.Digest) []job {
	var jobs []job
	add := func(tmpl string, p *Page) {
		out := p.Path + "index.html"
		if tmpl == "404.html" {
			out = "404.html"
		}
		jobs = append(jobs, job{template: tmpl, out: out, page: p})
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

// run executes the jobs on every core and writes each page as it is done.
func (r *Renderer) run(ctx context.Context, jobs []job, sink output.Sink) error {
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
				if err := sink.Write(j.out, buf.Bytes()); err != nil {
					fail(err)
					return
				}
				if r.Progress != nil {
					r.Progress(int(done.Add(1)), len(jobs))
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

func (r *Renderer) execute(buf *bytes.Buffer, j job) error {
	t := r.tmpl.pages[j.template]
	if t == nil {
		return fmt.Errorf("no template %s", j.template)
	}
	if p := r.tmpl.fast[j.template]; p != nil && fastTemplates {
		if p.Execute(buf, j.page) {
			return nil
		}
		r.tmpl.handedBack.Add(1)
		buf.Reset()
	}
	if err := t.ExecuteTemplate(buf, r.tmpl.entry[j.template], j.page); err != nil {
		var te *TemplateError
		if e := templateError(err); errors.As(e, &te) && te.File != "" {
			return fmt.Errorf("%w (rendering /%s)", te, j.page.Path)
		}
		return fmt.Errorf("%s: rendering /%s: %w", j.template, j.page.Path, err)
	}
	return nil
}
