package importer

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readability keeps what looks like the article's text; these remove what
// inside it is still the site's: calls, appeals, promotions, lists of
// links, text repeated across the batch, and headings left with nothing
// under them.

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
