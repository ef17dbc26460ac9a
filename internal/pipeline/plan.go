package pipeline

import (
	"cmp"
	"context"
	"io/fs"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/search"
	"github.com/newsdigest/newsdigest/internal/sitemap"
	"github.com/newsdigest/newsdigest/internal/stories"
)

// Plan is everything a build writes, listed before anything is written.
// A caller may write part of it: a plan with fewer pages or feeds writes
// only those, and the files besides them.
type Plan struct {
	Digest  *digest.Digest
	Stories *stories.Set   // nil when stories are off
	Pages   []render.Job   // every HTML page
	Feeds   []string       // the folders of the feeds, see feed.Dirs
	Sitemap []sitemap.File // sitemap.xml (and its parts on a large site), news-sitemap.xml
	// Search is set when the search index is to be written (see
	// package search): the index of every article, made while the pages
	// render.
	Search bool
	// Words, when not nil, are the index's words being read since
	// SearchWords; else Write reads them.
	Words *search.Words
}

// Plan lists the pages, feeds and sitemap of a digest and its stories
// (nil when stories are off). It waits for the templates.
func (p *Pipeline) Plan(d *digest.Digest, s *stories.Set) (*Plan, error) {
	r, err := p.Renderer()
	if err != nil {
		return nil, err
	}
	return &Plan{Digest: d, Stories: s, Pages: r.Jobs(d, s), Feeds: feed.Dirs(d), Sitemap: p.Sitemaps(d, s),
		Search: p.Config.Search.Enabled}, nil
}

// Sitemaps are the sitemap files of a digest and its stories: sitemap.xml
// (an index and its parts on a large site) and news-sitemap.xml.
func (p *Pipeline) Sitemaps(d *digest.Digest, s *stories.Set) []sitemap.File {
	files := sitemap.Files(d, s, p.URLs)
	return append(files, sitemap.News(d, sitemap.Publication{Name: p.Config.Title, Language: p.Config.Language}, p.URLs))
}

// SearchWords starts reading the words of the digest's articles for the
// search index, nil when search is off. Called before Stories, it reads
// them on the core that grouping leaves idle; the plan then takes them
// (Plan.Words).
func (p *Pipeline) SearchWords(d *digest.Digest) *search.Words {
	if !p.Config.Search.Enabled {
		return nil
	}
	return search.Read(d, p.Config.Language)
}

// lists is the set by which lists collapse to one entry per story: nil
// when they show every article.
func (p *Pipeline) lists(s *stories.Set) *stories.Set {
	if !p.Config.Stories.OnePerStory() {
		return nil
	}
	return s
}

// Stats counts what Write wrote.
type Stats struct {
	Pages  int // HTML pages
	Feeds  int // feed files
	Search int // files of the search index
	Files  int // every file, pages and feeds included
	// Problems are the articles left out of the feeds (an item that
	// could not be made) and the bundle and static files that could not
	// be read, also left out.
	Problems []content.Problem
}

// Write writes a plan into sink: its pages, with progress (when not nil)
// told after each; its feeds, made while the pages render; then the
// sitemap, robots.txt, the articles' bundle files and the static files,
// read from site.
func (p *Pipeline) Write(ctx context.Context, plan *Plan, site fs.FS, sink output.Sink, progress func(done, total int)) (Stats, error) {
	var st Stats
	r, err := p.Renderer()
	if err != nil {
		return st, err
	}
	// The feeds need only the digest, and would otherwise keep one core
	// busy and the other idle at the end of the build.
	var feedErr, searchErr error
	feedsDone := make(chan struct{})
	go func() {
		defer close(feedsDone)
		st.Feeds, st.Problems, feedErr = feed.Write(ctx, plan.Digest, p.lists(plan.Stories), p.Config, p.URLs, site, sink, plan.Feeds)
	}()
	searchDone := make(chan struct{})
	go func() {
		defer close(searchDone)
		if plan.Search {
			st.Search, searchErr = search.Write(ctx, plan.Digest, plan.Stories,
				search.Options{Language: p.Config.Language, URLs: p.URLs, Words: plan.Words}, sink)
		}
	}()
	err = r.Render(ctx, plan.Pages, sink, progress)
	<-feedsDone
	<-searchDone
	if err == nil {
		err = cmp.Or(feedErr, searchErr)
	}
	if err != nil {
		return st, err
	}
	st.Pages = len(plan.Pages)
	for _, f := range plan.Sitemap {
		if err := sink.Write(f.Name, f.Data); err != nil {
			return st, err
		}
	}
	if err := sink.Write("robots.txt", sitemap.Robots(p.URLs)); err != nil {
		return st, err
	}
	n, problems, err := r.Files(plan.Digest, site, sink)
	st.Problems = append(st.Problems, problems...)
	st.Files = st.Pages + st.Feeds + st.Search + len(plan.Sitemap) + 1 + n
	return st, err
}

// Result is what Run did at each stage.
type Result struct {
	Loaded  *content.Result
	Digest  *digest.Digest
	Stories *stories.Set
	Stats   Stats
}

// Run runs every stage over the site in fsys into sink. The error is for
// a site that cannot be built (a broken template, a cancelled context);
// bad articles are in the result's Loaded.Problems, and left out.
func (p *Pipeline) Run(ctx context.Context, fsys fs.FS, o Options, sink output.Sink) (*Result, error) {
	loaded, err := p.Load(ctx, fsys, o)
	if err != nil {
		return nil, err
	}
	res := &Result{Loaded: loaded, Digest: p.Digest(loaded.Articles)}
	words := p.SearchWords(res.Digest)
	res.Stories = p.Stories(res.Digest.Articles)
	plan, err := p.Plan(res.Digest, res.Stories)
	if err != nil {
		return res, err
	}
	plan.Words = words
	res.Stats, err = p.Write(ctx, plan, fsys, sink, nil)
	return res, err
}
