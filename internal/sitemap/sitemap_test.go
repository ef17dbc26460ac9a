package sitemap

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// TestSitemapLastMod: a list page changed when any of its stories last
// changed, which need not be its newest story.
func TestSitemapLastMod(t *testing.T) {
	day := func(h int) time.Time { return time.Date(2025, 3, 4, h, 0, 0, 0, time.UTC) }
	older := &content.Article{File: "content/world/a.md", Title: "A", Slug: "a", Topic: "World", TopicSlug: "world", Date: day(8), Updated: day(20)}
	newer := &content.Article{File: "content/world/b.md", Title: "B", Slug: "b", Topic: "World", TopicSlug: "world", Date: day(10), Updated: day(10)}
	cfg := config.Default()
	sm := string(site(digest.New([]*content.Article{older, newer}, digest.Options{}), nil, urls.New(cfg.BaseURL)))
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
	got := site(d, nil, urls.New(cfg.BaseURL))
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

// site is the one file of a small site's sitemap.
func site(d *digest.Digest, s *stories.Set, u urls.URLs) []byte {
	files := Files(d, s, u)
	if len(files) != 1 || files[0].Name != "sitemap.xml" {
		panic("a small site has one sitemap.xml")
	}
	return files[0].Data
}

// TestSitemapIndex: past 50,000 URLs the sitemap is an index of parts,
// none over the limit, which list every page once between them.
func TestSitemapIndex(t *testing.T) {
	start := time.Date(2020, 1, 1, 8, 0, 0, 0, time.UTC)
	var articles []*content.Article
	for i := range 50000 {
		at := start.Add(time.Duration(i) * time.Hour)
		articles = append(articles, &content.Article{File: fmt.Sprintf("content/%d.md", i), Slug: fmt.Sprintf("s%d", i), Topic: "World", TopicSlug: "world", Date: at, Updated: at})
	}
	d := digest.New(articles, digest.Options{})
	u := urls.New("https://example.org/news/")
	files := Files(d, nil, u)
	if len(files) != 3 || files[0].Name != "sitemap.xml" || files[1].Name != "sitemap-1.xml" || files[2].Name != "sitemap-2.xml" {
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		t.Fatalf("files %v, want sitemap.xml as the index of two parts", names)
	}
	var idx struct {
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files[0].Data, &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Sitemaps) != 2 || idx.Sitemaps[1].Loc != "https://example.org/news/sitemap-2.xml" || idx.Sitemaps[0].LastMod == "" {
		t.Errorf("index %+v", idx.Sitemaps)
	}
	seen := map[string]bool{}
	for _, f := range files[1:] {
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(f.Data, &set); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(set.URLs) > 50000 {
			t.Errorf("%s has %d URLs", f.Name, len(set.URLs))
		}
		for _, e := range set.URLs {
			if seen[e.Loc] {
				t.Errorf("%s listed twice", e.Loc)
			}
			seen[e.Loc] = true
		}
	}
	if want := len(entries(d, nil)); len(seen) != want || want <= 50000 {
		t.Errorf("the parts list %d pages, want all %d (over 50,000)", len(seen), want)
	}
}
