package render

import (
	"context"
	"io/fs"
	"slices"
	"time"

	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
)

// SetCompiled switches the renderer's compiled template programs on or off.
func SetCompiled(r *Renderer, on bool) { r.tmpl.compiled = on }

// HandedBack counts what compiled programs gave back to html/template.
func (r *Renderer) HandedBack() int64 { return r.tmpl.handedBack.Load() }

// Uncompiled lists the page templates that have no compiled program and
// always run by html/template.
func (r *Renderer) Uncompiled() []string {
	var out []string
	for page := range r.tmpl.pages {
		if r.tmpl.fast[page] == nil {
			out = append(out, page)
		}
	}
	slices.Sort(out)
	return out
}

// Site renders every page of d and copies the files they use into sink,
// as a build does, for tests of the pages alone.
func (r *Renderer) Site(ctx context.Context, d *digest.Digest, site fs.FS, sink output.Sink) (int, error) {
	jobs := r.Jobs(d, nil)
	if err := r.Render(ctx, jobs, sink, nil); err != nil {
		return 0, err
	}
	n, _, err := r.Files(d, site, sink)
	return len(jobs) + n, err
}

// SetBudget changes how long a page may take to render.
func SetBudget(r *Renderer, d time.Duration) { r.budget = d }
