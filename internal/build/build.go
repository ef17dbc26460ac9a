// Package build runs the whole pipeline of DESIGN.md once: config, content,
// digest, render and feeds, into a staging folder that replaces the
// destination only when everything was written. Bad articles are reported
// and left out; with Strict, any bad article stops the build before the
// destination is touched.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/yuin/goldmark"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// Options describe one build.
type Options struct {
	// Parsed, when set, keeps parsed articles between builds (serve).
	Parsed *content.ParseCache
	// Plan, when set, is given the renderer and the loaded articles and
	// makes the plan of the site's pages, in place of digest.New and
	// Renderer.Plan, and says which of its pages to render; the others are
	// left out (serve renders only what changed, and updates the last
	// build's plan when an edit moved no story).
	Plan func(*render.Renderer, []*content.Article) (*render.Plan, func(render.PlannedPage) bool, error)
	// Feeds, when set, is given the digest and chooses the feeds to write:
	// the function it returns is asked about each feed's folder ("" for
	// the site's); nil writes none (serve rewrites only the feeds an edit
	// shows in).
	Feeds       func(*digest.Digest) func(dir string) bool
	Source      string // site root
	Destination string // output folder; default <Source>/public
	BaseURL     string // overrides the config's when set
	Drafts      bool
	Future      bool
	Strict      bool      // publish nothing when any article is bad
	Now         time.Time // decides what is future; default time.Now()
	// Progress, when set, is called as pages are written.
	Progress func(done, total int)
	// NoCache turns off the body cache that Run keeps in CacheDir.
	NoCache bool
	// CacheDir holds the cache; default <Source>/.newsdigest.
	CacheDir string
	// Cache, when set, is used by Render to skip converting bodies that an
	// earlier build converted. Run sets it from CacheDir.
	Cache content.BodyCache
	// Renderer, when set, gives the renderer, in place of parsing the
	// site's templates anew (serve keeps one while no template changes).
	// A renderer renders one site at a time.
	Renderer func() (*render.Renderer, error)
	// afterLoad is called once the articles are loaded (Run saves the
	// cache from there).
	afterLoad func()
}

// Result tells what a build did.
type Result struct {
	Articles int
	Editions int
	Topics   int
	Tags     int
	Pages    int // HTML pages
	Feeds    int // feed files
	Files    int // every file written
	Skipped  int // drafts and future articles left out
	Problems []content.Problem
	// Digest is what was rendered, for callers that inspect the site
	// (check); nil when the build stopped before rendering.
	Digest   *digest.Digest
	Duration time.Duration
	// Converted counts the bodies converted from Markdown; the others came
	// from the cache.
	Converted int
	// CacheNote says why an existing cache was discarded, if it was.
	CacheNote string
	// Published is false when nothing was written to the destination.
	Published bool
}

// ErrProblems is returned, wrapped, when the site was built but some
// articles were bad and left out.
var ErrProblems = errors.New("some articles were left out")

// ErrStrict is returned, wrapped, when Strict stopped the build.
var ErrStrict = errors.New("nothing published (--strict)")

// Site is a loaded site: its config, the template layers and the files.
type Site struct {
	FS     fs.FS
	Config *config.Config
	Layers []render.Layer
}

// LoadSite reads a site's config and finds its template layers.
func LoadSite(fsys fs.FS, baseURL string) (*Site, error) {
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if baseURL != "" {
		if err := cfg.SetBaseURL(baseURL); err != nil {
			return nil, err
		}
	}
	if cfg.Theme != "default" {
		if info, err := fs.Stat(fsys, "themes/"+cfg.Theme); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("%s: theme %q: no folder themes/%s", config.File, cfg.Theme, cfg.Theme)
		}
	}
	return &Site{FS: fsys, Config: cfg, Layers: render.Layers(fsys, cfg.Theme, themes.Default())}, nil
}

// Run builds the site at opts.Source into opts.Destination.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if err := checkFolders(opts.Source, opts.Destination); err != nil {
		return nil, err
	}
	site, err := LoadSite(newSiteFS(opts.Source), opts.BaseURL)
	if err != nil {
		return nil, err
	}
	var cache *bodyCache
	var note string
	if !opts.NoCache {
		if opts.CacheDir == "" {
			opts.CacheDir = filepath.Join(opts.Source, CacheDir)
		}
		cache, note = openBodyCache(opts.CacheDir, site.Config)
		opts.Cache = cache
	}
	// The cache is complete once the articles are loaded; it is written
	// while the pages render, and put in place only if the site is
	// published.
	var saved chan error
	var cacheTmp string
	if cache != nil {
		opts.afterLoad = func() {
			saved = make(chan error, 1)
			go func() {
				var err error
				cacheTmp, err = cache.write()
				saved <- err
			}()
		}
	}
	res, sink, err := Render(ctx, site, opts, func() (Sink, error) { return output.NewStaging(opts.Destination) })
	if res != nil && cache != nil {
		if note != "" {
			res.CacheNote = "build cache discarded, every article converted afresh: " + note
		}
		res.Converted = int(cache.misses.Load())
	}
	if sink != nil {
		staging := sink.(*output.Staging)
		// ErrProblems still publishes: the good articles go out.
		if res == nil || !res.Published {
			staging.Abort()
		} else if cerr := staging.Commit(); cerr != nil {
			staging.Abort()
			res.Published = false
			err = fmt.Errorf("publish %s: %w", opts.Destination, cerr)
		}
	}
	if saved != nil {
		serr := <-saved
		if serr == nil && res != nil && res.Published {
			serr = cache.install(cacheTmp)
		} else if cacheTmp != "" {
			os.Remove(cacheTmp)
		}
		// A cache that cannot be written slows the next build down but
		// loses nothing, so it is not an error.
		if serr != nil && res != nil && res.CacheNote == "" {
			res.CacheNote = "cache not saved: " + serr.Error()
		}
	}
	if res != nil {
		res.Duration = time.Since(start)
	}
	return res, err
}

// Sink is where Render writes; output.Staging and output.Memory are sinks.
type Sink = output.Sink

// Render loads the articles, builds the digest and writes every file into
// the sink that newSink makes. The sink is made only when there is
// something to publish: with Strict and bad articles, it is never made.
// res.Published tells whether the sink holds a whole site.
func Render(ctx context.Context, site *Site, opts Options, newSink func() (Sink, error)) (*Result, Sink, error) {
	cfg := site.Config
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	// The templates are parsed while the articles load.
	type parsed struct {
		r   *render.Renderer
		err error
	}
	templates := make(chan parsed, 1)
	go func() {
		newRenderer := opts.Renderer
		if newRenderer == nil {
			// A cancelled build (serve stops its check when an edit
			// comes) stops parsing too, leaving both cores to the next.
			newRenderer = func() (*render.Renderer, error) { return render.NewContext(ctx, cfg, site.Layers) }
		}
		r, err := newRenderer()
		templates <- parsed{r, err}
	}()
	loaded, err := content.Load(ctx, site.FS, content.Options{
		Location: cfg.Location,
		Markdown: Markdown(cfg),
		MaxBytes: cfg.Content.MaxBytes,
		Drafts:   opts.Drafts,
		Parsed:   opts.Parsed,
		Future:   opts.Future,
		Now:      now,
		Cache:    opts.Cache,
	})
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Problems: loaded.Problems, Skipped: loaded.Skipped}
	if opts.Strict && len(loaded.Problems) > 0 {
		return res, nil, fmt.Errorf("%d bad %s: %w", len(loaded.Problems), plural(len(loaded.Problems), "article", "articles"), ErrStrict)
	}
	if opts.afterLoad != nil {
		opts.afterLoad()
	}
	t := <-templates
	r, err := t.r, t.err
	if err != nil {
		return res, nil, err
	}
	r.Progress = opts.Progress
	var (
		d    *digest.Digest
		plan *render.Plan
		keep func(render.PlannedPage) bool
	)
	if opts.Plan != nil {
		if plan, keep, err = opts.Plan(r, loaded.Articles); err != nil {
			return res, nil, err
		}
		d = plan.Digest()
	} else {
		d = digest.New(loaded.Articles, digest.Options{TopicOrder: cfg.Topics})
	}
	res.Articles, res.Editions, res.Topics, res.Tags = len(d.Articles), len(d.Editions), len(d.Topics), len(d.Tags)
	res.Digest = d

	sink, err := newSink()
	if err != nil {
		return res, nil, err
	}
	// The feeds are written while the pages are rendered: they need only
	// the digest, and would otherwise keep one core busy and the other
	// idle at the end of the build.
	var feedErr error
	feedsDone := make(chan struct{})
	go func() {
		defer close(feedsDone)
		switch {
		case opts.Feeds == nil:
			res.Feeds, feedErr = feed.Write(ctx, d, cfg, sink)
		default:
			if keep := opts.Feeds(d); keep != nil {
				res.Feeds, feedErr = feed.WriteSome(ctx, d, cfg, sink, keep)
			}
		}
	}()
	var st render.Stats
	if plan != nil {
		st, err = plan.Render(ctx, site.FS, sink, keep)
	} else {
		st, err = r.Site(ctx, d, site.FS, sink)
	}
	<-feedsDone
	res.Pages, res.Files = st.Pages, st.Files+res.Feeds
	if err == nil {
		err = feedErr
	}
	if err != nil {
		return res, sink, err
	}
	res.Published = true
	if len(res.Problems) > 0 {
		return res, sink, fmt.Errorf("%d bad %s: %w", len(res.Problems), plural(len(res.Problems), "article", "articles"), ErrProblems)
	}
	return res, sink, nil
}

// Markdown is the converter for a site's articles: its markup settings,
// and site-path links made to work under the base URL's path.
func Markdown(cfg *config.Config) goldmark.Markdown {
	return markdown.New(markdown.Options{Unsafe: cfg.Markup.Unsafe, BasePath: urls.New(cfg.BaseURL).BasePath()})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
