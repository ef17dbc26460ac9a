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
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Renderer renders the pages of one config with one parsed template set.
// It renders one site at a time: partialCached keeps outputs per render.
type Renderer struct {
	cfg    *config.Config
	links  urls.URLs
	tmpl   *Templates
	layers []Layer
	// stories are the stories of the render under way, for the template
	// functions story and leading.
	stories atomic.Pointer[storyState]
}

// storyState is what the template functions know of a render's stories.
type storyState struct {
	all   *stories.Set // every story; nil when stories are off
	lists *stories.Set // all, when lists show one entry per story; else nil
}

// New parses the templates of the layers. It gives up, with ctx's error,
// once ctx is done.
func New(ctx context.Context, cfg *config.Config, u urls.URLs, layers []Layer) (*Renderer, error) {
	r := &Renderer{cfg: cfg, links: u, layers: layers}
	t, err := ParseTemplates(ctx, layers, funcs(u, cfg.Location, r.stories.Load))
	if err != nil {
		return nil, err
	}
	r.tmpl = t
	return r, nil
}

// Job is one page to render: the template, the output file and the data.
type Job struct {
	Template string // "article.html"
	Out      string // output file, e.g. "2025/01/06/grocers/index.html"
	Page     *Page
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render executes the jobs on every core and writes each page to sink as
// it is done. progress, when not nil, is called after each page with the
// pages done and the total, from several goroutines.
func (r *Renderer) Render(ctx context.Context, jobs []Job, sink output.Sink, progress func(done, total int)) error {
	// Outputs kept by partialCached belong to this render's site only.
	r.tmpl.partials.Store(&partials{})
	defer r.tmpl.partials.Store(nil)
	st := &storyState{}
	if len(jobs) > 0 {
		// Every job of a render comes from one Jobs and shares its Site.
		st.all = jobs[0].Page.Site.Stories
		if r.cfg.Stories.OnePerStory() {
			st.lists = st.all
		}
	}
	r.stories.Store(st)
	defer r.stories.Store(nil)
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
