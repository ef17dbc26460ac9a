package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// The schema.org types a page describes itself with, written by
// encoding/json: its escaping of <, > and & keeps "</script>" out of the
// output whatever a title holds.
type (
	ldGraph struct {
		Context string `json:"@context"`
		Graph   []any  `json:"@graph"`
	}
	ldNewsArticle struct {
		Type             string         `json:"@type"`
		ID               string         `json:"@id"`
		Headline         string         `json:"headline"`
		Description      string         `json:"description,omitempty"`
		DatePublished    string         `json:"datePublished"`
		DateModified     string         `json:"dateModified"`
		Author           []ldPerson     `json:"author,omitempty"`
		Publisher        ldOrganization `json:"publisher"`
		Image            []string       `json:"image,omitempty"`
		MainEntityOfPage string         `json:"mainEntityOfPage"`
		ArticleSection   string         `json:"articleSection,omitempty"`
		Keywords         []string       `json:"keywords,omitempty"`
		IsBasedOn        string         `json:"isBasedOn,omitempty"`
		InLanguage       string         `json:"inLanguage"`
		Dateline         string         `json:"dateline,omitempty"`
		WordCount        int            `json:"wordCount,omitempty"`
	}
	ldPerson struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	ldOrganization struct {
		Type string   `json:"@type"`
		Name string   `json:"name"`
		URL  string   `json:"url"`
		Logo *ldImage `json:"logo,omitempty"`
	}
	ldImage struct {
		Type string `json:"@type"`
		URL  string `json:"url"`
	}
	ldCollection struct {
		Type       string  `json:"@type"`
		ID         string  `json:"@id"`
		Name       string  `json:"name"`
		URL        string  `json:"url"`
		InLanguage string  `json:"inLanguage"`
		MainEntity *ldList `json:"mainEntity,omitempty"`
	}
	ldList struct {
		Type            string       `json:"@type"`
		NumberOfItems   int          `json:"numberOfItems"`
		ItemListElement []ldListItem `json:"itemListElement"`
	}
	ldListItem struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		URL      string `json:"url,omitempty"`
		Name     string `json:"name,omitempty"`
		Item     string `json:"item,omitempty"`
	}
	ldBreadcrumbs struct {
		Type            string       `json:"@type"`
		ItemListElement []ldListItem `json:"itemListElement"`
	}
	ldWebSite struct {
		Type        string         `json:"@type"`
		ID          string         `json:"@id"`
		Name        string         `json:"name"`
		Description string         `json:"description,omitempty"`
		URL         string         `json:"url"`
		InLanguage  string         `json:"inLanguage"`
		Publisher   ldOrganization `json:"publisher"`
	}
)

// structuredData writes a page's JSON-LD: a NewsArticle for an article, a
// CollectionPage with the list it shows for editions, topics, tags,
// authors and stories, a WebSite for the front page, and the trail of pages above it
// as a BreadcrumbList. Other pages (the archive's, 404) have none.
func structuredData(u urls.URLs, logo string, p *Page) template.HTML {
	g := ldGraph{Context: "https://schema.org"}
	publisher := ldOrganization{Type: "Organization", Name: p.Site.Title, URL: p.Site.BaseURL}
	if logo != "" {
		publisher.Logo = &ldImage{Type: "ImageObject", URL: assetURL(u, nil, logo, true)}
	}
	lang := p.Site.Language
	switch p.Kind {
	case "home":
		g.Graph = append(g.Graph, ldWebSite{Type: "WebSite", ID: p.Permalink + "#website", Name: p.Site.Title,
			Description: p.Site.Description, URL: p.Permalink, InLanguage: lang, Publisher: publisher})
	case "article":
		g.Graph = append(g.Graph, newsArticle(u, publisher, lang, p))
	case "edition", "topic", "tag", "author", "story":
		g.Graph = append(g.Graph, ldCollection{Type: "CollectionPage", ID: p.Permalink, Name: p.Title,
			URL: p.Permalink, InLanguage: lang, MainEntity: itemList(u, p.Site, p.Articles)})
	default:
		return ""
	}
	if crumbs := breadcrumbs(u, p); crumbs != nil {
		g.Graph = append(g.Graph, crumbs)
	}
	var b bytes.Buffer
	b.WriteString(`<script type="application/ld+json">`)
	enc := json.NewEncoder(&b)
	if err := enc.Encode(g); err != nil {
		return "" // the types above always encode
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString("</script>")
	return template.HTML(b.String())
}

func newsArticle(u urls.URLs, publisher ldOrganization, lang string, p *Page) ldNewsArticle {
	a := p.Article
	ld := ldNewsArticle{
		Type: "NewsArticle", ID: p.Permalink + "#article", Headline: a.Title, Description: a.Summary,
		DatePublished: a.Date.Format(time.RFC3339), DateModified: a.Updated.Format(time.RFC3339),
		Publisher: publisher, MainEntityOfPage: p.Permalink, ArticleSection: a.Topic,
		Keywords: a.Tags, IsBasedOn: a.SourceURL, InLanguage: lang, Dateline: a.Dateline, WordCount: a.Words,
	}
	for _, name := range a.Authors {
		person := ldPerson{Type: "Person", Name: name}
		if w := p.Site.Digest.AuthorNamed(name); w != nil {
			person.URL = u.Abs(urls.Author(w))
		}
		ld.Author = append(ld.Author, person)
	}
	if p.Topic != nil {
		ld.ArticleSection = p.Topic.Name
	}
	if a.Image != "" {
		ld.Image = []string{assetURL(u, a, a.Image, true)}
	}
	return ld
}

// itemList is the list a page shows, as schema.org's ItemList of links.
func itemList(u urls.URLs, site *Site, list []*content.Article) *ldList {
	l := &ldList{Type: "ItemList", NumberOfItems: len(list), ItemListElement: make([]ldListItem, len(list))}
	for i, a := range list {
		l.ItemListElement[i] = ldListItem{Type: "ListItem", Position: i + 1, URL: site.permalink(u, a)}
	}
	return l
}

// breadcrumbs is the trail from the front page to p: an article under its
// topic, an edition under its year and month, a topic or tag under the
// list of them; nil for a page with nothing above it but the front page.
func breadcrumbs(u urls.URLs, p *Page) *ldBreadcrumbs {
	type crumb struct{ name, path string }
	trail := []crumb{{p.Site.Title, ""}}
	switch p.Kind {
	case "article":
		if p.Topic != nil {
			trail = append(trail, crumb{p.Topic.Name, urls.Topic(p.Topic)})
		}
	case "edition":
		if e := p.Edition; e != nil {
			day := e.Day.Time(time.UTC)
			trail = append(trail, crumb{day.Format("2006"), day.Format("2006/")}, crumb{day.Format("January 2006"), day.Format("2006/01/")})
		}
	case "topic":
		trail = append(trail, crumb{"Topics", "topics/"})
	case "tag":
		trail = append(trail, crumb{"Tags", "tags/"})
	case "author":
		trail = append(trail, crumb{"Authors", "authors/"})
	case "story":
	default:
		return nil
	}
	trail = append(trail, crumb{p.Title, strings.TrimPrefix(p.Path, "/")})
	b := &ldBreadcrumbs{Type: "BreadcrumbList"}
	for i, c := range trail {
		b.ItemListElement = append(b.ItemListElement, ldListItem{Type: "ListItem", Position: i + 1, Name: c.name, Item: u.Abs(c.path)})
	}
	return b
}
