package feed

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// articleHTML is an article's body for a feed: the lead image first, as
// the article page shows it, then the body with every URL resolved
// against the article's permalink, then sanitised by feedPolicy. Root-
// relative links ("/x") thus resolve against the base URL's host, bundle
// files ("photo.jpg") against the article. The body may be raw HTML from
// an author trusted with markup.unsafe, but a feed reader shows it on
// another origin, so the policy, not the author, has the last word.
func articleHTML(body string, base *url.URL, image, alt string) (string, error) {
	resolved, err := resolveAll(body, base, image, alt)
	if err != nil {
		return "", err
	}
	return feedPolicy.Sanitize(resolved), nil
}

// absURL, absSrcset: what a resolved URL attribute may hold. bluemonday
// checks the scheme of href, cite and most src attributes itself, but
// leaves srcset, poster and a source's src alone.
var (
	absURL    = regexp.MustCompile(`^https?://\S+$`)
	absSrcset = regexp.MustCompile(`^https?://\S+(\s+[0-9.]+[wx])?(\s*,\s*https?://\S+(\s+[0-9.]+[wx])?)*$`)
)

// feedPolicy is what a feed's content may hold: the elements and
// attributes an article body uses, with absolute http, https or mailto
// URLs (and data: images). Everything else goes, its text kept, except
// where the text is code or a fallback (script, style, iframe…). Roles
// such as the footnotes' role="doc-noteref" go too: the W3C validator
// counts them a security risk, and readers strip them.
var feedPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr",
		"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "kbd", "samp", "var",
		"figure", "figcaption", "picture", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
		"em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "dfn", "q",
		"time", "wbr", "ruby", "rt", "rp", "bdi", "bdo", "details", "summary", "section", "article", "aside",
	)
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.AllowDataURIImages()
	p.AllowDataAttributes()

	p.AllowAttrs("id", "class", "title", "lang", "dir").Globally()
	p.AllowAttrs("href", "hreflang", "rel", "type", "name").OnElements("a")
	p.AllowAttrs("src", "alt", "width", "height", "loading", "decoding", "sizes").OnElements("img")
	p.AllowAttrs("srcset").Matching(absSrcset).OnElements("img", "source")
	p.AllowAttrs("src").Matching(absURL).OnElements("source")
	p.AllowAttrs("type", "media", "sizes", "width", "height").OnElements("source")
	p.AllowAttrs("src", "width", "height", "controls").OnElements("video", "audio")
	p.AllowAttrs("poster").Matching(absURL).OnElements("video")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("datetime").OnElements("time", "del", "ins")
	p.AllowAttrs("start", "reversed", "type").OnElements("ol")
	p.AllowAttrs("value").OnElements("li")
	p.AllowAttrs("colspan", "rowspan", "headers", "scope", "abbr", "align").OnElements("th", "td")
	p.AllowAttrs("align").OnElements("table", "tr", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("span").OnElements("col", "colgroup")
	// A task list's box, which goldmark writes as a disabled checkbox.
	p.AllowElements("input")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	p.AllowAttrs("src", "kind", "srclang", "label").OnElements("track")
	p.AllowElements("video", "audio", "source", "track")
	return p
}()

// resolveAll parses body, puts the lead image first, and makes every URL
// absolute, ready for feedPolicy: a frame becomes a link to what it
// showed, and noscript gives way to its fallback, which is what a reader
// that runs no script shows.
func resolveAll(body string, base *url.URL, image, alt string) (string, error) {
	root := element(atom.Div, nil)
	// Without scripting, noscript's content is markup to clean rather than
	// raw text that would be written out as it came.
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(body), root, html.ParseOptionEnableScripting(false))
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
	resolveTree(root, base)
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// urlAttrs are the attributes that hold one URL. A feed reader shows the
// content away from the site, where a relative URL points nowhere.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "poster": true, "cite": true,
}

// framedElems embed another document; in a feed each becomes a link to it.
var framedElems = map[atom.Atom]string{
	atom.Iframe: "src", atom.Frame: "src", atom.Embed: "src", atom.Object: "data",
}

// droppedElems go with their content: code, styles, or markup from
// another namespace (SVG, MathML) whose URLs the policy does not know.
var droppedElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true,
}

func element(a atom.Atom, attrs []html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a, Attr: attrs}
}

func text(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }

// resolveTree makes the URLs of n's descendants absolute.
func resolveTree(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type != html.ElementNode:
		case droppedElems[c.DataAtom] || c.Namespace != "":
			n.RemoveChild(c)
		case framedElems[c.DataAtom] != "":
			src := attr(c, framedElems[c.DataAtom])
			if abs, ok := resolve(base, src); ok && src != "" && absURL.MatchString(abs) {
				a := element(atom.A, []html.Attribute{{Key: "href", Val: abs}})
				a.AppendChild(text(abs))
				n.InsertBefore(a, c)
			}
			n.RemoveChild(c)
		case c.DataAtom == atom.Noscript:
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
			resolveAttrs(c, base)
			resolveTree(c, base)
		}
		c = next
	}
}

func resolveAttrs(n *html.Node, base *url.URL) {
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		switch {
		case urlAttrs[a.Key]:
			var ok bool
			if a.Val, ok = resolve(base, a.Val); !ok {
				continue
			}
		case a.Key == "srcset":
			a.Val = resolveSrcset(base, a.Val)
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
