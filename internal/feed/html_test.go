package feed

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestArticleHTML(t *testing.T) {
	base, err := url.Parse("https://example.org/news/2025/03/04/story/")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body, image, want string
	}{
		{"bundle image", `<p><img src="photo.jpg" alt="A"></p>`, "",
			`<p><img src="https://example.org/news/2025/03/04/story/photo.jpg" alt="A"/></p>`},
		{"root-relative against the host", `<a href="/about/">x</a>`, "",
			`<a href="https://example.org/about/">x</a>`},
		{"parent folder", `<a href="../../03/other/">x</a>`, "",
			`<a href="https://example.org/news/2025/03/03/other/">x</a>`},
		{"fragment", `<a href="#fn:1">1</a>`, "",
			`<a href="https://example.org/news/2025/03/04/story/#fn:1">1</a>`},
		{"absolute kept", `<a href="https://other.example/x?a=1&amp;b=2">x</a> <a href="mailto:desk@example.org">m</a>`, "",
			`<a href="https://other.example/x?a=1&amp;b=2">x</a> <a href="mailto:desk@example.org">m</a>`},
		{"protocol-relative", `<img src="//cdn.example/i.png">`, "",
			`<img src="https://cdn.example/i.png"/>`},
		{"srcset", `<img src="a.jpg" srcset="a.jpg 1x, /b.jpg 2x">`, "",
			`<img src="https://example.org/news/2025/03/04/story/a.jpg" srcset="https://example.org/news/2025/03/04/story/a.jpg 1x, https://example.org/b.jpg 2x"/>`},
		{"lead image first", `<p>Text</p>`, "https://example.org/news/2025/03/04/story/lead.jpg",
			`<figure><img src="https://example.org/news/2025/03/04/story/lead.jpg" alt="Alt"/></figure><p>Text</p>`},
		{"scripts, styles and handlers go", `<p onclick="x()" style="color:red">a</p><script>evil()</script><style>p{}</style>`, "",
			`<p>a</p>`},
		{"footnote roles go, ids stay", `<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, "",
			`<sup id="fnref:1"><a class="footnote-ref" href="https://example.org/news/2025/03/04/story/#fn:1">1</a></sup>`},
		{"frame becomes a link", `<iframe src="/player/1"></iframe>`, "",
			`<a href="https://example.org/player/1">https://example.org/player/1</a>`},
		{"unknown element unwrapped", `<x-note><b>kept</b> text</x-note><p>after</p>`, "",
			`<b>kept</b> text<p>after</p>`},
		{"comments go", `<p>a<!-- draft --></p>`, "", `<p>a</p>`},
		{"unparsable link dropped, text kept", `<a href="%zz">bad</a>`, "", `bad`},
		{"data attributes stay", `<span data-id="7">a</span>`, "", `<span data-id="7">a</span>`},
		// markup.unsafe lets an author write any HTML; a reader shows it on
		// its own origin, so no link there may run code.
		{"javascript link", `<a href="javascript:alert(1)">j</a> <a href=" JaVaScRiPt:alert(1)">k</a>`, "", `j k`},
		{"vbscript and data links", `<a href="vbscript:msgbox(1)">v</a><a href="data:text/html,x">d</a>`, "", `vd`},
		{"object with a javascript URL", `<p>a<object data="javascript:alert(2)"></object></p>`, "", `<p>a</p>`},
		{"embed with a javascript URL", `<embed src="javascript:alert(2)">`, "", ``},
		{"html data image", `<img src="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;" alt="x">`, "", `<img alt="x"/>`},
		{"png data image stays", `<img src="data:image/png;base64,iVBORw0KGgo=">`, "", `<img src="data:image/png;base64,iVBORw0KGgo="/>`},
		{"javascript in srcset", `<img src="x.jpg" srcset="javascript:alert(4) 1x">`, "",
			`<img src="https://example.org/news/2025/03/04/story/x.jpg"/>`},
		{"javascript after a good srcset candidate", `<img src="x.jpg" srcset="a.jpg 1x, javascript:alert(4) 2x">`, "",
			`<img src="https://example.org/news/2025/03/04/story/x.jpg"/>`},
		{"javascript poster", `<video poster="javascript:alert(5)" src="v.mp4"></video>`, "",
			`<video src="https://example.org/news/2025/03/04/story/v.mp4"></video>`},
		{"poster resolved", `<video poster="p.jpg"></video>`, "",
			`<video poster="https://example.org/news/2025/03/04/story/p.jpg"></video>`},
		{"noscript fallback cleaned", `<noscript><img src=x onerror=alert(6)></noscript>`, "",
			`<img src="https://example.org/news/2025/03/04/story/x"/>`},
		{"javascript cite", `<blockquote cite="javascript:alert(7)">q</blockquote>`, "", `<blockquote>q</blockquote>`},
		{"svg goes", `<svg><a href="javascript:alert(8)"><text>t</text></a></svg>after`, "", `after`},
		{"forms and frames of other kinds go", `<form action="javascript:x"><input type="text" onfocus="x" autofocus><button formaction="javascript:x">b</button></form>`, "", `b`},
		{"task list box kept", `<li><input checked="" disabled="" type="checkbox"> done</li>`, "",
			`<li><input checked="" disabled="" type="checkbox"/> done</li>`},
		{"base and meta go", `<base href="javascript:x"><meta http-equiv="refresh" content="0;url=javascript:x"><p>t</p>`, "", `<p>t</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := articleHTML(tt.body, base, tt.image, "Alt")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("articleHTML(%q)\n got %s\nwant %s", tt.body, got, tt.want)
			}
		})
	}
}

// FuzzArticleHTML: whatever the body, the result is balanced markup that
// parses, comes out the same twice, and holds no relative URL, no URL of
// a scheme that runs code or shows a document (javascript:, vbscript:,
// data: other than an image), no event handler and no element that runs
// code or embeds a document.
func FuzzArticleHTML(f *testing.F) {
	for _, s := range []string{
		`<p><a href="x">a</a><img src="/y"></p>`, `<script>x</script>`, `<x-a><iframe src=v></iframe></x-a>`, `<a href="%zz">bad</a>`,
		`<a href="javascript:alert(1)">j</a>`, `<object data="javascript:alert(2)"></object>`,
		`<img src="data:text/html,<script>alert(3)</script>">`, `<img srcset="javascript:alert(4) 1x, a.jpg 2x">`,
		`<video poster="javascript:alert(5)"></video>`, `<noscript><img src=x onerror=alert(6)></noscript>`,
		`<svg><a xlink:href="javascript:x">s</a></svg>`, `<math><mi href="javascript:x">m</mi></math>`,
		`<p><marquee><p>x</marquee>`, `<table><td><style>x</style><textarea>&lt;/textarea&gt;<img onerror=x>`,
	} {
		f.Add(s)
	}
	base, _ := url.Parse("https://example.org/news/2025/03/04/story/")
	f.Fuzz(func(t *testing.T, body string) {
		got, err := articleHTML(body, base, "", "")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := articleHTML(body, base, "", "")
		if got != again {
			t.Fatalf("two runs differ:\n%s\n%s", got, again)
		}
		if problem := unsafeMarkup(got); problem != "" {
			t.Errorf("%s in %q (from %q)", problem, got, body)
		}
	})
}

// unsafeMarkup returns what is wrong with a feed's content, or "".
func unsafeMarkup(s string) string {
	var open []string
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		tok := z.Token()
		switch tt {
		case html.ErrorToken:
			if len(open) > 0 {
				return fmt.Sprintf("unclosed <%s>", open[len(open)-1])
			}
			return ""
		case html.CommentToken, html.DoctypeToken:
			return "a comment or doctype"
		case html.EndTagToken:
			if len(open) == 0 || open[len(open)-1] != tok.Data {
				return fmt.Sprintf("</%s> closes nothing open", tok.Data)
			}
			open = open[:len(open)-1]
			continue
		case html.TextToken:
			continue
		}
		switch tok.DataAtom {
		case atom.Script, atom.Style, atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Base, atom.Link, atom.Meta,
			atom.Form, atom.Svg, atom.Math, atom.Noscript, atom.Template, atom.Textarea, atom.Title, atom.Xmp, atom.Plaintext:
			return fmt.Sprintf("a <%s> element", tok.Data)
		}
		if tt == html.StartTagToken && !voidElements[tok.DataAtom] {
			open = append(open, tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"), key == "style", key == "formaction", key == "action", key == "xmlns", strings.Contains(key, ":"):
				return fmt.Sprintf("attribute %s", a.Key)
			case key == "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						if p := badURL(f[0], false); p != "" {
							return "srcset " + p
						}
					}
				}
			case urlAttrKeys[key]:
				if p := badURL(a.Val, tok.DataAtom == atom.Img && key == "src"); p != "" {
					return key + " " + p
				}
			}
		}
	}
}

var urlAttrKeys = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "data": true, "longdesc": true, "background": true, "action": true}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true, atom.Img: true, atom.Input: true,
	atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// badURL says what is wrong with a URL in a feed: relative, or of a scheme
// other than http, https and mailto (and data:image/ for an image).
func badURL(v string, image bool) string {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return fmt.Sprintf("%q does not parse", v)
	case image && u.Scheme == "data" && strings.HasPrefix(strings.ToLower(u.Opaque), "image/"):
		return ""
	case !u.IsAbs():
		return fmt.Sprintf("%q is relative", v)
	case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto":
		return fmt.Sprintf("%q has the scheme %s", v, u.Scheme)
	}
	return ""
}
