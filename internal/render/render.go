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
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/digest"
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
	budget time.Duration // a page's, PageBudget but in tests
	// stories are the stories of the render under way, for the template
	// functions story and leading.
	stories atomic.Pointer[storyState]
}

// storyState is what the template functions know of the site a render
// shows: its stories and its newest change.
type storyState struct {
	all    *stories.Set   // every story; nil when stories are off
	lists  *stories.Set   // all, when lists show one entry per story; else nil
	newest time.Time      // the site's Newest
	digest *digest.Digest // the site's, for the functions that look things up
}

// New parses the templates of the layers. It gives up, with ctx's error,
// once ctx is done.
func New(ctx context.Context, cfg *config.Config, u urls.URLs, layers []Layer) (*Renderer, error) {
	r := &Renderer{cfg: cfg, links: u, layers: layers, budget: PageBudget}
	t, err := ParseTemplates(ctx, layers, funcs(cfg, u, r.stories.Load))
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

// PageBudget is how long one page may take to render. A real page takes
// milliseconds; one that takes this long is a template that loops (a
// range over a huge number) and would otherwise hold the build for good.
const PageBudget = 10 * time.Second

// Render executes the jobs on every core and writes each page to sink as
// it is done. progress, when not nil, is called after each page with the
// pages done and the total, from several goroutines.
//
// Render returns as soon as ctx is done or a page exceeds its budget,
// even if a template is still running: a compiled program stops within a
// range iteration, html/template at its next write, but a loop that
// writes nothing in html/template cannot be stopped, and its goroutine
// is left behind. Nothing reaches sink after Render has returned.
func (r *Renderer) Render(ctx context.Context, jobs []Job, sink output.Sink, progress func(done, total int)) error {
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	// Outputs kept by partialCached belong to this render's site only.
	r.tmpl.partials.Store(&partials{ctx: runCtx})
	defer r.tmpl.partials.Store(nil)
	st := &storyState{}
	if len(jobs) > 0 {
		// Every job of a render comes from one Jobs and shares its Site.
		st.all = jobs[0].Page.Site.Stories
		st.newest = jobs[0].Page.Site.Newest
		st.digest = jobs[0].Page.Site.Digest
		if r.cfg.Stories.OnePerStory() {
			st.lists = st.all
		}
	}
	r.stories.Store(st)
	defer r.stories.Store(nil)
	workers := min(runtime.GOMAXPROCS(0), max(1, len(jobs)))
	run := &pageRun{
		r: r, ctx: runCtx, stop: stop, jobs: jobs, sink: sink, progress: progress,
		current: make([]atomic.Int64, workers), began: make([]atomic.Int64, workers),
	}
	for w := range workers {
		run.wg.Add(1)
		go run.work(w)
	}
	run.watch()
	run.mu.Lock()
	run.over = true
	run.mu.Unlock()
	run.once.Do(func() {}) // first is settled: a worker left behind cannot set it now
	if run.first != nil {
		return run.first
	}
	return ctx.Err()
}

// pageRun is one Render under way: its workers, and what the watch over
// them needs.
type pageRun struct {
	r        *Renderer
	ctx      context.Context
	stop     context.CancelFunc
	jobs     []Job
	sink     output.Sink
	progress func(done, total int)

	next, done atomic.Int64
	once       sync.Once
	first      error
	failed     atomic.Bool // read by the workers; first is read only after the end
	wg         sync.WaitGroup
	// over is set, under the write lock, when Render returns; workers
	// write to sink under the read lock, so none writes after that.
	mu   sync.RWMutex
	over bool
	// Each worker's page under way, and when it began (UnixNano, 0 idle).
	current, began []atomic.Int64
}

func (run *pageRun) fail(err error) {
	run.once.Do(func() { run.first = err })
	run.failed.Store(true)
	run.stop()
}

// work renders pages, taking the next from a shared counter, until none
// is left, the render is stopped or a page failed.
func (run *pageRun) work(w int) {
	defer run.wg.Done()
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	for {
		i := int(run.next.Add(1) - 1)
		if i >= len(run.jobs) || run.ctx.Err() != nil || run.failed.Load() {
			return
		}
		j := run.jobs[i]
		buf.Reset()
		run.current[w].Store(int64(i))
		run.began[w].Store(time.Now().UnixNano())
		err := run.r.execute(run.ctx, buf, j)
		run.began[w].Store(0)
		if err != nil {
			run.fail(err)
			return
		}
		run.mu.RLock()
		if !run.over {
			err = run.sink.Write(j.Out, buf.Bytes())
			if err == nil && run.progress != nil {
				run.progress(int(run.done.Add(1)), len(run.jobs))
			}
		}
		run.mu.RUnlock()
		if err != nil {
			run.fail(err)
			return
		}
	}
}

// watch waits for the workers, failing a page that takes longer than its
// budget, and returns once they are done or the render is stopped.
func (run *pageRun) watch() {
	finished := make(chan struct{})
	go func() { run.wg.Wait(); close(finished) }()
	tick := time.NewTicker(min(time.Second, run.r.budget/10))
	defer tick.Stop()
	for {
		select {
		case <-finished:
			return
		case <-run.ctx.Done():
			// Workers that notice return at once; give them a moment so that
			// the usual end is the orderly one, then leave the rest behind.
			select {
			case <-finished:
			case <-time.After(100 * time.Millisecond):
			}
			return
		case now := <-tick.C:
			for w := range run.began {
				t := run.began[w].Load()
				i := run.current[w].Load()
				// A page that ended meanwhile was in its budget.
				if t != 0 && now.Sub(time.Unix(0, t)) > run.r.budget && run.began[w].Load() == t {
					j := run.jobs[i]
					run.fail(fmt.Errorf("%s: rendering /%s: took longer than %v; does a range or partial loop without end?", j.Template, j.Page.Path, run.r.budget))
				}
			}
		}
	}
}

func (r *Renderer) execute(ctx context.Context, buf *bytes.Buffer, j Job) error {
	t := r.tmpl.pages[j.Template]
	if t == nil {
		return fmt.Errorf("no template %s", j.Template)
	}
	if p := r.tmpl.fast[j.Template]; p != nil && r.tmpl.compiled {
		ok, err := p.ExecuteContext(ctx, buf, j.Page)
		if ok {
			return nil
		}
		if err != nil {
			return err
		}
		r.tmpl.handedBack.Add(1)
		buf.Reset()
	}
	if err := t.ExecuteTemplate(ctxWriter{buf, ctx}, r.tmpl.entry[j.Template], j.Page); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var te *TemplateError
		if e := templateError(err); errors.As(e, &te) && te.File != "" {
			return fmt.Errorf("%w (rendering /%s)", te, j.Page.Path)
		}
		return fmt.Errorf("%s: rendering /%s: %w", j.Template, j.Page.Path, err)
	}
	return nil
}

// ctxWriter ends an html/template execution at its next write once ctx
// is done; text/template stops at the first failed write.
type ctxWriter struct {
	buf *bytes.Buffer
	ctx context.Context
}

func (w ctxWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.buf.Write(p)
}
