package feed

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// urlAttrs are the attributes that hold one URL. A feed reader shows the
// content away from the site, where a relative URL points nowhere.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "poster": true, "cite": true, "longdesc": true,
}

// keptAttrs are the attributes a feed keeps, with data-*. Readers strip
// the rest (event handlers, style, ARIA roles such as the footnotes'
// role="doc-noteref") and validators warn about them, so they go.
var keptAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "sizes": true, "alt": true,
	"title": true, "width": true, "height": true, "id": true, "class": true,
	"lang": true, "dir": true, "colspan": true, "rowspan": true, "headers": true,
	"scope": true, "align": true, "start": true, "reversed": true, "type": true,
	"datetime": true, "cite": true, "poster": true, "longdesc": true,
	"hreflang": true, "rel": true, "loading": true, "decoding": true,
	"abbr": true, "span": true, "value": true, "name": true,
}

// droppedElems never reach a reader: they run code, restyle the reader's
// page or change how its links resolve.
var droppedElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Link: true, atom.Meta: true,
	atom.Base: true, atom.Template: true,
}

// framedElems embed another document; in a feed each becomes a link to it.
var framedElems = map[atom.Atom]string{
	atom.Iframe: "src", atom.Frame: "src", atom.Embed: "src", atom.Object: "data",
}

// articleHTML is an article's body for a feed: the lead image first, as
// the article page shows it, then the body, cleaned, with every URL
// resolved against the article's permalink. Root-relative links ("/x")
// thus resolve against the base URL's host, bundle files ("photo.jpg")
// against the article.
func articleHTML(body string, base *url.URL, image, alt string) (string, error) {
	root := element(atom.Div, nil)
	nodes, err := html.ParseFragment(strings.NewReader(body), root)
	if err != nil {
		return "", err
	}
	if image != "" {
		fig := element(atom.Figure, nil)
		fig.AppendChild(element(atom.Img, []html.Attribute{{Key: "src", Val: image}, {Key: "alt", Val: alt}}))
		root.AppendChild(fig)
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	clean(root, base)
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

func element(a atom.Atom, attrs []html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a, Attr: attrs}
}

func text(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }

// clean makes n's children safe and self-contained for a feed.
func clean(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type != html.ElementNode:
		case droppedElems[c.DataAtom] || c.Namespace != "":
			n.RemoveChild(c)
		case framedElems[c.DataAtom] != "":
			src := attr(c, framedElems[c.DataAtom])
			if abs, ok := resolve(base, src); ok && src != "" {
				a := element(atom.A, []html.Attribute{{Key: "href", Val: abs}})
				a.AppendChild(text(abs))
				n.InsertBefore(a, c)
			}
			n.RemoveChild(c)
		case c.DataAtom == 0:
			// An unknown element is not HTML to a reader; its text still is,
			// so its children take its place and are cleaned in turn.
			first := c.FirstChild
			for g := c.FirstChild; g != nil; g = c.FirstChild {
				c.RemoveChild(g)
				n.InsertBefore(g, c)
			}
			n.RemoveChild(c)
			if first != nil {
				next = first
			}
		default:
			cleanAttrs(c, base)
			clean(c, base)
		}
		c = next
	}
}

func cleanAttrs(n *html.Node, base *url.URL) {
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
			continue
		case urlAttrs[a.Key]:
			var ok bool
			if a.Val, ok = resolve(base, a.Val); !ok {
				continue
			}
		case a.Key == "srcset":
			a.Val = resolveSrcset(base, a.Val)
		case !keptAttrs[a.Key] && !strings.HasPrefix(a.Key, "data-"):
			continue
		}
		kept = append(kept, a)
	}
	n.Attr = kept
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// resolve makes ref absolute. A reference that does not parse points
// nowhere from a reader either, and validators flag it as relative, so it
// is reported to be dropped rather than guessed at.
func resolve(base *url.URL, ref string) (string, bool) {
	u, err := base.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// resolveSrcset resolves each candidate of "a.jpg 1x, b.jpg 2x".
func resolveSrcset(base *url.URL, set string) string {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		if abs, ok := resolve(base, f[0]); ok {
			f[0] = abs
		}
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}
