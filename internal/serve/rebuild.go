package serve

import (
	"bytes"
	"context"
	"maps"
	"path"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// rebuild makes a new site from the files on disk and swaps it in whole.
// When only articles and static files changed since the last good build,
// it renders only the pages that show the changed articles and keeps the
// others; otherwise it renders every page. On failure the last good site
// stays, with the errors over it. It reports whether a site was swapped in.
func (s *Server) rebuild(ctx context.Context, b *batch) bool {
	start := time.Now()
	old := s.site.Load()
	full := b.all || b.config || b.under("templates/", "themes/") || s.plan == nil
	s.forget(b)
	_, parsedBefore := s.parses.stats()
	rep := Report{}
	fsys := s.disk.cached()
	p := s.pipe
	if full {
		// A template, theme or the config changed: parse them again.
		var err error
		if p, err = pipeline.Open(ctx, fsys, s.url); err != nil {
			return s.fail(ctx, old, rep, err, start)
		}
	}
	// Every change was forgotten above, so the articles held are what is
	// on disk: only the changed files are read.
	loaded, err := s.parses.load(ctx, fsys, p.ContentOptions(s.loadOptions()), true)
	if err != nil {
		return s.fail(ctx, old, rep, err, start)
	}
	_, parsed := s.parses.stats()
	rep.Reparsed = parsed - parsedBefore
	for _, pr := range loaded.Problems {
		rep.Problems = append(rep.Problems, pr.Error())
	}
	changed := s.parses.takeChanged()
	grouped := s.regroup(p, full, loaded.Articles, changed)
	var plan *pipeline.Plan
	if !full {
		plan = edited(s.plan, p, loaded.Articles, grouped, changed)
		rep.Kept = plan != nil
		changed = withStories(changed, s.plan.Stories, grouped)
	}
	var planned map[string]bool // every page of the new site; nil when the last plan's
	if plan == nil {
		if plan, err = p.Plan(p.Digest(loaded.Articles), grouped); err != nil {
			return s.fail(ctx, old, rep, err, start)
		}
		planned = make(map[string]bool, len(plan.Pages)+3*len(plan.Feeds))
		for _, j := range plan.Pages {
			planned[j.Out] = true
		}
		for _, dir := range plan.Feeds {
			for _, f := range urls.FeedFiles {
				planned[dir+f.Name] = true
			}
		}
	}
	write := plan
	if !full && sameFrame(s.plan.Digest, plan.Digest) {
		served := old.files
		if rep.Kept {
			served = nil // every page of the last plan is served
		}
		write = only(plan, affected(s.plan.Digest, plan.Digest, lists(p, s.plan), lists(p, plan), changed, served),
			feedsTouched(s.plan.Digest, plan.Digest, changed, p.Config.Feeds.Items))
		rep.Quick = true
	}
	mem := output.NewMemory()
	st, err := p.Write(ctx, write, fsys, mem, nil)
	if err != nil {
		return s.fail(ctx, old, rep, err, start)
	}
	for _, pr := range st.Problems {
		rep.Problems = append(rep.Problems, pr.Error())
	}
	files := mem.Files()
	if rep.Quick {
		files = assemble(old.files, files, planned)
	}
	s.pipe, s.plan = p, plan
	next := s.swap(old, files, b.onlyCSS(), rep.Problems)
	rep.Version, rep.Reload = next.version, reloadKind(old, next)
	rep.Articles, rep.Pages, rep.Files = len(plan.Digest.Articles), st.Pages, len(files)
	rep.Duration = time.Since(start)
	s.report(rep)
	return true
}

// forget drops what the records hold of the paths a batch names: all of
// it when events were lost, the parsed articles when the config changed
// (it decides how articles parse: time zone, raw HTML).
func (s *Server) forget(b *batch) {
	if b.all || b.config {
		s.parses = newParses()
	}
	if b.all {
		s.disk.reset()
		return
	}
	s.disk.forget(b.paths)
	s.parses.forget(b.paths)
}

// regroup returns the stories of the articles: the last build's, with the
// changed articles swapped in, when every change leaves what grouping
// reads as it was (an edit of a body, a tag, an image); else grouped anew.
func (s *Server) regroup(p *pipeline.Pipeline, full bool, articles []*content.Article, changed map[string]bool) *stories.Set {
	if full || s.plan == nil || s.plan.Stories == nil || len(articles) != len(s.plan.Digest.Articles) {
		return p.Stories(articles)
	}
	was := make(map[string]*content.Article, len(changed))
	for _, a := range s.plan.Digest.Articles {
		if changed[a.File] {
			was[a.File] = a
		}
	}
	swap := make(map[*content.Article]*content.Article, len(changed))
	for _, a := range articles {
		if !changed[a.File] {
			continue
		}
		old := was[a.File]
		if old == nil || !stories.SameKey(old, a) {
			return p.Stories(articles)
		}
		swap[old] = a
	}
	switch {
	case len(swap) != len(changed):
		return p.Stories(articles) // a file gone, or never an article
	case len(swap) == 0:
		return s.plan.Stories
	}
	return s.plan.Stories.Swap(swap)
}

// lists is the set by which a plan's lists keep one entry per story, nil
// when they show every article.
func lists(p *pipeline.Pipeline, plan *pipeline.Plan) *stories.Set {
	if !p.Config.Stories.OnePerStory() {
		return nil
	}
	return plan.Stories
}

// loadOptions are the articles serve shows.
func (s *Server) loadOptions() pipeline.Options {
	return pipeline.Options{Drafts: s.opts.Drafts, Future: s.opts.Future}
}

// only is the part of a plan that an edit changed: the pages keep
// accepts and the feeds in the folders feeds lists. The search index is
// left out: making it reads every article (a quarter of a second at 10k),
// so the full build that follows writes it.
func only(p *pipeline.Plan, keep func(render.Job) bool, feeds []string) *pipeline.Plan {
	part := *p
	part.Pages, part.Feeds, part.Search = nil, feeds, false
	for _, j := range p.Pages {
		if keep(j) {
			part.Pages = append(part.Pages, j)
		}
	}
	return &part
}

// check builds the whole site the way build does and, if anything differs
// from what the quick rebuild made, serves the full build instead. It
// stops as soon as another change is queued, since its result would be
// stale.
func (s *Server) check(ctx context.Context) {
	if len(s.pending) > 0 {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	s.stopMu.Lock()
	s.stop = cancel
	s.stopMu.Unlock()
	defer func() {
		s.stopMu.Lock()
		s.stop = nil
		s.stopMu.Unlock()
		cancel()
	}()
	start := time.Now()
	old := s.site.Load()
	files, err := s.fullBuild(ctx)
	if ctx.Err() != nil {
		return // a newer change is queued, or the server stops
	}
	rep := Report{Full: true, Version: old.version}
	if err != nil {
		// The disk changed since the quick rebuild read it, and the change
		// queued next will be built; until then the error is shown.
		s.fail(ctx, old, rep, err, start)
		return
	}
	rep.Files, rep.Differed = len(files), differ(old.files, files, isIndex)
	rep.Indexed = differ(old.files, files, func(name string) bool { return !isIndex(name) }) > 0
	switch {
	case rep.Differed > 0:
		// The last plan is not what is served: the next build makes a new one.
		s.plan = nil
		next := s.swap(old, files, true, old.problems)
		rep.Version, rep.Reload = next.version, reloadKind(old, next)
	case rep.Indexed:
		// Only the index is new. Open pages need not hear of it: the
		// search page reads the index afresh, and reads the manifest
		// again when the files it named are gone.
		s.site.Store(&snapshot{files: files, built: true, version: old.version, page: old.page, problems: old.problems})
	}
	rep.Duration = time.Since(start)
	s.report(rep)
}

// fullBuild builds the whole site from disk, as build does, into memory.
func (s *Server) fullBuild(ctx context.Context) (map[string][]byte, error) {
	fsys := s.disk.fresh()
	p, err := pipeline.Open(ctx, fsys, s.url)
	if err != nil {
		return nil, err
	}
	loaded, err := s.parses.load(ctx, fsys, p.ContentOptions(s.loadOptions()), false)
	if err != nil {
		return nil, err
	}
	plan, err := p.Plan(p.Digest(loaded.Articles), p.Stories(loaded.Articles))
	if err != nil {
		return nil, err
	}
	mem := output.NewMemory()
	if _, err := p.Write(ctx, plan, fsys, mem, nil); err != nil {
		return nil, err
	}
	return mem.Files(), nil
}

// fail keeps the last good site and shows err with the problems over it.
// The next build renders every page, since this one may have read changes
// that it could not render.
func (s *Server) fail(ctx context.Context, old *snapshot, rep Report, err error, start time.Time) bool {
	if ctx.Err() != nil {
		return false // shutting down
	}
	s.plan = nil
	rep.Err = err
	next := &snapshot{files: old.files, built: old.built, version: old.version, page: old.page,
		problems: append(append([]string{}, rep.Problems...), err.Error())}
	s.site.Store(next)
	s.events.notify()
	rep.Version = next.version
	rep.Duration = time.Since(start)
	s.report(rep)
	return false
}

// swap serves files as the next version. Pages reload unless cssOK and
// the two sites differ in stylesheets alone.
func (s *Server) swap(old *snapshot, files map[string][]byte, cssOK bool, problems []string) *snapshot {
	next := &snapshot{files: files, built: true, version: old.version + 1, page: old.page, problems: problems}
	if !old.built || !cssOK || !onlyCSSDiffers(old.files, files) {
		next.page = next.version
	}
	s.site.Store(next)
	s.events.notify()
	return next
}

func (s *Server) report(rep Report) {
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(rep)
	}
}

func reloadKind(old, next *snapshot) string {
	switch {
	case next.page != old.page:
		return "page"
	case next.version != old.version:
		return "css"
	}
	return ""
}

// assemble makes the new site of a quick rebuild from the files just
// rendered and, for the pages and feeds not rendered, the files served
// before. Old pages and feeds that are not planned any more (an author's
// whose last article went) are gone (planned is nil when the pages are
// those of the last build); other old files (a deleted static file) stay
// until the full build replaces the site. A rebuild that rendered every
// page wrote the whole site and needs none of this.
func assemble(old, rendered map[string][]byte, planned map[string]bool) map[string][]byte {
	// Cloning copies the map's table whole, far faster than adding every
	// name to a new one.
	files := maps.Clone(old)
	if planned != nil {
		for name := range old {
			if !planned[name] && (strings.HasSuffix(name, ".html") || isFeed(name)) {
				delete(files, name)
			}
		}
	}
	maps.Copy(files, rendered)
	return files
}

// isFeed reports whether a site path is a feed file's.
func isFeed(name string) bool {
	base := path.Base(name)
	for _, f := range urls.FeedFiles {
		if base == f.Name {
			return true
		}
	}
	return false
}

// differ counts the files that are not the same in a and b, but those
// skip names.
func differ(a, b map[string][]byte, skip func(name string) bool) int {
	n := 0
	for name, data := range b {
		if prev, ok := a[name]; (!ok || !bytes.Equal(prev, data)) && !skip(name) {
			n++
		}
	}
	for name := range a {
		if _, ok := b[name]; !ok && !skip(name) {
			n++
		}
	}
	return n
}

// isIndex reports whether a file belongs to the search index, which the
// search page reads afresh: a change to it reloads no page.
func isIndex(name string) bool {
	return strings.HasPrefix(name, urls.Search) && name != urls.Search+"index.html"
}

// onlyCSSDiffers reports whether two sites differ in stylesheets and the
// search index alone.
func onlyCSSDiffers(old, new map[string][]byte) bool {
	quiet := func(name string) bool { return strings.HasSuffix(name, ".css") || isIndex(name) }
	for name, data := range new {
		if prev, ok := old[name]; (!ok || !bytes.Equal(prev, data)) && !quiet(name) {
			return false
		}
	}
	for name := range old {
		if _, ok := new[name]; !ok && !quiet(name) {
			return false
		}
	}
	return true
}
