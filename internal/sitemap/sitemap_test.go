package sitemap

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// TestSitemapLastMod: a list page changed when any of its stories last
// changed, which need not be its newest story.
func TestSitemapLastMod(t *testing.T) {
	day := func(h int) time.Time { return time.Date(2025, 3, 4, h, 0, 0, 0, time.UTC) }
	older := &content.Article{File: "content/world/a.md", Title: "A", Slug: "a", Topic: "World", TopicSlug: "world", Date: day(8), Updated: day(20)}
	newer := &content.Article{File: "content/world/b.md", Title: "B", Slug: "b", Topic: "World", TopicSlug: "world", Date: day(10), Updated: day(10)}
	cfg := config.Default()
	sm := string(Site(digest.New([]*content.Article{older, newer}, digest.Options{}), nil, urls.New(cfg.BaseURL)))
	for _, page := range []string{"", "2025/03/04/", "2025/03/", "2025/", "topics/world/"} {
		want := "<loc>" + cfg.BaseURL + page + "</loc>\n    <lastmod>2025-03-04T20:00:00Z</lastmod>"
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %q:\n%s", want, sm)
		}
	}
}

// TestSitemapBytes: the hand-written sitemap is what encoding/xml writes
// for the same entries, escapes and lastmod times included.
func TestSitemapBytes(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	articles := []*content.Article{
		{File: "content/a.md", Slug: "plain", Topic: "World", TopicSlug: "world", Tags: []string{"x"}, Date: at(4, 8), Updated: at(4, 8)},
		{File: "content/b.md", Slug: "çay-&-<tea>", Topic: "Ça", TopicSlug: "ça", Tags: []string{"a\"b'c"}, Date: at(5, 9), Updated: at(6, 1)},
		{File: "content/c.md", Slug: "tab\tline\nfeed\r", Topic: "World", TopicSlug: "world", Date: at(5, 7)},
	}
	d := digest.New(articles, digest.Options{})
	cfg := config.Default()
	got := Site(d, nil, urls.New(cfg.BaseURL))
	type entry struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []entry  `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	// The entries, read back from what was written, give the reference.
	if err := xml.Unmarshal(got, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.URLs) < 10 {
		t.Fatalf("sitemap has %d entries:\n%s", len(set.URLs), got)
	}
	want, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(xml.Header+string(want)+"\n", string(got)); diff != "" {
		t.Errorf("sitemap (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(got), "<loc>"+cfg.BaseURL+"2025/03/05/%C3%A7ay") && !strings.Contains(string(got), "çay-&amp;-&lt;tea&gt;") {
		t.Errorf("sitemap lacks the escaped article URL:\n%s", got)
	}
}
