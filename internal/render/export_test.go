package render

import (
	"context"
	"errors"
	"fmt"
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

// Uncompiled lists the page templates that tmplrun could not compile and
// that always run by html/template, with the reason. A template left to
// html/template because the machine was too busy to escape it within
// compileBudget is not listed: that is load, not the template.
func (r *Renderer) Uncompiled() []string {
	var out []string
	for page := range r.tmpl.pages {
		if err := r.tmpl.notCompiled[page]; r.tmpl.fast[page] == nil && !errors.Is(err, errCompileBudget) {
			out = append(out, fmt.Sprintf("%s: %v", page, err))
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
