package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// funcs are the functions every template can call. They are documented in
// docs/templates.md ("Functions"); keep the two in step.
func funcs(cfg *config.Config, u urls.URLs, current func() *storyState) template.FuncMap {
	loc := cfg.Location
	return template.FuncMap{
		// url links to a page, root-relative: {{url .Article}}, {{url "archive/"}}.
		"url": func(v any) (string, error) {
			p, err := urls.Of(v)
			return u.Rel(p), err
		},
		// absURL links to a page with the full base URL.
		"absURL": func(v any) (string, error) {
			p, err := urls.Of(v)
			return u.Abs(p), err
		},
		// date formats a time with a Go layout: {{date "2 January 2006" .Article.Date}}.
		"date": func(layout string, t time.Time) string { return t.Format(layout) },
		// iso is the machine form for <time datetime>.
		"iso": func(t time.Time) string { return t.Format(time.RFC3339) },
		// dayTime is midnight of a calendar day in the site's time zone.
		"dayTime": func(d content.Day) time.Time { return d.Time(loc) },
		// latest returns the first n items of a list.
		"latest": func(n int, list []*content.Article) []*content.Article {
			if n < len(list) {
				return list[:n]
			}
			return list
		},
		// plural picks the word for a count: {{plural 3 "story" "stories"}} → "3 stories".
		"plural": i18n.Plural,
		// join joins names with a separator: {{join .Article.Authors ", "}}.
		"join": func(list []string, sep string) string { return strings.Join(list, sep) },
		// partialCached is bound to each page's template set when it is
		// parsed (cached.go); this stands in for it while parsing.
		"partialCached": func(string, any, ...any) (template.HTML, error) { return "", nil },
		// slug makes the URL segment of a name, as topics and tags use.
		"slug": content.Slugify,
		// add is integer addition, for numbering.
		"add": func(a, b int) int { return a + b },
		// asset links to a file an article refers to, such as its image:
		// a name relative to the bundle, a site path starting with "/", or
		// a full URL kept as is. {{asset .Article .Article.Image}}.
		"asset": func(a *content.Article, ref string) string { return assetURL(u, a, ref, false) },
		// story is the story an article is one report of, when others
		// report it too; nil otherwise: {{with story .Article}}.
		"story": func(a *content.Article) *stories.Story {
			if st := current(); st != nil {
				return st.all.Shared(a)
			}
			return nil
		},
		// leading keeps one entry per story of a list, the stories most
		// sources report first, unless lists show every article:
		// {{range leading .Articles}}.
		"leading": func(list []*content.Article) []*content.Article {
			if st := current(); st != nil {
				return st.lists.Leading(list)
			}
			return list
		},
		// collapse keeps one entry per story of a list in its order, unless
		// lists show every article: {{range latest 5 (collapse .Articles)}}.
		"collapse": func(list []*content.Article) []*content.Article {
			if st := current(); st != nil {
				return st.lists.Collapse(list)
			}
			return list
		},
		// developing reports whether an article's story is developing:
		// updated after it was published, within DevelopingWindow of the
		// site's newest date or update. {{if developing .Article}}.
		"developing": func(a *content.Article) bool {
			if st := current(); st != nil && a != nil {
				return Developing(a, st.newest)
			}
			return false
		},
		// author is the author a byline names, nil when the name has no
		// page: {{with author $name}}<a href="{{url .}}">…{{end}}.
		"author": func(name string) *digest.Author {
			if st := current(); st != nil && st.digest != nil {
				return st.digest.AuthorNamed(name)
			}
			return nil
		},
		// topic is the topic with a slug, nil when there is none:
		// {{with topic .Article.TopicSlug}}{{.Name}}{{end}}.
		"topic": func(slug string) *digest.Topic {
			if st := current(); st != nil && st.digest != nil {
				return st.digest.Topic(slug)
			}
			return nil
		},
		// absAsset is asset with the full base URL, for feeds and meta tags.
		"absAsset": func(a *content.Article, ref string) string { return assetURL(u, a, ref, true) },
		// jsonld writes the page's structured data as a script element:
		// {{jsonld .}} in the head.
		"jsonld": func(p *Page) template.HTML { return structuredData(u, cfg.Logo, p) },
		// ogLocale is a language tag as Open Graph writes it: en-GB → en_GB.
		"ogLocale": func(tag string) string { return strings.ReplaceAll(tag, "-", "_") },
	}
}

// assetURL resolves a reference written in an article. A page other than
// the article's own cannot use a bundle-relative name as it is.
func assetURL(u urls.URLs, a *content.Article, ref string, abs bool) string {
	link := u.Rel
	if abs {
		link = u.Abs
	}
	switch {
	case ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, "data:"):
		return ref
	case strings.HasPrefix(ref, "/"):
		return link(ref)
	case a == nil:
		return link(ref)
	}
	return link(a.AssetPath(ref))
}
