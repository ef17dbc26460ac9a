package render

import (
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Site is what every template sees as .Site.
type Site struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ends in "/"
	Author      string
	Params      map[string]any // the config's [params]: the site's own values for its templates

	Digest   *digest.Digest
	Articles []*content.Article // newest first
	Editions []*digest.Edition  // newest first
	Topics   []*digest.Topic    // configured order, then alphabetical
	Tags     []*digest.Tag      // alphabetical
	Authors  []*digest.Author   // alphabetical
	Years    []*digest.Year     // newest first
	Latest   *digest.Edition    // the newest edition, nil on an empty site
	// Newest is the latest date or update of any article: the moment the
	// site's news runs up to, which "developing" is measured from.
	Newest time.Time
	Feeds  []Feed // the whole-site feeds
	// Stories are the reports of one event grouped; nil when the config
	// turns stories off.
	Stories *stories.Set
	// Search is set when the site has a search page (/search/).
	Search bool

	// permalinks are the articles' absolute links, made once while their
	// pages are planned, for the lists that link them again.
	permalinks map[*content.Article]string
}

// permalink is an article's absolute link.
func (s *Site) permalink(u urls.URLs, a *content.Article) string {
	if p, ok := s.permalinks[a]; ok {
		return p
	}
	return u.Abs(urls.Article(a))
}

// Feed is a feed a page links to with <link rel="alternate">.
type Feed struct {
	Title string // "News Digest (RSS)"
	Type  string // MIME type: application/rss+xml, application/atom+xml, application/feed+json
	URL   string // absolute
}

// DevelopingWindow is how recent an update must be, counted back from the
// site's newest date or update, for its story to show as developing.
// Measured from the news rather than the clock, a build shows the same
// markers whenever it runs.
const DevelopingWindow = 6 * time.Hour

// Developing reports whether an article was updated after it was
// published, and within DevelopingWindow of the site's newest change.
func Developing(a *content.Article, newest time.Time) bool {
	return a.Updated.After(a.Date) && !a.Updated.Before(newest.Add(-DevelopingWindow))
}

// Page is what one template execution sees as ".".
type Page struct {
	Site        *Site
	Kind        string // home, article, story, edition, topics, topic, tags, tag, authors, author, archive, year, month, search, 404
	Title       string // plain text; the template escapes it
	Path        string // the page's site path, e.g. "2025/01/06/"
	URL         string // root-relative link to the page
	Permalink   string // absolute link to the page
	Description string // for <meta name="description">

	Article *content.Article // article
	Edition *digest.Edition  // edition; article (its day)
	Topic   *digest.Topic    // topic; article (its topic)
	Tag     *digest.Tag      // tag
	Author  *digest.Author   // author
	Year    *digest.Year     // year
	Month   *digest.Month    // month
	// Story is the story a page shows (story) or the article is one
	// report of (article), when more than one report makes it; else nil.
	Story *stories.Story

	// Articles is the list the page shows: this page of a topic or tag, an
	// edition's stories, the home page's newest stories, a story's
	// reports. Topic and tag pages and the home page show one entry per
	// story unless the config's stories.lists is "articles".
	Articles []*content.Article
	Pager    *Pager // topic and tag pages

	// Prev and Next are the neighbouring articles of an article page
	// within its topic: Prev is older, Next newer.
	Prev, Next *content.Article

	// Feeds are the feeds this page links to: the site's, and a topic
	// page's own.
	Feeds []Feed
}

// Pager is the position of a page in a paginated list.
type Pager struct {
	Number  int
	Total   int
	Items   int    // items in the whole list
	PrevURL string // root-relative, "" on the first page
	NextURL string // root-relative, "" on the last page
	First   string // root-relative link to page 1
}
