package importer

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/tailscale/hujson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdigest/newsdigest/internal/content"
)

// meta is what an HTML page says about itself, outside its text.
type meta struct {
	title, section, dateline, site, url string
	authors                             []string
	published                           string   // as written
	timeTag                             string   // the first <time datetime>
	textDate                            string   // the first element holding only a date
	crumb                               string   // the first step after Home of a breadcrumb
	lang                                string   // <html lang>, as a language code
	dateLines                           []string // short texts holding a year, for dates in other languages
	docTitle                            string   // the <title>
	h1                                  string   // the first <h1>, one inside <article> first
}

// readMeta gathers a page's metadata from JSON-LD, Open Graph and other
// <meta> tags, the canonical link and <time datetime>. JSON-LD wins over
// <meta>, which wins over <time>: the first is the most deliberate.
func readMeta(doc *html.Node) meta {
	var ld, og meta
	var timeAny string
	inArticleH1 := false
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			// itemprop may name several properties: "datePublished dateCreated".
			for _, prop := range strings.Fields(attr(n, "itemprop")) {
				og.meta(prop, itemValue(n))
			}
			switch n.DataAtom {
			case atom.Meta:
				for _, key := range []string{"property", "name"} {
					og.meta(attr(n, key), strings.TrimSpace(attr(n, "content")))
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && og.url == "" {
					og.url = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld.jsonLD(n.FirstChild.Data)
				}
			case atom.Time:
				// A <time> inside the article is its date; one in the page's
				// header may be today's.
				if dt := attr(n, "datetime"); dt != "" {
					if inArticle && og.timeTag == "" {
						og.timeTag = dt
					} else if timeAny == "" {
						timeAny = dt
					}
				}
			case atom.Html:
				og.lang, _, _ = strings.Cut(strings.ToLower(attr(n, "lang")), "-")
			case atom.Article:
				inArticle = true
			case atom.Title:
				if og.docTitle == "" {
					og.docTitle = textOf(n)
				}
			case atom.H1:
				if inArticle && !inArticleH1 {
					og.h1, inArticleH1 = textOf(n), true
				} else if og.h1 == "" {
					og.h1 = textOf(n)
				}
			case atom.P, atom.Span, atom.Small, atom.Div, atom.Li:
				if og.textDate == "" && n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
					if d, ok := parseDateLine(n.FirstChild.Data); ok && d.year != 0 {
						og.textDate = n.FirstChild.Data
					} else if l := oneLine(n.FirstChild.Data); len(og.dateLines) < 5 && wordCount(l) <= 10 && yearWord.MatchString(l) {
						og.dateLines = append(og.dateLines, l)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	if og.timeTag == "" {
		og.timeTag = timeAny
	}
	return ld.or(og)
}

func (m *meta) meta(key, value string) {
	if value == "" {
		return
	}
	set := func(dst *string) {
		if *dst == "" {
			*dst = value
		}
	}
	switch strings.ToLower(key) {
	case "og:title", "twitter:title":
		set(&m.title)
	case "og:url":
		set(&m.url)
	case "og:site_name":
		set(&m.site)
	case "article:published_time", "article:published", "og:article:published_time", "datepublished", "datecreated",
		"date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "dc.date", "dc.date.issued",
		"dcterms.date", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date":
		set(&m.published)
	case "article:section", "articlesection", "section", "category", "og:article:section", "parsely-section":
		set(&m.section)
	case "author", "article:author":
		if !strings.Contains(value, "://") && len(m.authors) == 0 {
			m.authors = []string{value}
		}
	}
}

// itemValue is what an element with itemprop says: its content or
// datetime attribute, else its text.
func itemValue(n *html.Node) string {
	for _, key := range []string{"content", "datetime"} {
		if v := strings.TrimSpace(attr(n, key)); v != "" {
			return v
		}
	}
	if n.DataAtom == atom.Meta || n.DataAtom == atom.Link {
		return ""
	}
	text := oneLine(textOf(n))
	if len(text) > 200 {
		return ""
	}
	return text
}

// jsonLD reads the first article object of a JSON-LD block, looking
// inside lists and @graph. Pages write JSON-LD by hand as often as not,
// so trailing commas, comments and raw line breaks inside strings are
// forgiven.
func (m *meta) jsonLD(src string) {
	var v any
	if !decodeLenient(src, &v) {
		return
	}
	if m.crumb == "" {
		m.crumb = breadcrumb(findType(v, "BreadcrumbList"))
	}
	obj := findType(v, "")
	if obj == nil {
		// A WebPage or other object may still date the page.
		if m.published == "" {
			m.published = str(findKey(v, "datePublished")["datePublished"])
		}
		return
	}
	if m.title != "" {
		return
	}
	m.title = str(obj["headline"])
	if m.title == "" {
		m.title = str(obj["name"])
	}
	for _, key := range []string{"datePublished", "dateCreated"} {
		if d := str(obj[key]); d != "" {
			m.published = d
			break
		}
	}
	m.section = str(obj["articleSection"])
	m.dateline = str(obj["dateline"])
	m.url = str(obj["url"])
	if m.url == "" {
		m.url = str(obj["mainEntityOfPage"])
	}
	m.authors = names(obj["author"])
	if p, ok := obj["publisher"].(map[string]any); ok {
		m.site = str(p["name"])
	}
}

func decodeLenient(src string, v any) bool {
	if json.Unmarshal([]byte(src), v) == nil {
		return true
	}
	// A line break inside a string is invalid JSON; outside one it is
	// white space either way.
	src = strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(src)
	std, err := hujson.Standardize([]byte(strings.TrimSpace(src)))
	if err != nil {
		return false
	}
	return json.Unmarshal(std, v) == nil
}

// findType finds the first object of a type in a JSON-LD value, looking
// inside lists and @graph; typ "" stands for any kind of article.
func findType(v any, typ string) map[string]any {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if o := findType(e, typ); o != nil {
				return o
			}
		}
	case map[string]any:
		if typ == "" && isArticleType(v["@type"]) || typ != "" && v["@type"] == typ {
			return v
		}
		return findType(v["@graph"], typ)
	}
	return nil
}

// findKey finds the first object in a JSON-LD value that has key.
func findKey(v any, key string) map[string]any {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if o := findKey(e, key); o != nil {
				return o
			}
		}
	case map[string]any:
		if _, ok := v[key]; ok {
			return v
		}
		return findKey(v["@graph"], key)
	}
	return nil
}

// breadcrumb returns the first step after Home of a BreadcrumbList.
func breadcrumb(list map[string]any) string {
	items, _ := list["itemListElement"].([]any)
	for _, it := range items {
		o, _ := it.(map[string]any)
		name := str(o["name"])
		if name == "" {
			name = str(o["item"])
		}
		if name != "" && !strings.EqualFold(name, "home") && !strings.Contains(name, "://") {
			return name
		}
	}
	return ""
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// str reads a JSON-LD value that should be text: a string, the first of a
// list, or an object's name or @id.
func str(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			return str(v[0])
		}
	case map[string]any:
		if s := str(v["name"]); s != "" {
			return s
		}
		return str(v["@id"])
	}
	return ""
}

func names(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			out = append(out, names(e)...)
		}
	case string, map[string]any:
		if s := str(v); s != "" && !strings.Contains(s, "://") {
			out = append(out, s)
		}
	}
	return out
}

// or fills m's empty fields from o.
func (m meta) or(o meta) meta {
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	m.title = pick(m.title, o.title)
	m.section = pick(m.section, o.section)
	m.dateline = pick(m.dateline, o.dateline)
	m.site = pick(m.site, o.site)
	m.url = pick(m.url, o.url)
	m.published = pick(m.published, o.published)
	m.timeTag = pick(m.timeTag, o.timeTag)
	m.textDate = pick(m.textDate, o.textDate)
	m.docTitle = pick(m.docTitle, o.docTitle)
	m.lang = pick(m.lang, o.lang)
	if len(m.dateLines) == 0 {
		m.dateLines = o.dateLines
	}
	m.h1 = pick(m.h1, o.h1)
	m.section = pick(m.section, pick(m.crumb, o.crumb))
	if len(m.authors) == 0 {
		m.authors = o.authors
	}
	return m
}

// date reads the page's publication date in loc.
func (m meta) date(loc *time.Location) (time.Time, bool) {
	for _, s := range []string{m.published, m.timeTag, m.textDate} {
		if s == "" {
			continue
		}
		if t, err := content.ParseDate(s, loc); err == nil && plausibleYear(t.Year()) {
			return t.In(loc), true
		}
		if d, ok := parseDateLine(s); ok {
			if t, ok := d.time(loc); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
