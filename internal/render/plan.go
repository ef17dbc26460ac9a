package render

import (
	"context"
	"io/fs"

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
	extra, err := p.r.extras(p.d, site, sink)
	st.Files += extra
	return st, err
}
