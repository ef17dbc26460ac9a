package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// renderWith renders an empty site whose 404 page is page, with the
// partials given, and the page budget given.
func renderWith(ctx context.Context, t *testing.T, page string, partials map[string]string, budget time.Duration, params map[string]any) error {
	t.Helper()
	site := fstest.MapFS{"templates/404.html": {Data: []byte(`{{define "main"}}` + page + `{{end}}`)}}
	for name, src := range partials {
		site["templates/partials/"+name+".html"] = &fstest.MapFile{Data: []byte(src)}
	}
	cfg := config.Default()
	r, err := New(ctx, cfg, urls.New(cfg.BaseURL), Layers(site, cfg.Theme, themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	SetBudget(r, budget)
	jobs := r.Jobs(digest.New(nil, digest.Options{}), nil)
	jobs[0].Page.Site.Params = params
	return r.Render(ctx, jobs, output.NewMemory(), nil)
}

// A partialCached that calls itself is a template error naming it, not
// a stack overflow that kills the process; so is one that calls itself
// through another, with a key that changes at every call.
func TestPartialDepth(t *testing.T) {
	tests := []struct {
		name     string
		partials map[string]string
		want     string
	}{
		{"itself", map[string]string{"r": `{{define "r"}}{{partialCached "r" .}}{{end}}`}, `partialCached "r": partials called inside one another more than 100 deep`},
		{"through another, key changing", map[string]string{
			"a": `{{define "a"}}<a>{{partialCached "b" . (add . 1)}}{{end}}`,
			"b": `{{define "b"}}<b>{{partialCached "a" (add . 1)}}{{end}}`,
		}, `more than 100 deep`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := "r"
			if _, ok := tt.partials["a"]; ok {
				first = "a"
			}
			start := time.Now()
			page := `{{partialCached "` + first + `" 0}}`
			if first == "r" {
				page = `{{partialCached "r" .}}`
			}
			err := renderWith(context.Background(), t, page, tt.partials, PageBudget, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render = %v, want an error with %q", err, tt.want)
			}
			if strings.Count(err.Error(), "partialCached") > 3 {
				t.Errorf("the error repeats itself once per level:\n%.500s", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// A partial may call itself to a depth the data bounds, as a tree does.
func TestPartialRecursionBoundedByData(t *testing.T) {
	partials := map[string]string{"down": `{{define "down"}}{{if lt . 20}}<i>{{partialCached "down" (add . 1)}}</i>{{end}}{{end}}`}
	if err := renderWith(context.Background(), t, `{{partialCached "down" 0}}`, partials, PageBudget, nil); err != nil {
		t.Fatal(err)
	}
}

// A page that loops for ever fails once it has had its budget, naming
// the page, and a cancelled render returns within a moment: in a
// compiled program (count from the data) and in html/template (a
// literal count, which the compiler's escaping run cannot finish).
func TestPageBudget(t *testing.T) {
	huge := map[string]any{"loop": 9223372036854775807}
	pages := map[string]string{
		"from data":    `{{range .Site.Params.loop}}{{end}}`,
		"writing":      `{{range $i := .Site.Params.loop}}{{$i}}{{end}}`,
		"literal":      `{{range 9223372036854775807}}{{end}}`,
		"in a partial": `{{partialCached "loop" .Site.Params.loop}}`,
	}
	partials := map[string]string{"loop": `{{define "loop"}}{{range .}}{{end}}{{end}}`}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			err := renderWith(context.Background(), t, page, partials, 300*time.Millisecond, huge)
			if err == nil || !strings.Contains(err.Error(), "rendering /404.html: took longer than 300ms") {
				t.Errorf("Render = %v, want the page named as too slow", err)
			}
			if d := time.Since(start); d > 4*time.Second {
				t.Errorf("returned after %v", d)
			}
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(1500*time.Millisecond, cancel)
			start = time.Now()
			err = renderWith(ctx, t, page, partials, PageBudget, huge)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled Render = %v, want context.Canceled", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("cancelled Render returned after %v", d)
			}
		})
	}
}
