package importer

import (
	"fmt"
	"net/url"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Fragment converts a piece of an article's HTML, such as a feed item's
// content, to a Markdown body with the cleaning a page's text gets: calls
// to share or subscribe and lists of other stories dropped, links made
// absolute against base, or unwrapped when base is nil and they are
// relative. The fragment should already be sanitised: what it holds of
// markup is kept as Markdown can write it.
func Fragment(fragment string, base *url.URL) (string, error) {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), root)
	if err != nil {
		return "", fmt.Errorf("unreadable HTML: %w", err)
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	dropBoilerplate(root, nil)
	if base != nil && base.IsAbs() {
		resolveLinks(root, base)
	} else {
		dropRelative(root)
	}
	md, err := htmltomarkdown.ConvertNode(root)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	return tidy(md), nil
}

// resolveLinks makes the address of every link and image absolute against
// base: a feed's item may name a photo beside the article ("photo.jpg").
func resolveLinks(n *html.Node, base *url.URL) {
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			if a.Key != "href" && a.Key != "src" {
				continue
			}
			if ref, err := url.Parse(strings.TrimSpace(a.Val)); err == nil {
				n.Attr[i].Val = base.ResolveReference(ref).String()
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		resolveLinks(c, base)
	}
}
