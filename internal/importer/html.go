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
	// The page's own address: only an absolute http or https URL is one
	// (a canonical link or JSON-LD may give a typo'd scheme), since the
	// article's source_url must be a web address.
	base, _ := url.Parse(m.url)
	if base != nil && (base.Scheme != "http" && base.Scheme != "https" || base.Host == "") {
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
		a.Title = oneLine(opts.Title)
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
			a.Authors = []string{bylineStart.ReplaceAllString(by, "")}
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
	if !opts.Date.IsZero() {
		a.Date = opts.Date.In(opts.Location)
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
