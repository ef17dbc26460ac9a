// Package pipeline is a site's build as one value, made once from the
// site's config and template layers, whose stages take and give typed
// values:
//
//	fs.FS ──Load──► content.Result ──Digest──► digest.Digest ──Stories──► stories.Set ──Plan──► Plan ──Write──► output.Sink
//	                (front matter,              (days, topics,             (reports of one          (pages, feeds,
//	                 Markdown)                   tags, archives)            event grouped)           sitemap)
//
// A stage does only its own work and keeps nothing between calls, so any
// caller may run any of them again: build runs them all once into a
// staging folder, check into memory, and serve keeps its own state (the
// articles it parsed, the last digest and plan) and reruns only the stages
// an edit touches. New stages (images, a search index) take their place
// between Stories and Write.
package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/yuin/goldmark"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// Pipeline is the build of one site: its config, its URL scheme, its
// Markdown converter and its parsed templates. It is safe for concurrent
// use, except that it renders one site at a time (Write).
type Pipeline struct {
	Config   *config.Config
	URLs     urls.URLs
	Layers   []render.Layer
	Markdown goldmark.Markdown

	parsed   chan struct{} // closed once the templates are parsed
	renderer *render.Renderer
	err      error // from parsing the templates
}

// Open reads the config of the site in fsys (baseURL, when not "",
// overrides its base URL), finds its template layers and makes its
// pipeline.
func Open(ctx context.Context, fsys fs.FS, baseURL string) (*Pipeline, error) {
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
	return New(ctx, cfg, render.Layers(fsys, cfg.Theme, themes.Default())), nil
}

// New makes the pipeline of a config and its template layers. The
// templates are parsed in the background, while the articles load; Plan
// waits for them, and gives their error. Parsing stops once ctx is done.
func New(ctx context.Context, cfg *config.Config, layers []render.Layer) *Pipeline {
	u := urls.New(cfg.BaseURL)
	p := &Pipeline{
		Config:   cfg,
		URLs:     u,
		Layers:   layers,
		Markdown: markdown.New(markdown.Options{Unsafe: cfg.Markup.Unsafe, BasePath: u.BasePath()}),
		parsed:   make(chan struct{}),
	}
	go func() {
		defer close(p.parsed)
		p.renderer, p.err = render.New(ctx, cfg, u, layers)
	}()
	return p
}

// Renderer waits for the templates and returns the renderer of the
// site's pages.
func (p *Pipeline) Renderer() (*render.Renderer, error) {
	<-p.parsed
	return p.renderer, p.err
}

// Options choose the articles a load keeps.
type Options struct {
	Drafts bool
	Future bool
	Now    time.Time // decides what is future; default time.Now()
	// Bodies, when set, holds bodies converted by earlier builds.
	Bodies content.BodyCache
}

// ContentOptions are the options content.Read and content.Collect take
// for this site.
func (p *Pipeline) ContentOptions(o Options) content.Options {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	return content.Options{
		Location: p.Config.Location,
		Markdown: p.Markdown,
		MaxBytes: p.Config.Content.MaxBytes,
		Drafts:   o.Drafts,
		Future:   o.Future,
		Now:      now,
		Cache:    o.Bodies,
	}
}

// Load reads and parses every article of the site in fsys.
func (p *Pipeline) Load(ctx context.Context, fsys fs.FS, o Options) (*content.Result, error) {
	return content.Load(ctx, fsys, p.ContentOptions(o))
}

// Digest groups articles into editions, topics, tags and archives.
func (p *Pipeline) Digest(articles []*content.Article) *digest.Digest {
	return digest.New(articles, digest.Options{TopicOrder: p.Config.Topics})
}

// Stories groups the reports of one event across sources into stories;
// nil when the config turns stories off.
func (p *Pipeline) Stories(articles []*content.Article) *stories.Set {
	if !p.Config.Stories.Enabled {
		return nil
	}
	return stories.Group(articles, stories.Options{Window: p.Config.Stories.WindowDuration, Language: p.Config.Language})
}
