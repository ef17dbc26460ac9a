package feed

import (
	"encoding/xml"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed adds to gorilla's AtomFeed the feed's language and both the
// alternate and the self link; its one Link field holds only one.
type atomFeed struct {
	*feeds.AtomFeed
	Lang    string           `xml:"xml:lang,attr"`
	Links   []feeds.AtomLink `xml:"link"`
	Entries []*atomEntry     `xml:"entry"`
}

// atomEntry adds several authors and categories. gorilla writes a category
// as text, where RFC 4287 wants a term attribute.
type atomEntry struct {
	*feeds.AtomEntry
	Authors    []*feeds.AtomAuthor `xml:"author"`
	Categories []atomCategory      `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func atomDate(t time.Time) string { return t.Format(time.RFC3339) }

// Atom encodes a feed as Atom 1.0 (RFC 4287).
func Atom(f *Feed) ([]byte, error) {
	doc := &atomFeed{
		AtomFeed: &feeds.AtomFeed{
			XMLName:  xml.Name{Local: "feed"},
			Xmlns:    nsAtom,
			Title:    f.Title,
			Id:       f.Home,
			Updated:  atomDate(f.Updated()),
			Subtitle: f.Description,
			Author:   atomAuthor(f.Author),
			Logo:     f.Logo,
		},
		Lang: f.Language,
		Links: []feeds.AtomLink{
			{Href: f.Home, Rel: "alternate", Type: "text/html"},
			{Href: f.URL("atom.xml"), Rel: "self", Type: "application/atom+xml"},
		},
	}
	for _, it := range f.Items {
		e := &atomEntry{AtomEntry: &feeds.AtomEntry{
			Title:     it.Title,
			Id:        it.Link,
			Updated:   atomDate(it.Updated),
			Published: atomDate(it.Published),
			Links:     []feeds.AtomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}},
		}}
		// The original story, which RSS has no element for.
		if it.ExternalURL != "" {
			e.Links = append(e.Links, feeds.AtomLink{Href: it.ExternalURL, Rel: "related", Type: "text/html"})
		}
		if it.Image != "" {
			enc := feeds.AtomLink{Href: it.Image, Rel: "enclosure", Type: it.ImageType}
			if it.ImageLength > 0 {
				enc.Length = strconv.FormatInt(it.ImageLength, 10)
			}
			e.Links = append(e.Links, enc)
		}
		if it.Summary != "" {
			e.Summary = &feeds.AtomSummary{Content: it.Summary, Type: "text"}
		}
		if it.Content != "" {
			e.Content = &feeds.AtomContent{Content: it.Content, Type: "html"}
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomAuthor(a))
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return encodeXML(doc)
}

func atomAuthor(name string) *feeds.AtomAuthor {
	return &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: name}}
}
