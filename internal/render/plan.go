package render

import (
	"context"
	"io/fs"
	"slices"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
)

// Plan is the list of a site's pages before any is rendered, for a caller
// that knows what changed since the last render (serve) and renders only
// the pages that show it. Rendering every page of a plan writes the same
// files as Site.
type Plan struct {
	r    *Renderer
	d    *digest.Digest
	jobs []job
	// sitemap is what the last Render wrote as sitemap.xml, written again
	// as is by a plan from Replaced when no URL or time in it changed.
	sitemap []byte
}

// PlannedPage is one page of a plan.
type PlannedPage struct {
	Out  string // output file, e.g. "2025/01/06/grocers/index.html"
	Page *Page
}

// Plan lists the pages of d.
func (r *Renderer) Plan(d *digest.Digest) *Plan {
	return &Plan{r: r, d: d, jobs: r.jobs(r.siteData(d), d)}
}

// Renderer returns the renderer the plan renders with.
func (p *Plan) Renderer() *Renderer { return p.r }

// Digest returns the digest whose pages the plan lists.
func (p *Plan) Digest() *digest.Digest { return p.d }

// Replaced returns the plan of p's digest after its Replace put a in the
// place of old (an edit that moved no story): the same pages, where those
// that hold the story itself, its own and its neighbours' in its topic,
// are made again. Every other page shows lists of the digest, which
// Replace changed in place. p is left as it was.
func (p *Plan) Replaced(old, a *content.Article) *Plan {
	next := &Plan{r: p.r, d: p.d, jobs: slices.Clone(p.jobs)}
	if a.Updated.Equal(old.Updated) && a.Updated.Location() == old.Updated.Location() {
		next.sitemap = p.sitemap
	}
	for i, j := range next.jobs {
		pg := j.page
		if pg.Article != old && pg.Prev != old && pg.Next != old {
			continue
		}
		copied := *pg
		if pg.Article == old {
			// What jobs takes from the story for its own page.
			copied.Article, copied.Title, copied.Description = a, a.Title, a.Summary
		}
		if pg.Prev == old {
			copied.Prev = a
		}
		if pg.Next == old {
			copied.Next = a
		}
		next.jobs[i].page = &copied
	}
	return next
}

// Pages returns every page of the plan, in render order.
func (p *Plan) Pages() []PlannedPage {
	out := make([]PlannedPage, len(p.jobs))
	for i, j := range p.jobs {
		out[i] = PlannedPage{Out: j.out, Page: j.page}
	}
	return out
}

// Render writes into sink the pages that keep accepts (all when keep is
// nil), then every file Site writes besides pages: sitemap, robots.txt,
// bundle assets and static files.
func (p *Plan) Render(ctx context.Context, site fs.FS, sink output.Sink, keep func(PlannedPage) bool) (Stats, error) {
	jobs := p.jobs
	if keep != nil {
		jobs = nil
		for _, j := range p.jobs {
			if keep(PlannedPage{Out: j.out, Page: j.page}) {
				jobs = append(jobs, j)
			}
		}
	}
	var st Stats
	if err := p.r.run(ctx, jobs, sink); err != nil {
		return st, err
	}
	st.Pages, st.Files = len(jobs), len(jobs)
	extra, sitemap, err := p.r.extrasWith(p.d, site, sink, p.sitemap)
	p.sitemap = sitemap
	st.Files += extra
	return st, err
}
