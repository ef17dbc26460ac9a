package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/themes"
)

// TestSitemapLastMod: a list page changed when any of its stories last
// changed, which need not be its newest story.
func TestSitemapLastMod(t *testing.T) {
	day := func(h int) time.Time { return time.Date(2025, 3, 4, h, 0, 0, 0, time.UTC) }
	older := &content.Article{File: "content/world/a.md", Title: "A", Slug: "a", Topic: "World", TopicSlug: "world", Date: day(8), Updated: day(20)}
	newer := &content.Article{File: "content/world/b.md", Title: "B", Slug: "b", Topic: "World", TopicSlug: "world", Date: day(10), Updated: day(10)}
	cfg := config.Default()
	r, err := New(cfg, Layers(fstest.MapFS{}, "default", themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := r.Site(context.Background(), digest.New([]*content.Article{older, newer}, digest.Options{}), fstest.MapFS{}, mem); err != nil {
		t.Fatal(err)
	}
	sm := string(mem.Files()["sitemap.xml"])
	for _, page := range []string{"", "2025/03/04/", "2025/03/", "2025/", "topics/world/"} {
		want := "<loc>" + cfg.BaseURL + page + "</loc>\n    <lastmod>2025-03-04T20:00:00Z</lastmod>"
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %q:\n%s", want, sm)
		}
	}
}
