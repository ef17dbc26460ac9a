package render

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
)

// URLs turns site paths into links. Every page links with root-relative
// URLs that carry the base URL's path ("/news/2025/01/06/"), so the site
// works when served from a sub-path; feeds and the sitemap use absolute URLs.
type URLs struct {
	base   string // "https://host/news/"
	prefix string // "/news/"
}

// NewURLs returns the links for a base URL, which must end in a slash.
func NewURLs(baseURL string) URLs {
	u, err := url.Parse(baseURL)
	prefix := "/"
	if err == nil && u.Path != "" {
		prefix = u.EscapedPath()
	}
	return URLs{base: baseURL, prefix: prefix}
}

// Base is the site's absolute base URL.
func (u URLs) Base() string { return u.base }

// Rel is the root-relative link to a site path: "2025/" → "/news/2025/".
func (u URLs) Rel(p string) string { return u.prefix + strings.TrimPrefix(p, "/") }

// Abs is the absolute link to a site path.
func (u URLs) Abs(p string) string { return u.base + strings.TrimPrefix(p, "/") }

// Paths of the pages of each kind, relative to the site root. Every page is
// a folder with an index.html, so links end in a slash.
func ArticlePath(a *content.Article) string { return a.Path() }

func EditionPath(e *digest.Edition) string { return e.Day.Path() }

func MonthPath(m *digest.Month) string { return fmt.Sprintf("%04d/%02d/", m.Year, int(m.Month)) }

func YearPath(y *digest.Year) string { return fmt.Sprintf("%04d/", y.Year) }

func TopicPath(t *digest.Topic) string { return "topics/" + t.Slug + "/" }

func TagPath(t *digest.Tag) string { return "tags/" + t.Slug + "/" }

// PagePath is page n of a paginated list at base: page 1 is base itself.
func PagePath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// pathOf returns the site path of any value a template may link to.
func pathOf(v any) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case *content.Article:
		return ArticlePath(t), nil
	case *digest.Edition:
		return EditionPath(t), nil
	case *digest.Month:
		return MonthPath(t), nil
	case *digest.Year:
		return YearPath(t), nil
	case *digest.Topic:
		return TopicPath(t), nil
	case *digest.Section:
		return TopicPath(t.Topic), nil
	case *digest.Tag:
		return TagPath(t), nil
	case content.Day:
		return t.Path(), nil
	}
	return "", fmt.Errorf("url: cannot link to a %T", v)
}
