package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// TestStaticFiles checks which static file wins when several layers have
// one of the same name, and that hidden files and repositories are never
// published while .well-known is.
func TestStaticFiles(t *testing.T) {
	site := fstest.MapFS{
		"static/style.css":                 {Data: []byte("site css")},
		"static/img/logo.svg":              {Data: []byte("site logo")},
		"static/.DS_Store":                 {Data: []byte("hidden")},
		"static/notes.txt~":                {Data: []byte("editor backup")},
		"static/.well-known/security.txt":  {Data: []byte("contact")},
		"static/.git/HEAD":                 {Data: []byte("hidden")},
		"themes/paper/templates/.keep":     {Data: []byte("")},
		"themes/paper/static/style.css":    {Data: []byte("theme css")},
		"themes/paper/static/print.css":    {Data: []byte("theme print")},
		"themes/paper/static/.git/config":  {Data: []byte("hidden")},
		"themes/paper/static/fonts/a.woff": {Data: []byte("font")},
	}
	cfg := config.Default()
	r, err := New(context.Background(), cfg, urls.New(cfg.BaseURL), Layers(site, "paper", themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := r.Site(context.Background(), digest.New(nil, digest.Options{}), site, mem); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for name, data := range mem.Files() {
		if !strings.HasSuffix(name, ".html") && name != "sitemap.xml" && name != "robots.txt" {
			got[name] = string(data)
		}
	}
	want := map[string]string{
		"style.css":    "site css",
		"img/logo.svg": "site logo",
		"print.css":    "theme print",
		"fonts/a.woff": "font",

		".well-known/security.txt": "contact",
	}
	// The default theme's own static files come last and fill the gaps.
	for name := range got {
		if _, ok := want[name]; !ok {
			if _, err := themes.Default().Open("static/" + name); err != nil {
				t.Errorf("published %s, which no layer should give", name)
			}
			delete(got, name)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("static files (-want +got):\n%s", diff)
	}
}
