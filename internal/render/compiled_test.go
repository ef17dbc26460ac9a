package render_test

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// The compiled template programs (package tmplrun) write every page of a
// site byte for byte as html/template does, and run the whole default
// theme themselves: none of its pages or partials is handed back.
func TestCompiledTemplatesMatchHTMLTemplate(t *testing.T) {
	sample, err := fs.Sub(os.DirFS("../.."), ".")
	if err != nil {
		t.Fatal(err)
	}
	articles := 400
	if testing.Short() {
		// Still five days and every kind of page, paginated lists too.
		articles = 150
	}
	sites := []struct {
		name string
		fsys fs.FS
		cfg  func() *config.Config
	}{
		{"corpus", corpus.FS(corpus.Options{Seed: 5, Articles: articles}), config.Default},
		{"sample site", sample, func() *config.Config {
			cfg, err := config.Load(sample)
			if err != nil {
				t.Fatal(err)
			}
			return cfg
		}},
		{"site templates", overrides(corpus.FS(corpus.Options{Seed: 6, Articles: 60})), config.Default},
	}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			cfg := site.cfg()
			res, err := content.Load(context.Background(), site.fsys, content.Options{Location: cfg.Location, Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			d := digest.New(res.Articles, digest.Options{TopicOrder: cfg.Topics})
			render1 := func(compiled bool) (map[string][]byte, int64) {
				r, err := render.New(context.Background(), cfg, urls.New(cfg.BaseURL), render.Layers(site.fsys, cfg.Theme, themes.Default()))
				if err != nil {
					t.Fatal(err)
				}
				render.SetCompiled(r, compiled)
				// A page template tmplrun cannot compile runs by
				// html/template on every page of its kind: the default
				// theme must have none.
				if un := r.Uncompiled(); compiled && site.name != "site templates" && len(un) > 0 {
					t.Errorf("page templates run by html/template: %v", un)
				}
				sink := output.NewMemory()
				if _, err := r.Site(context.Background(), d, site.fsys, sink); err != nil {
					t.Fatal(err)
				}
				return sink.Files(), r.HandedBack()
			}
			want, _ := render1(false)
			got, handedBack := render1(true)
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			bad := 0
			for name, w := range want {
				if diff := cmp.Diff(string(w), string(got[name])); diff != "" && bad < 3 {
					bad++
					t.Errorf("%s (-html/template +compiled):\n%s", name, diff)
				}
			}
			if site.name != "site templates" && handedBack != 0 {
				t.Errorf("%d pages or partials handed back to html/template, want none", handedBack)
			}
		})
	}
}

// overrides adds site templates that the compiled programs do not run
// (a script, a map range), and one they do, which calls a template that
// ends in an attribute. (The footer is cached per kind of page, so it
// shows nothing of one page.)
func overrides(fsys fstest.MapFS) fstest.MapFS {
	fsys["templates/tag.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<script>var tag = {{.Title}};</script>{{range $k, $v := .Site.Params}}{{$k}}{{end}}{{template "storylist" .Articles}}{{end}}`)}
	// "archive-open" ends inside an attribute: valid only where it is
	// called, never as a template of its own.
	fsys["templates/partials/footer.html"] = &fstest.MapFile{Data: []byte(`{{define "archive-open"}}<a class="x" href="{{.}}{{end}}` +
		`{{define "footer"}}<footer><a href="{{url "tags/"}}" title="{{.Site.Title}}">Tags</a> {{len .Site.Articles}} {{template "archive-open" "/archive/"}}">Archive</a></footer>{{end}}`)}
	return fsys
}
