package importer

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML cleans a saved HTML page: readability finds the article's text,
// the page's metadata gives its title, date, section and authors, and the
// text is converted to Markdown.
func HTML(data []byte, opts Options) (*Article, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	data, err := decodeHTML(data)
	if err != nil {
		return nil, skipf("unreadable HTML: %v", err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, skipf("unreadable HTML: %v", err)
	}
	m := readMeta(doc)
	base, _ := url.Parse(m.url)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	page, err := readability.FromDocument(doc, base)
	if err != nil {
		return nil, skipf("no article text found: %v", err)
	}
	// Readability returns its best candidate even from a page of links;
	// an article has at least a sentence.
	if page.Node == nil || !isArticleText(textOf(page.Node)) {
		return nil, skipf("no article text found")
	}
	a := &Article{Title: pageTitle(m, page.Title()), Topic: oneLine(m.section), Dateline: oneLine(m.dateline), Source: oneLine(m.site)}
	for _, name := range m.authors {
		if name = oneLine(name); name != "" {
			a.Authors = append(a.Authors, name)
		}
	}
	if base != nil {
		a.SourceURL = base.String()
	}
	if a.Title == "" {
		a.Title = firstWords(oneLine(textOf(page.Node)))
		a.note("no title found; titled by the first words of the text")
	}
	if err := a.dateFrom(m, page, opts); err != nil {
		return nil, err
	}
	if len(a.Authors) == 0 {
		if by := oneLine(page.Byline()); by != "" {
			a.Authors = []string{strings.TrimPrefix(by, "By ")}
		}
	}
	if a.Source == "" {
		a.Source = oneLine(page.SiteName())
	}
	dropBoilerplate(page.Node, opts.Chrome)
	var conv []converter.ConvertOptionFunc
	if base != nil {
		conv = append(conv, converter.WithDomain(base.Scheme+"://"+base.Host))
	} else {
		dropRelative(page.Node)
	}
	md, err := htmltomarkdown.ConvertNode(page.Node, conv...)
	if err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	a.Body = tidy(dropTrailingHeadings(dropTitle(md, a.Title)))
	if a.Body == "" {
		return nil, skipf("no article text found")
	}
	if a.Dateline == "" {
		first, _, _ := strings.Cut(a.Body, "\n")
		a.Dateline = leadDateline(first)
	}
	return a, nil
}

// dropBoilerplate removes blocks that readability kept but that are calls
// to share or subscribe, appeals, advertisement labels, lists of links to
// other pages, the heading of a list of other stories with its list, or
// text that recurs across the batch (chrome).
func dropBoilerplate(n *html.Node, chrome Chrome) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom != atom.Img {
			text := strings.Join(strings.Fields(textOf(c)), " ")
			switch {
			case text != "" && (isCall(text) || isByline(text) || isDate(text)):
				n.RemoveChild(c)
			case text != "" && (isAppeal(text) || isLinkList(c, text) || isPromo(text) && hasLink(c)):
				n.RemoveChild(c)
			case text != "" && isListHeading(text) && isHeading(c):
				if list := nextElement(c); list != nil && (list.DataAtom == atom.Ul || list.DataAtom == atom.Ol) {
					next = list.NextSibling
					n.RemoveChild(list)
				}
				n.RemoveChild(c)
			case text != "" && chrome.Has(text):
				n.RemoveChild(c)
			default:
				dropBoilerplate(c, chrome)
			}
		}
		c = next
	}
}

// isLinkList reports whether an element is a list of links to other
// pages: other stories, tags, a row of buttons. It holds three links or
// more, not to places in this page (a table of contents is the article's),
// and four words in five are their text.
func isLinkList(n *html.Node, text string) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Aside, atom.Nav:
	default:
		return false
	}
	words := wordCount(text)
	if words == 0 || words > 120 {
		return false
	}
	var links []*html.Node
	collectLinks(n, &links)
	if len(links) < 3 {
		return false
	}
	var linked int
	for _, a := range links {
		if strings.HasPrefix(strings.TrimSpace(attr(a, "href")), "#") {
			return false
		}
		linked += wordCount(textOf(a))
	}
	return float64(linked)/float64(words) >= 0.8
}

func hasLink(n *html.Node) bool {
	var links []*html.Node
	collectLinks(n, &links)
	return len(links) > 0
}

func collectLinks(n *html.Node, links *[]*html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			*links = append(*links, c)
			continue
		}
		collectLinks(c, links)
	}
}

// dropRelative unwraps links and removes images whose address is relative
// to a page whose own address is unknown: on the digest's site they would
// lead nowhere.
func dropRelative(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		dropRelative(c)
		if c.Type == html.ElementNode {
			switch {
			case c.DataAtom == atom.A && isRelative(attr(c, "href")):
				for g := c.FirstChild; g != nil; g = c.FirstChild {
					c.RemoveChild(g)
					n.InsertBefore(g, c)
				}
				n.RemoveChild(c)
			case c.DataAtom == atom.Img && isRelative(attr(c, "src")):
				n.RemoveChild(c)
			}
		}
		c = next
	}
}

func isRelative(ref string) bool {
	u, err := url.Parse(strings.TrimSpace(ref))
	return err == nil && !u.IsAbs() && !strings.HasPrefix(ref, "#") && !strings.HasPrefix(ref, "//")
}

// nextElement returns the element after n, past white space.
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Div, atom.Strong:
		return true
	}
	return false
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		b.WriteByte(' ')
	}
	return b.String()
}

// dropTitle removes a heading at the top of the body that repeats the
// title, which goes in the front matter instead.
func dropTitle(md []byte, title string) []byte {
	md = bytes.TrimSpace(md)
	first, rest, _ := bytes.Cut(md, []byte("\n"))
	if h := bytes.TrimLeft(first, "# "); bytes.HasPrefix(first, []byte("#")) && strings.EqualFold(string(h), title) {
		return rest
	}
	return md
}

// dropTrailingHeadings removes headings from the end of a Markdown body:
// a heading with nothing after it is the heading of a list of other
// stories whose links are gone ("Weitere Artikel", "Siehe auch", "More on
// this story"). Short lines without a full stop stay: on a public test
// set, a signature or a date there was the article's as often as not.
func dropTrailingHeadings(md []byte) []byte {
	blocks := bytes.Split(bytes.TrimSpace(md), []byte("\n\n"))
	for len(blocks) > 1 && bytes.HasPrefix(blocks[len(blocks)-1], []byte("#")) {
		blocks = blocks[:len(blocks)-1]
	}
	return bytes.Join(blocks, []byte("\n\n"))
}

// oneLine collapses runs of white space, so metadata fits one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// firstWords makes a title of a text's first sentence, cut to a dozen
// words.
func firstWords(text string) string {
	if i := strings.IndexAny(text, ".!?。！？"); i > 0 {
		text = text[:i]
	}
	words := strings.Fields(text)
	if len(words) > 12 {
		return strings.Join(words[:12], " ") + "…"
	}
	return strings.Join(words, " ")
}

// dateFrom dates the article from, in turn: the page's metadata, what
// readability finds, a date line in the page's language, a date in the
// page's address, and last the file's time, with a note saying it was
// guessed.
func (a *Article) dateFrom(m meta, page readability.Article, opts Options) error {
	if t, ok := m.date(opts.Location); ok {
		a.Date = t
		return nil
	}
	if t, err := page.PublishedTime(); err == nil && plausibleYear(t.Year()) {
		a.Date = t.In(opts.Location)
		return nil
	}
	langs := opts.Languages
	if len(langs) == 0 && m.lang != "" {
		langs = []string{m.lang}
	}
	for _, l := range m.dateLines {
		if d, ok := foreignDateLine(l, langs); ok {
			if t, ok := d.time(opts.Location); ok {
				a.Date = t
				return nil
			}
		}
	}
	if t, ok := urlDate(m.url, opts.Location); ok {
		a.Date = t
		return nil
	}
	if !opts.FileTime.IsZero() {
		a.Date = opts.FileTime.Truncate(time.Second).In(opts.Location)
		a.note("no publication date found in the page's metadata, <time> tags or address; dated by the file's time, %s", a.Date.Format(time.RFC3339))
		return nil
	}
	return skipf("no publication date found in the page's metadata, <time> tags or address")
}

// isArticleText reports whether text holds at least a sentence: ten words
// and a full stop, or, in a script written without spaces between words
// (Chinese, Japanese, Thai), some thirty letters and a full stop of its own.
func isArticleText(text string) bool {
	if strings.ContainsAny(text, ".!?") && wordCount(text) >= 10 {
		return true
	}
	if !strings.ContainsAny(text, "。！？.!?") {
		return false
	}
	n := 0
	for _, r := range text {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			n++
		}
	}
	return n >= 30
}
