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
	"href": true, "src": true, "poster": true, "cite": true,
	"action": true, "longdesc": true, "background": true,
}

// articleHTML is an article's body for a feed: the lead image first, as
// the article page shows it, then the body, with every URL resolved against
// the article's permalink. Root-relative links ("/x") thus resolve against
// the base URL's host, bundle files ("photo.jpg") against the article.
func articleHTML(body string, base *url.URL, image, alt string) (string, error) {
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{
		Type: html.ElementNode, Data: "div", DataAtom: atom.Div,
	})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if image != "" {
		fig := element(atom.Figure, nil)
		fig.AppendChild(element(atom.Img, []html.Attribute{{Key: "src", Val: image}, {Key: "alt", Val: alt}}))
		if err := html.Render(&b, fig); err != nil {
			return "", err
		}
	}
	for _, n := range nodes {
		absolutize(n, base)
		if err := html.Render(&b, n); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

func element(a atom.Atom, attrs []html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a, Attr: attrs}
}

func absolutize(n *html.Node, base *url.URL) {
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			switch {
			case a.Namespace != "":
			case urlAttrs[a.Key] || a.Key == "data" && n.DataAtom == atom.Object:
				n.Attr[i].Val = resolve(base, a.Val)
			case a.Key == "srcset":
				n.Attr[i].Val = resolveSrcset(base, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		absolutize(c, base)
	}
}

// resolve makes ref absolute. A reference that does not parse is left as
// it is: guessing would change where it points.
func resolve(base *url.URL, ref string) string {
	u, err := base.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return u.String()
}

// resolveSrcset resolves each candidate of "a.jpg 1x, b.jpg 2x".
func resolveSrcset(base *url.URL, set string) string {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[0] = resolve(base, f[0])
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}
