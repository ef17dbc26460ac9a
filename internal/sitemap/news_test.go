package sitemap

import (
	"encoding/xml"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// newsSet is news-sitemap.xml read back with encoding/xml, by namespace.
type newsSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc  string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		News struct {
			Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
			Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
			Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
			Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func readNews(t *testing.T, f File) newsSet {
	t.Helper()
	if f.Name != "news-sitemap.xml" {
		t.Errorf("name %q", f.Name)
	}
	var set newsSet
	if err := xml.Unmarshal(f.Data, &set); err != nil {
		t.Fatalf("%v\n%s", err, f.Data)
	}
	return set
}

// TestNewsSitemap: the last two days' articles up to the newest, newest
// first, each with the publication, a W3C date and the title, escaped.
func TestNewsSitemap(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	newest := time.Date(2026, 12, 7, 9, 30, 0, 0, paris)
	var articles []*content.Article
	for i, age := range []time.Duration{0, 5 * time.Hour, 47 * time.Hour, 48 * time.Hour, 49 * time.Hour, 30 * 24 * time.Hour} {
		at := newest.Add(-age)
		articles = append(articles, &content.Article{File: fmt.Sprintf("content/city/%d.md", i), Slug: fmt.Sprintf("story-%d", i),
			Title: fmt.Sprintf("Story %d: rates & <fees>", i), Topic: "City", TopicSlug: "city", Date: at, Updated: at})
	}
	d := digest.New(articles, digest.Options{})
	set := readNews(t, News(d, Publication{Name: "The Ledger & Post", Language: "fr-CA"}, urls.New("https://example.org/news/")))
	var titles []string
	for _, u := range set.URLs {
		titles = append(titles, u.News.Title)
		if u.News.Name != "The Ledger & Post" || u.News.Language != "fr" {
			t.Errorf("publication %q in %q", u.News.Name, u.News.Language)
		}
		if _, err := time.Parse(time.RFC3339, u.News.Date); err != nil {
			t.Errorf("publication_date %q: %v", u.News.Date, err)
		}
	}
	want := []string{"Story 0: rates & <fees>", "Story 1: rates & <fees>", "Story 2: rates & <fees>", "Story 3: rates & <fees>"}
	if !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if set.URLs[0].Loc != "https://example.org/news/2026/12/07/story-0/" || set.URLs[0].News.Date != "2026-12-07T09:30:00+01:00" {
		t.Errorf("first entry %+v", set.URLs[0])
	}
}

// TestNewsSitemapLimits: at most 1,000 articles, the newest; an empty
// site gives an empty list, still a valid file.
func TestNewsSitemapLimits(t *testing.T) {
	start := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	var articles []*content.Article
	for i := range 1500 {
		at := start.Add(-time.Duration(i) * time.Minute)
		articles = append(articles, &content.Article{File: fmt.Sprintf("content/w/%d.md", i), Slug: fmt.Sprintf("s%d", i),
			Title: fmt.Sprint(i), Topic: "W", TopicSlug: "w", Date: at, Updated: at})
	}
	u := urls.New("https://example.org/")
	set := readNews(t, News(digest.New(articles, digest.Options{}), Publication{Name: "N", Language: "en"}, u))
	if len(set.URLs) != 1000 || set.URLs[999].News.Title != "999" {
		t.Errorf("%d entries, the last %q; want the newest 1,000", len(set.URLs), set.URLs[len(set.URLs)-1].News.Title)
	}
	if empty := readNews(t, News(digest.New(nil, digest.Options{}), Publication{Name: "N", Language: "en"}, u)); len(empty.URLs) != 0 {
		t.Errorf("an empty site lists %d", len(empty.URLs))
	}
}

func TestNewsLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en-GB": "en", "FR_ca": "fr", "pt-BR": "pt", "haw": "haw",
		"zh": "zh-cn", "zh-CN": "zh-cn", "zh-Hans": "zh-cn", "zh-Hant": "zh-tw", "zh-TW": "zh-tw", "zh-Hant-HK": "zh-tw",
	} {
		if got := NewsLanguage(in); got != want {
			t.Errorf("NewsLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRobotsNamesBothSitemaps(t *testing.T) {
	got := string(Robots(urls.New("https://example.org/news/")))
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\nSitemap: https://example.org/news/news-sitemap.xml\n"
	if got != want {
		t.Errorf("robots.txt %q, want %q", got, want)
	}
}
