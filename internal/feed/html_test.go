package feed

import (
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
		{"unparsable link dropped, text kept", `<a href="%zz">bad</a>`, "", `<a>bad</a>`},
		{"data attributes stay", `<span data-id="7">a</span>`, "", `<span data-id="7">a</span>`},
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

// FuzzArticleHTML: whatever the body, the result parses, holds no relative
// link or image and no script, and comes out the same twice.
func FuzzArticleHTML(f *testing.F) {
	for _, s := range []string{`<p><a href="x">a</a><img src="/y"></p>`, `<script>x</script>`, `<x-a><iframe src=v></iframe></x-a>`, `<a href="%zz">bad</a>`} {
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
		nodes, err := html.ParseFragment(strings.NewReader(got), element(atom.Div, nil))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == atom.Script {
				t.Errorf("script survived in %q", got)
			}
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					if u, err := url.Parse(a.Val); err != nil || !u.IsAbs() {
						t.Errorf("relative %s=%q in %q (from %q)", a.Key, a.Val, got, body)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		for _, n := range nodes {
			walk(n)
		}
	})
}
