package serve

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// TestReplacedWritesWhatANewPlanWrites edits a story in ways that move
// nothing and checks that the plan from replaced writes what a new plan
// of a new digest writes, sitemap included.
func TestReplacedWritesWhatANewPlanWrites(t *testing.T) {
	site := fstest.MapFS{
		"content/world/ports.md":    {Data: []byte("---\ntitle: Ports\ndate: 2025-01-07T10:00:00Z\ntags: [sea]\n---\nBody.\n")},
		"content/world/harbours.md": {Data: []byte("---\ntitle: Harbours\ndate: 2025-01-08T10:00:00Z\ntags: [sea]\n---\nBody.\n")},
		"content/world/docks.md":    {Data: []byte("---\ntitle: Docks\ndate: 2025-01-06T10:00:00Z\n---\nBody.\n")},
		"content/business/a.md":     {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-07T12:00:00Z\ntags: [sea]\n---\nBody.\n")},
	}
	ctx := context.Background()
	tests := []struct {
		name string
		edit func(a *content.Article)
	}{
		{"title and summary", func(a *content.Article) { a.Title, a.Summary = "Ports & quays", "All about quays." }},
		{"updated", func(a *content.Article) { a.Updated = a.Date.Add(48 * time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pipeline.Open(ctx, site, "")
			if err != nil {
				t.Fatal(err)
			}
			loaded, err := p.Load(ctx, site, pipeline.Options{})
			if err != nil || len(loaded.Problems) > 0 {
				t.Fatalf("load: %v %v", err, loaded.Problems)
			}
			plan, err := p.Plan(p.Digest(loaded.Articles), p.Stories(loaded.Articles))
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(loaded.Articles, func(a *content.Article) bool { return a.Slug == "ports" })
			old := loaded.Articles[i]
			edited := *old
			tt.edit(&edited)
			if !replace(plan.Digest, &edited) {
				t.Fatal("replace refused an edit that moves nothing")
			}
			got := output.NewMemory()
			if _, err := p.Write(ctx, replaced(plan, p, old, &edited), site, got, nil); err != nil {
				t.Fatal(err)
			}
			loaded.Articles[i] = &edited
			fresh, err := p.Plan(p.Digest(loaded.Articles), p.Stories(loaded.Articles))
			if err != nil {
				t.Fatal(err)
			}
			want := output.NewMemory()
			if _, err := p.Write(ctx, fresh, site, want, nil); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Files(), got.Files()); diff != "" {
				t.Errorf("replaced plan wrote (-want +got):\n%s", diff)
			}
		})
	}
}
