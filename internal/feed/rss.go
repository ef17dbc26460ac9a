package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// rssDoc is gorilla's RssFeedXml with the namespaces of the elements added
// below: atom for the self link, dc for authors by name (RSS's own author
// element must be an e-mail address).
type rssDoc struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	ContentNS string      `xml:"xmlns:content,attr"`
	AtomNS    string      `xml:"xmlns:atom,attr"`
	DCNS      string      `xml:"xmlns:dc,attr"`
	MediaNS   string      `xml:"xmlns:media,attr"`
	Channel   *rssChannel `xml:"channel"`
}

type rssChannel struct {
	*feeds.RssFeed
	Title rssTitle   `xml:"title"`
	Self  rssSelf    `xml:"atom:link"`
	Items []*rssItem `xml:"item"`
}

// rssSelf is the channel's atom:link rel="self", which tells a reader
// where the feed lives.
type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// rssItem adds what gorilla's RssItem holds one of or none: several
// categories and several authors.
type rssItem struct {
	*feeds.RssItem
	Title      rssTitle      `xml:"title"`
	Creators   []string      `xml:"dc:creator"`
	Categories []string      `xml:"category"`
	Media      *mediaContent `xml:"media:content"`
}

// mediaContent is Media RSS's content element: the lead image, for the
// readers that show a picture beside each item.
type mediaContent struct {
	URL    string `xml:"url,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Medium string `xml:"medium,attr"`
	Size   int64  `xml:"fileSize,attr,omitempty"`
}

// rssTitle is a plain-text title. RSS readers disagree on whether a title
// is HTML, so "&lt;" looks like markup to validators and readers alike; the
// RSS Best Practices Profile asks for hexadecimal references (&#x3C;,
// &#x26;, &#x3E;) in plain text, which encoding/xml never writes by itself.
type rssTitle string

var hexRefs = strings.NewReplacer("&lt;", "&#x3C;", "&amp;", "&#x26;", "&gt;", "&#x3E;")

func (t rssTitle) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	var b bytes.Buffer
	if err := xml.EscapeText(&b, []byte(t)); err != nil {
		return err
	}
	raw := hexRefs.Replace(b.String())
	return e.EncodeElement(struct {
		Text string `xml:",innerxml"`
	}{raw}, start)
}

func rssDate(t time.Time) string { return t.Format(time.RFC1123Z) }

// RSS encodes a feed as RSS 2.0.
func RSS(f *Feed) ([]byte, error) {
	ch := &rssChannel{
		RssFeed: &feeds.RssFeed{
			Link:        f.Home,
			Description: f.Description,
			Language:    f.Language,
		},
		Title: rssTitle(f.Title),
		Self:  rssSelf{Href: f.URL("feed.xml"), Rel: "self", Type: "application/rss+xml"},
	}
	// Both dates are optional in RSS; an empty feed has no date to give.
	if len(f.Items) > 0 {
		ch.PubDate, ch.LastBuildDate = rssDate(f.Published()), rssDate(f.Updated())
	}
	for _, it := range f.Items {
		item := &rssItem{
			RssItem: &feeds.RssItem{
				Link: it.Link,
				// description is HTML in every reader, so the plain
				// summary is escaped as HTML before XML escapes it again.
				Description: html.EscapeString(it.Summary),
				Guid:        &feeds.RssGuid{Id: it.Link, IsPermaLink: "true"},
				PubDate:     rssDate(it.Published),
			},
			Title:      rssTitle(it.Title),
			Creators:   it.Authors,
			Categories: it.Categories,
		}
		if it.Content != "" {
			item.Content = &feeds.RssContent{Content: it.Content}
		}
		if it.Image != "" {
			item.Media = &mediaContent{URL: it.Image, Type: it.ImageType, Medium: "image", Size: it.ImageLength}
			// RSS wants an enclosure's length and type; an image whose
			// size is not known here has the media element alone.
			if it.ImageLength > 0 && it.ImageType != "" {
				item.Enclosure = &feeds.RssEnclosure{Url: it.Image, Length: strconv.FormatInt(it.ImageLength, 10), Type: it.ImageType}
			}
		}
		ch.Items = append(ch.Items, item)
	}
	if f.Logo != "" {
		ch.Image = &feeds.RssImage{Url: f.Logo, Title: f.Title, Link: f.Home}
	}
	return encodeXML(&rssDoc{Version: "2.0", ContentNS: nsContent, AtomNS: nsAtom, DCNS: nsDC, MediaNS: nsMedia, Channel: ch})
}

func encodeXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
