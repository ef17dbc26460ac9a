package serve

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
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
	if b.all || b.config {
		// The config decides how articles parse (time zone, raw HTML).
		s.cache = content.NewParseCache()
	}
	if b.all {
		s.disk.reset()
	} else {
		s.disk.forget(b.paths)
		s.cache.Forget(b.paths)
	}
	parses := s.cache.Parses()
	rep := Report{}
	site, err := build.LoadSite(s.disk.cached(), s.url)
	if err != nil {
		return s.fail(ctx, old, rep, err, start)
	}
	var plan *render.Plan
	all := func(string) bool { return true }
	feeds := all
	var planned map[string]bool // every page of the new site; nil when the last plan's
	// Every change was forgotten above, so the articles the cache holds
	// are what is on disk: only the changed files are read.
	opts := build.Options{Drafts: s.opts.Drafts, Future: s.opts.Future, Parsed: s.cache.Trusting()}
	if !full {
		// No template, theme or config changed: the templates need no parse.
		r := s.plan.Renderer()
		opts.Renderer = func() (*render.Renderer, error) { return r, nil }
	}
	opts.Plan = func(r *render.Renderer, articles []*content.Article) (*render.Plan, func(render.PlannedPage) bool, error) {
		changed := s.cache.Changed()
		var last *digest.Digest
		if !full {
			last = s.plan.Digest()
			plan = edited(s.plan, articles, changed)
			rep.Kept = plan != nil
		}
		if plan == nil {
			plan = r.Plan(digest.New(articles, digest.Options{TopicOrder: site.Config.Topics}))
			planned = make(map[string]bool, len(old.files))
		}
		next := plan.Digest()
		var keep func(render.PlannedPage) bool
		if !full && sameFrame(last, next) {
			served := old.files
			if rep.Kept {
				served = nil // every page of the last plan is served
			}
			keep = affected(last, next, changed, served)
			feeds = feedsTouched(last, next, changed, site.Config.Feeds.Items)
			rep.Quick = true
		}
		return plan, func(p render.PlannedPage) bool {
			if planned != nil {
				planned[p.Out] = true
			}
			return keep == nil || keep(p)
		}, nil
	}
	opts.Feeds = func(*digest.Digest) func(string) bool { return feeds }
	mem := output.NewMemory()
	res, _, err := build.Render(ctx, site, opts, func() (build.Sink, error) { return mem, nil })
	if res != nil {
		rep.Reparsed = s.cache.Parses() - parses
		for _, p := range res.Problems {
			rep.Problems = append(rep.Problems, p.Error())
		}
	}
	if err != nil && !errors.Is(err, build.ErrProblems) {
		return s.fail(ctx, old, rep, err, start)
	}
	files := mem.Files()
	if rep.Quick {
		files = assemble(old.files, files, planned)
	}
	s.plan = plan
	next := s.swap(old, files, b.onlyCSS(), rep.Problems)
	rep.Version, rep.Reload = next.version, reloadKind(old, next)
	rep.Articles, rep.Pages, rep.Files = res.Articles, res.Pages, len(files)
	rep.Duration = time.Since(start)
	s.report(rep)
	return true
}

// edited returns the last plan, updated, for a change to one file that
// leaves every story where it was (a new title or text): the common edit,
// for which making the digest and the list of pages again would cost more
// than rendering the pages it shows on. It returns nil when they must be
// made anew. articles are sorted by file, as content.Load returns them;
// every one but the changed file's is the one the last build had, since
// they come from the same cache.
func edited(last *render.Plan, articles []*content.Article, changed map[string]bool) *render.Plan {
	d := last.Digest()
	if len(changed) > 1 || len(articles) != len(d.Articles) {
		return nil
	}
	if len(changed) == 0 {
		return last // a file saved unchanged, or not an article
	}
	for file := range changed {
		was := slices.IndexFunc(d.Articles, func(a *content.Article) bool { return a.File == file })
		i, now := slices.BinarySearchFunc(articles, file, func(a *content.Article, f string) int { return strings.Compare(a.File, f) })
		switch {
		case was < 0 && !now:
			// Not published before or after (a draft, a bad article):
			// every page stays as it was.
			return last
		case was >= 0 && now:
			if old := d.Articles[was]; d.Replace(articles[i]) {
				return last.Replaced(old, articles[i])
			}
		}
	}
	return nil
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
	site, err := build.LoadSite(s.disk.fresh(), s.url)
	if err != nil {
		return // the next change shows the error
	}
	mem := output.NewMemory()
	_, _, err = build.Render(ctx, site, build.Options{Drafts: s.opts.Drafts, Future: s.opts.Future, Parsed: s.cache},
		func() (build.Sink, error) { return mem, nil })
	if ctx.Err() != nil || (err != nil && !errors.Is(err, build.ErrProblems)) {
		return
	}
	old := s.site.Load()
	files := mem.Files()
	rep := Report{Full: true, Version: old.version, Files: len(files), Differed: differ(old.files, files)}
	if rep.Differed > 0 {
		// The last plan is not what is served: the next build makes a new one.
		s.plan = nil
		next := s.swap(old, files, true, old.problems)
		rep.Version, rep.Reload = next.version, reloadKind(old, next)
	}
	rep.Duration = time.Since(start)
	s.report(rep)
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
// rendered and, for the pages not rendered, the files served before. Old
// pages that are not planned any more are gone (planned is nil when the
// pages are those of the last build); other old files (the feeds, when
// left out, and a deleted static file) stay until the full build replaces
// the site. A rebuild that rendered every page wrote the whole site and
// needs none of this.
func assemble(old, rendered map[string][]byte, planned map[string]bool) map[string][]byte {
	// Cloning copies the map's table whole, far faster than adding every
	// name to a new one.
	files := maps.Clone(old)
	if planned != nil {
		for name := range old {
			if !planned[name] && strings.HasSuffix(name, ".html") {
				delete(files, name)
			}
		}
	}
	maps.Copy(files, rendered)
	return files
}

// differ counts the files that are not the same in a and b.
func differ(a, b map[string][]byte) int {
	n := 0
	for name, data := range b {
		if prev, ok := a[name]; !ok || !bytes.Equal(prev, data) {
			n++
		}
	}
	for name := range a {
		if _, ok := b[name]; !ok {
			n++
		}
	}
	return n
}

// onlyCSSDiffers reports whether two sites differ in stylesheets alone.
func onlyCSSDiffers(old, new map[string][]byte) bool {
	for name, data := range new {
		if prev, ok := old[name]; (!ok || !bytes.Equal(prev, data)) && !strings.HasSuffix(name, ".css") {
			return false
		}
	}
	for name := range old {
		if _, ok := new[name]; !ok && !strings.HasSuffix(name, ".css") {
			return false
		}
	}
	return true
}
