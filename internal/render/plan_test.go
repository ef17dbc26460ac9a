package render

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/themes"
)

func TestPlanRendersWhatSiteRenders(t *testing.T) {
	site := fstest.MapFS{
		"content/business/grocers.md":  {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-06\ntags: [retail]\n---\nBody.\n")},
		"content/world/ports/index.md": {Data: []byte("---\ntitle: Ports\ndate: 2025-01-07\n---\n![map](map.png)\n")},
		"content/world/ports/map.png":  {Data: []byte("png")},
		"content/world/harbours.md":    {Data: []byte("---\ntitle: Harbours\ndate: 2025-02-01\n---\nBody.\n")},
		"static/extra.txt":             {Data: []byte("extra")},
	}
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := content.Load(context.Background(), site, content.Options{})
	if err != nil || len(loaded.Problems) > 0 {
		t.Fatalf("load: %v %v", err, loaded.Problems)
	}
	r, err := New(cfg, Layers(site, cfg.Theme, themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	d := digest.New(loaded.Articles, digest.Options{TopicOrder: cfg.Topics})

	want := output.NewMemory()
	if _, err := r.Site(context.Background(), d, site, want); err != nil {
		t.Fatal(err)
	}
	plan := r.Plan(d)
	got := output.NewMemory()
	st, err := plan.Render(context.Background(), site, got, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Files(), got.Files()); diff != "" {
		t.Errorf("plan rendered (-want +got):\n%s", diff)
	}
	if st.Pages != len(plan.Pages()) {
		t.Errorf("rendered %d pages, the plan has %d", st.Pages, len(plan.Pages()))
	}

	// Keeping only article pages writes those and the files besides pages.
	some := output.NewMemory()
	if _, err := plan.Render(context.Background(), site, some, func(p PlannedPage) bool { return p.Page.Kind == "article" }); err != nil {
		t.Fatal(err)
	}
	var gotNames []string
	for _, name := range some.Names() {
		if strings.HasSuffix(name, ".html") {
			gotNames = append(gotNames, name)
		}
	}
	wantNames := []string{"2025/01/06/grocers/index.html", "2025/01/07/ports/index.html", "2025/02/01/harbours/index.html"}
	if diff := cmp.Diff(wantNames, gotNames); diff != "" {
		t.Errorf("pages kept (-want +got):\n%s", diff)
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "2025/01/07/ports/map.png", "extra.txt"} {
		if _, ok := some.Files()[name]; !ok {
			t.Errorf("%s not written with the kept pages", name)
		}
	}
}

// TestReplacedRendersWhatSiteRenders edits a story in ways that move
// nothing and checks that the plan from Replaced renders what a new plan
// of a new digest renders, sitemap included.
func TestReplacedRendersWhatSiteRenders(t *testing.T) {
	site := fstest.MapFS{
		"content/world/ports.md":    {Data: []byte("---\ntitle: Ports\ndate: 2025-01-07T10:00:00Z\ntags: [sea]\n---\nBody.\n")},
		"content/world/harbours.md": {Data: []byte("---\ntitle: Harbours\ndate: 2025-01-08T10:00:00Z\ntags: [sea]\n---\nBody.\n")},
		"content/world/docks.md":    {Data: []byte("---\ntitle: Docks\ndate: 2025-01-06T10:00:00Z\n---\nBody.\n")},
		"content/business/a.md":     {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-07T12:00:00Z\ntags: [sea]\n---\nBody.\n")},
	}
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(a *content.Article)
	}{
		{"title and summary", func(a *content.Article) { a.Title, a.Summary = "Ports & quays", "All about quays." }},
		{"updated", func(a *content.Article) { a.Updated = a.Date.Add(48 * time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loaded, err := content.Load(context.Background(), site, content.Options{})
			if err != nil || len(loaded.Problems) > 0 {
				t.Fatalf("load: %v %v", err, loaded.Problems)
			}
			r, err := New(cfg, Layers(site, cfg.Theme, themes.Default()))
			if err != nil {
				t.Fatal(err)
			}
			plan := r.Plan(digest.New(loaded.Articles, digest.Options{}))
			if _, err := plan.Render(context.Background(), site, output.NewMemory(), nil); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(loaded.Articles, func(a *content.Article) bool { return a.Slug == "ports" })
			old := loaded.Articles[i]
			edited := *old
			tt.edit(&edited)
			if !plan.Digest().Replace(&edited) {
				t.Fatal("Replace refused an edit that moves nothing")
			}
			got := output.NewMemory()
			if _, err := plan.Replaced(old, &edited).Render(context.Background(), site, got, nil); err != nil {
				t.Fatal(err)
			}
			loaded.Articles[i] = &edited
			want := output.NewMemory()
			if _, err := r.Site(context.Background(), digest.New(loaded.Articles, digest.Options{}), site, want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Files(), got.Files()); diff != "" {
				t.Errorf("replaced plan rendered (-want +got):\n%s", diff)
			}
		})
	}
}
