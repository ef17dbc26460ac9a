package feed_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
)

// The rules of each format, read by validate in validate_test.go.

type rssDoc struct {
	Version string `xml:"version,attr"`
	Channel struct {
		// atom:link comes first: a field without a namespace takes an
		// element of any namespace.
		AtomLinks     []atomLink `xml:"http://www.w3.org/2005/Atom link"`
		Title         string     `xml:"title"`
		Link          string     `xml:"link"`
		Description   string     `xml:"description"`
		Language      string     `xml:"language"`
		PubDate       string     `xml:"pubDate"`
		LastBuildDate string     `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			Author      string `xml:"author"`
			PubDate     string `xml:"pubDate"`
			GUID        struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			Categories []string `xml:"category"`
			Content    string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creators   []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

var (
	rawTitle     = regexp.MustCompile(`<title>([^<]*)</title>`)
	descFirst    = regexp.MustCompile(`(?s)<item>.*?</item>`)
	namedEntity  = regexp.MustCompile(`&(lt|gt|amp);`)
	contentStart = "<content:encoded>"
)

func (v *validator) rss(data []byte) {
	var doc rssDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		v.fail("SAXError", "%v", err)
		return
	}
	ch := doc.Channel
	if doc.Version != "2.0" {
		v.fail("InvalidVersion", "rss version %q", doc.Version)
	}
	v.plainText("ContainsHTML", "channel title", ch.Title)
	v.absolute("InvalidURLAttribute", "channel link", ch.Link)
	if strings.TrimSpace(ch.Description) == "" {
		v.fail("MissingDescription", "channel description is empty")
	}
	if !language.MatchString(ch.Language) {
		v.fail("InvalidLanguage", "%q", ch.Language)
	}
	v.rfc822Date("channel pubDate", ch.PubDate)
	v.rfc822Date("channel lastBuildDate", ch.LastBuildDate)
	v.selfLink(ch.AtomLinks, "application/rss+xml")

	// The RSS profile's CharacterData rule: "<", "&" and ">" in plain text
	// are written as hexadecimal references, never as named ones.
	for _, m := range rawTitle.FindAllSubmatch(data, -1) {
		if namedEntity.Match(m[1]) {
			v.fail("CharacterData", "title %s uses a named entity", m[1])
		}
	}
	for _, item := range descFirst.FindAll(data, -1) {
		d, c := bytes.Index(item, []byte("<description>")), bytes.Index(item, []byte(contentStart))
		if c >= 0 && (d < 0 || d > c) {
			v.fail("NeedDescriptionBeforeContent", "%.80s", item)
		}
	}

	seen := map[string]bool{}
	for _, it := range ch.Items {
		what := "item " + it.Link
		v.plainText("ContainsHTML", what+" title", it.Title)
		v.absolute("InvalidURLAttribute", what+" link", it.Link)
		if it.GUID.IsPermaLink != "true" || it.GUID.Value != it.Link {
			v.fail("InvalidHttpGUID", "%s: guid %q isPermaLink=%q, want the link", what, it.GUID.Value, it.GUID.IsPermaLink)
		}
		if seen[it.GUID.Value] {
			v.fail("DuplicateValue", "guid %s", it.GUID.Value)
		}
		seen[it.GUID.Value] = true
		if it.Author != "" {
			v.fail("InvalidContact", "%s: author %q (RSS wants an e-mail address; names go in dc:creator)", what, it.Author)
		}
		v.rfc822Date(what+" pubDate", it.PubDate)
		for _, c := range append(append([]string(nil), it.Categories...), it.Creators...) {
			if strings.TrimSpace(c) == "" {
				v.fail("NotBlank", "%s: empty category or dc:creator", what)
			}
		}
		v.html(what+" description", it.Description)
		v.html(what+" content:encoded", it.Content)
	}
}

func (v *validator) selfLink(links []atomLink, typ string) {
	var self []atomLink
	for _, l := range links {
		if l.Rel == "self" {
			self = append(self, l)
		}
	}
	switch {
	case len(self) == 0:
		v.fail("MissingAtomSelfLink", "no link rel=self")
	case len(self) > 1:
		v.fail("DuplicateAtomLink", "%d links rel=self", len(self))
	case self[0].Href != v.self:
		v.fail("SelfDoesntMatchLocation", "self %s, served at %s", self[0].Href, v.self)
	case self[0].Type != typ:
		v.fail("SelfNotAtom", "self link type %q, want %q", self[0].Type, typ)
	}
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomDoc struct {
	ID      string     `xml:"id"`
	Title   atomText   `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     atomText   `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Links     []atomLink `xml:"link"`
		Content   *atomText  `xml:"content"`
		Summary   *atomText  `xml:"summary"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func (v *validator) atom(data []byte) {
	var doc atomDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		v.fail("SAXError", "%v", err)
		return
	}
	v.absolute("InvalidIRI", "feed id", doc.ID)
	v.textConstruct("feed title", doc.Title)
	v.rfc3339Date("feed updated", doc.Updated)
	v.selfLink(doc.Links, "application/atom+xml")
	v.alternate("feed", doc.Links)
	feedAuthor := len(doc.Authors) > 0 && doc.Authors[0].Name != ""

	ids, updated := map[string]bool{}, map[string]string{}
	for _, e := range doc.Entries {
		what := "entry " + e.ID
		v.absolute("InvalidIRI", "entry id", e.ID)
		if ids[e.ID] {
			v.fail("DuplicateIds", "%s", e.ID)
		}
		ids[e.ID] = true
		if other, dup := updated[e.Updated]; dup {
			v.fail("DuplicateUpdated", "%s and %s both updated %s", other, e.ID, e.Updated)
		}
		updated[e.Updated] = e.ID
		v.textConstruct(what+" title", e.Title)
		u := v.rfc3339Date(what+" updated", e.Updated)
		if p := v.rfc3339Date(what+" published", e.Published); u.Before(p) {
			v.fail("InvalidRFC3339Date", "%s updated %s before published %s", what, e.Updated, e.Published)
		}
		v.alternate(what, e.Links)
		if !feedAuthor && (len(e.Authors) == 0 || e.Authors[0].Name == "") {
			v.fail("MissingAuthor", "%s", what)
		}
		for _, c := range e.Categories {
			if c.Term == "" {
				v.fail("MissingAttribute", "%s: category without term", what)
			}
		}
		if e.Content == nil && e.Summary == nil {
			v.fail("MissingTextualContent", "%s", what)
		}
		if e.Content != nil {
			if e.Content.Type != "html" {
				v.fail("InvalidContentMode", "%s: content type %q", what, e.Content.Type)
			}
			v.html(what+" content", e.Content.Text)
		}
		if e.Summary != nil {
			v.textConstruct(what+" summary", *e.Summary)
		}
	}
}

// textConstruct: a text title or summary must not look like HTML
// (ContainsUndeclaredHTML).
func (v *validator) textConstruct(what string, t atomText) {
	if t.Type != "" && t.Type != "text" {
		v.fail("InvalidTextType", "%s type %q", what, t.Type)
	}
	v.plainText("ContainsUndeclaredHTML", what, t.Text)
}

func (v *validator) alternate(what string, links []atomLink) {
	n := 0
	for _, l := range links {
		if l.Rel == "alternate" || l.Rel == "" {
			n++
			v.absolute("InvalidIRI", what+" alternate link", l.Href)
		}
	}
	if n != 1 {
		v.fail("MissingAlternateLink", "%s has %d alternate links, want 1", what, n)
	}
}

// json holds a feed to JSON Feed 1.1: the validator has no JSON rules, so
// these are the spec's musts and shoulds.
func (v *validator) json(data []byte) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		v.fail("InvalidJSON", "%v", err)
		return
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if str(doc, "version") != "https://jsonfeed.org/version/1.1" {
		v.fail("version", "%q", doc["version"])
	}
	if str(doc, "title") == "" {
		v.fail("title", "missing")
	}
	v.absolute("home_page_url", "home_page_url", str(doc, "home_page_url"))
	if got := str(doc, "feed_url"); got != v.self {
		v.fail("feed_url", "%q, served at %s", got, v.self)
	}
	if _, old := doc["author"]; old {
		v.fail("author", "deprecated in 1.1; use authors")
	}
	v.jsonAuthors("feed", doc["authors"])
	items, ok := doc["items"].([]any)
	if !ok {
		v.fail("items", "missing")
	}
	seen := map[string]bool{}
	for _, x := range items {
		it, _ := x.(map[string]any)
		id := str(it, "id")
		what := "item " + id
		if id == "" || seen[id] {
			v.fail("id", "%q missing or repeated", id)
		}
		seen[id] = true
		v.absolute("url", what+" url", str(it, "url"))
		if ext, ok := it["external_url"]; ok {
			v.absolute("external_url", what+" external_url", fmt.Sprint(ext))
		}
		html, text := str(it, "content_html"), str(it, "content_text")
		if html == "" && text == "" {
			v.fail("content_html", "%s has neither content_html nor content_text", what)
		}
		if html != "" {
			v.html(what+" content_html", html)
		}
		for _, k := range []string{"date_published", "date_modified"} {
			v.rfc3339Date(what+" "+k, str(it, k))
		}
		if _, old := it["author"]; old {
			v.fail("author", "%s: deprecated in 1.1; use authors", what)
		}
		v.jsonAuthors(what, it["authors"])
		tags, _ := it["tags"].([]any)
		for _, tg := range tags {
			if s, _ := tg.(string); strings.TrimSpace(s) == "" {
				v.fail("tags", "%s: empty tag", what)
			}
		}
	}
}

func (v *validator) jsonAuthors(what string, x any) {
	authors, _ := x.([]any)
	if len(authors) == 0 {
		v.fail("authors", "%s has no authors", what)
	}
	for _, a := range authors {
		if m, _ := a.(map[string]any); m == nil || m["name"] == nil || m["name"] == "" {
			v.fail("authors", "%s: author without a name", what)
		}
	}
}
