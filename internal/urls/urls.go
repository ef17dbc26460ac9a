// Package urls is the site's URL scheme, in one place: the site path of
// every kind of page and feed, and the links to them under the base URL.
// Every page links with root-relative URLs that carry the base URL's path
// ("/news/2025/01/06/"), so the site works when served from a sub-path;
// feeds, sitemaps and canonical links use absolute URLs. A URLs is made
// once from the config and shared by every stage that links.
package urls

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
)

// URLs turns site paths into links under one base URL.
type URLs struct {
	base   string // "https://host/news/"
	prefix string // "/news/"
}

// New returns the links for a base URL, which must end in a slash.
func New(baseURL string) URLs {
	u, err := url.Parse(baseURL)
	prefix := "/"
	if err == nil && u.Path != "" {
		prefix = u.EscapedPath()
	}
	return URLs{base: baseURL, prefix: prefix}
}

// Base is the site's absolute base URL.
func (u URLs) Base() string { return u.base }

// BasePath is the base URL's path, "/" or "/news/": what root-relative
// links start with.
func (u URLs) BasePath() string { return u.prefix }

// Rel is the root-relative link to a site path: "2025/" → "/news/2025/".
func (u URLs) Rel(p string) string { return u.prefix + strings.TrimPrefix(p, "/") }

// Abs is the absolute link to a site path.
func (u URLs) Abs(p string) string { return u.base + strings.TrimPrefix(p, "/") }

// Site paths of the pages of each kind, relative to the site root. Every
// page is a folder with an index.html, so paths end in a slash.

// Article is an article's page: "2025/01/06/grocers/".
func Article(a *content.Article) string { return a.Path() }

// Edition is a daily edition's page: "2025/01/06/".
func Edition(e *digest.Edition) string { return e.Day.Path() }

// Month is a month's archive: "2025/01/".
func Month(m *digest.Month) string { return fmt.Sprintf("%04d/%02d/", m.Year, int(m.Month)) }

// Year is a year's archive: "2025/".
func Year(y *digest.Year) string { return fmt.Sprintf("%04d/", y.Year) }

// Topic is the first page of a topic: "topics/economy/".
func Topic(t *digest.Topic) string { return "topics/" + t.Slug + "/" }

// Tag is the first page of a tag: "tags/retail/".
func Tag(t *digest.Tag) string { return "tags/" + t.Slug + "/" }

// Author is the first page of an author's stories: "authors/ana-ruiz/".
func Author(a *digest.Author) string { return "authors/" + a.Slug + "/" }

// Story is the page of a story that several reports make up:
// "stories/2025-01-06-grocers/".
func Story(s *stories.Story) string { return "stories/" + s.ID + "/" }

// Paged is page n of a paginated list at base: page 1 is base itself.
func Paged(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// FeedFiles are the three files of every feed folder, one per format.
var FeedFiles = []struct{ Name, Type, Label string }{
	{"feed.xml", "application/rss+xml", "RSS"},
	{"atom.xml", "application/atom+xml", "Atom"},
	{"feed.json", "application/feed+json", "JSON Feed"},
}

// EditionsFeed is the folder of the daily editions' feeds; the site's
// own feeds are at the root ("") and each topic's in its folder.
const EditionsFeed = "editions/"

// Search is the folder of the search page and its index.
const Search = "search/"

// Sitemap is the site's sitemap.
const Sitemap = "sitemap.xml"

// NewsSitemap is the sitemap of the last two days' articles, with the
// Google News extension.
const NewsSitemap = "news-sitemap.xml"

// Of returns the site path of any value a template may link to: a site
// path as a string, an article, edition, day, month, year, topic, an
// edition's section (its topic), a tag, an author or a story.
func Of(v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case *content.Article:
		return Article(t), nil
	case *digest.Edition:
		return Edition(t), nil
	case *digest.Month:
		return Month(t), nil
	case *digest.Year:
		return Year(t), nil
	case *digest.Topic:
		return Topic(t), nil
	case *digest.Section:
		return Topic(t.Topic), nil
	case *digest.Tag:
		return Tag(t), nil
	case *digest.Author:
		return Author(t), nil
	case *stories.Story:
		return Story(t), nil
	case content.Day:
		return t.Path(), nil
	}
	return "", fmt.Errorf("url: cannot link to a %T", v)
}
