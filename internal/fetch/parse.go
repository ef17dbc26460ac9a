package fetch

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Feed is a parsed feed: its title and its items, in the feed's order.
type Feed struct {
	Title string
	Items []Item
}

// Item is one entry of a feed, whatever its format. Title is plain text;
// Summary and Content are HTML.
type Item struct {
	GUID       string
	Link       string
	Title      string
	Published  time.Time // zero when the feed gives none
	Updated    time.Time
	Authors    []string
	Categories []string
	Summary    string
	Content    string
}

// errEntities refuses a feed that declares entities of its own: no
// reader needs them, and nested ones are how an entity bomb explodes.
var errEntities = errors.New("the feed declares XML entities of its own; refused, as an entity bomb would be")

// errNotFeed says a document is neither RSS, Atom nor JSON Feed.
var errNotFeed = errors.New("not an RSS, Atom or JSON feed")

// ParseFeed reads RSS 0.9x, 1.0 and 2.0, Atom 1.0 and JSON Feed 1.x.
// XML is read leniently, as readers do (HTML entities, stray ampersands), but
// no DTD is ever read, so no entity can expand.
func ParseFeed(data []byte) (*Feed, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseJSONFeed(trimmed)
	}
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return nil, errNotFeed
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotFeed, err)
		}
		if dir, ok := tok.(xml.Directive); ok && bytes.Contains(dir, []byte("ENTITY")) {
			return nil, errEntities
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(start.Name.Local) {
		case "rss":
			var doc rssDoc
			if err := d.DecodeElement(&doc, &start); err != nil {
				return nil, fmt.Errorf("RSS: %w", err)
			}
			return doc.Channel.feed(doc.Channel.Items), nil
		case "rdf":
			var doc rdfDoc
			if err := d.DecodeElement(&doc, &start); err != nil {
				return nil, fmt.Errorf("RSS 1.0: %w", err)
			}
			return doc.Channel.feed(doc.Items), nil
		case "feed":
			var doc atomFeed
			if err := d.DecodeElement(&doc, &start); err != nil {
				return nil, fmt.Errorf("Atom: %w", err)
			}
			return doc.feed(), nil
		default:
			return nil, errNotFeed
		}
	}
}

const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsAtom    = "http://www.w3.org/2005/Atom"
)

type rssDoc struct {
	Channel rssChannel `xml:"channel"`
}

type rdfDoc struct {
	Channel rssChannel `xml:"channel"`
	Items   []rssItem  `xml:"item"`
}

type rssChannel struct {
	Title string    `xml:"title"`
	Items []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string    `xml:"title"`
	Links       []rssLink `xml:"link"`
	GUID        rssGUID   `xml:"guid"`
	PubDate     string    `xml:"pubDate"`
	DCDate      string    `xml:"http://purl.org/dc/elements/1.1/ date"`
	Author      string    `xml:"author"`
	Creators    []string  `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Categories  []string  `xml:"category"`
	Description string    `xml:"description"`
	Encoded     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// rssLink is an item's link, or an Atom link inside RSS (its href).
type rssLink struct {
	Href string `xml:"href,attr"`
	Text string `xml:",chardata"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Text        string `xml:",chardata"`
}

// link is the item's address: its link element, else an Atom link, else
// a guid that is a permalink (the default when isPermaLink is absent).
func (it rssItem) link() string {
	for _, l := range it.Links {
		if t := strings.TrimSpace(l.Text); t != "" {
			return t
		}
	}
	for _, l := range it.Links {
		if h := strings.TrimSpace(l.Href); h != "" {
			return h
		}
	}
	g := strings.TrimSpace(it.GUID.Text)
	if !strings.EqualFold(it.GUID.IsPermaLink, "false") && (strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://")) {
		return g
	}
	return ""
}

func (c rssChannel) feed(items []rssItem) *Feed {
	f := &Feed{Title: plainText(c.Title)}
	for _, it := range items {
		item := Item{
			GUID:       strings.TrimSpace(it.GUID.Text),
			Link:       it.link(),
			Title:      plainText(it.Title),
			Categories: trimAll(it.Categories),
			Summary:    it.Description,
			Content:    it.Encoded,
		}
		item.Published = parseDate(it.PubDate)
		if item.Published.IsZero() {
			item.Published = parseDate(it.DCDate)
		}
		for _, name := range append([]string{rssAuthor(it.Author)}, it.Creators...) {
			if name = plainText(name); name != "" {
				item.Authors = append(item.Authors, name)
			}
		}
		f.Items = append(f.Items, item)
	}
	return f
}

// rssAuthor takes the name from RSS's "email (Name)" form, and drops a
// bare e-mail address.
func rssAuthor(s string) string {
	s = strings.TrimSpace(s)
	if open := strings.Index(s, "("); open >= 0 && strings.HasSuffix(s, ")") {
		return s[open+1 : len(s)-1]
	}
	if strings.Contains(s, "@") {
		return ""
	}
	return s
}

type atomFeed struct {
	Title   atomText    `xml:"title"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomAuthor   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Inner string `xml:",innerxml"`
	Text  string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// html is the text construct as HTML: escaped HTML is its text, XHTML its
// markup, plain text escaped.
func (t atomText) html() string {
	switch strings.ToLower(t.Type) {
	case "html":
		return t.Text
	case "xhtml":
		return t.Inner
	}
	return html.EscapeString(t.Text)
}

func (f atomFeed) feed() *Feed {
	out := &Feed{Title: plainText(f.Title.html())}
	for _, e := range f.Entries {
		item := Item{
			GUID:      strings.TrimSpace(e.ID),
			Title:     plainText(e.Title.html()),
			Published: parseDate(e.Published),
			Updated:   parseDate(e.Updated),
			Summary:   e.Summary.html(),
			Content:   e.Content.html(),
		}
		if item.Published.IsZero() {
			item.Published = item.Updated
		}
		for _, l := range e.Links {
			if (l.Rel == "" || l.Rel == "alternate") && item.Link == "" {
				item.Link = strings.TrimSpace(l.Href)
			}
		}
		for _, a := range e.Authors {
			if name := plainText(a.Name); name != "" {
				item.Authors = append(item.Authors, name)
			}
		}
		for _, c := range e.Categories {
			name := c.Label
			if name == "" {
				name = c.Term
			}
			if name = strings.TrimSpace(name); name != "" {
				item.Categories = append(item.Categories, name)
			}
		}
		out.Items = append(out.Items, item)
	}
	return out
}

type jsonFeed struct {
	Version string     `json:"version"`
	Title   string     `json:"title"`
	Items   []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            json.RawMessage `json:"id"` // a string, though some feeds write a number
	URL           string          `json:"url"`
	ExternalURL   string          `json:"external_url"`
	Title         string          `json:"title"`
	ContentHTML   string          `json:"content_html"`
	ContentText   string          `json:"content_text"`
	Summary       string          `json:"summary"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified"`
	Author        *jsonAuthor     `json:"author"`
	Authors       []jsonAuthor    `json:"authors"`
	Tags          []string        `json:"tags"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

func parseJSONFeed(data []byte) (*Feed, error) {
	var doc jsonFeed
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("JSON Feed: %w", err)
	}
	if !strings.HasPrefix(doc.Version, "https://jsonfeed.org/version/") {
		return nil, errNotFeed
	}
	f := &Feed{Title: plainText(html.EscapeString(doc.Title))}
	for _, it := range doc.Items {
		item := Item{
			GUID:       strings.Trim(strings.TrimSpace(string(it.ID)), `"`),
			Link:       strings.TrimSpace(it.URL),
			Title:      plainText(html.EscapeString(it.Title)),
			Published:  parseDate(it.DatePublished),
			Updated:    parseDate(it.DateModified),
			Categories: trimAll(it.Tags),
			Summary:    html.EscapeString(it.Summary),
			Content:    it.ContentHTML,
		}
		if item.Link == "" {
			item.Link = strings.TrimSpace(it.ExternalURL)
		}
		if item.Content == "" && it.ContentText != "" {
			item.Content = textToHTML(it.ContentText)
		}
		authors := it.Authors
		if it.Author != nil {
			authors = append(authors, *it.Author)
		}
		for _, a := range authors {
			if name := plainText(html.EscapeString(a.Name)); name != "" {
				item.Authors = append(item.Authors, name)
			}
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}

// textToHTML makes paragraphs of plain text, one per blank-line block.
func textToHTML(s string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
		}
	}
	return b.String()
}

// plainText is the text of an HTML snippet on one line: tags dropped
// with the content of script, style and the like, entities decoded,
// runs of space made one.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && hiddenText[n.DataAtom]:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteByte(' ')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// hiddenText are elements whose content is no reader's text.
var hiddenText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
}

func trimAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = plainText(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dateLayouts are the forms feeds write dates in: RFC 822 and its common
// variations in RSS, RFC 3339 in Atom and JSON Feed.
var dateLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 Z",
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// parseDate reads a feed's date, or gives the zero time. A zone given by
// name is read by its usual offset where Go knows it (GMT, UTC, US zones);
// others count as UTC.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return fixZone(t)
		}
	}
	// Some feeds leave the weekday out or spell it wrong: try without it.
	if _, rest, ok := strings.Cut(s, ", "); ok {
		for _, layout := range dateLayouts {
			if strings.HasPrefix(layout, "Mon, ") {
				if t, err := time.Parse(strings.TrimPrefix(layout, "Mon, "), rest); err == nil {
					return fixZone(t)
				}
			}
		}
	}
	return time.Time{}
}

// usZones are the zone names RFC 822 allows besides GMT and UT.
var usZones = map[string]int{
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// fixZone gives a time parsed with a zone name Go did not know the offset
// of the offset RFC 822 says it has.
func fixZone(t time.Time) time.Time {
	name, offset := t.Zone()
	if offset != 0 {
		return t
	}
	if h, ok := usZones[name]; ok {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
			time.FixedZone(name, h*3600))
	}
	return t
}
