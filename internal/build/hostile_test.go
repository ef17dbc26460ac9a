package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"

	"golang.org/x/net/html"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// xss is planted in every text field an article has. Each copy is marked so
// that a leak names the field it came from.
func xss(field string) string {
	return `<script>alert("xss-` + field + `")</script><img src=x onerror=alert("xss-` + field + `")>`
}

const hostileBody = `First paragraph with <script>alert("xss-body")</script> and <b onclick="alert('xss-body')">bold</b>.

[js](javascript:alert("xss-link"))
[upper](JaVaScRiPt:alert("xss-link"))
[vb](vbscript:msgbox("xss-link"))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=)
[entity](jav&#x61;script:alert("xss-link"))
[tab](<java	script:alert("xss-link")>)
<javascript:alert("xss-link")>
![img](javascript:alert("xss-link"))

<div onmouseover="alert('xss-block')">block</div>
`

func hostileSite(unsafe bool) fstest.MapFS {
	front := "---\n" +
		"title: '" + xss("title") + "'\n" +
		"date: 2025-01-06T09:00:00Z\n" +
		"topic: '" + xss("topic") + " World'\n" +
		"tags: ['" + xss("tag") + " politics']\n" +
		"summary: '" + xss("summary") + "'\n" +
		"authors: ['" + xss("author") + "']\n" +
		"source: '" + xss("source") + "'\n" +
		"source_url: 'https://example.com/a?q=\"><script>alert(\"xss-sourceurl\")</script>'\n" +
		"dateline: '" + xss("dateline") + "'\n" +
		"---\n"
	cfg := "title = '" + xss("sitetitle") + "'\n"
	if unsafe {
		cfg += "[markup]\nunsafe = true\n"
	}
	return fstest.MapFS{
		"newsdigest.toml":          {Data: []byte(cfg)},
		"content/world/hostile.md": {Data: []byte(front + hostileBody)},
		"content/world/second.md": {Data: []byte("---\ntitle: '" + xss("second") + "'\ndate: 2025-01-06T08:00:00Z\n---\n" +
			"No summary given, so the first paragraph <script>alert(\"xss-firstpara\")</script> is used.\n")},
	}
}

// renderHostile builds a site into memory and fails on any problem.
func renderHostile(t *testing.T, fsys fstest.MapFS) *output.Memory {
	t.Helper()
	p, err := pipeline.Open(context.Background(), fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := p.Run(context.Background(), fsys, pipeline.Options{Now: now}, mem)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if n := len(res.Digest.Articles); n != 2 || len(res.Loaded.Problems) > 0 {
		t.Fatalf("built %d articles (problems %v), want 2", n, res.Loaded.Problems)
	}
	return mem
}

// TestHostileContentEscaped checks every output file, whatever its kind:
// HTML is parsed and searched for scripts, event handlers and dangerous
// link schemes that carry the marker; other files must not hold the markup
// unescaped.
func TestHostileContentEscaped(t *testing.T) {
	mem := renderHostile(t, hostileSite(false))
	checked := 0
	for name, data := range mem.Files() {
		switch path.Ext(name) {
		case ".html":
			checked++
			for _, leak := range htmlLeaks(t, data) {
				t.Errorf("%s: %s", name, leak)
			}
		default:
			// Outside HTML, markup must stay text: no raw tag at all. The
			// words "onerror=alert" may appear, escaped, as text.
			for _, raw := range []string{"<script", "<img src=x"} {
				if bytes.Contains(bytes.ToLower(data), []byte(raw)) {
					t.Errorf("%s holds %q unescaped", name, raw)
				}
			}
			// A feed's content is HTML that readers render: it gets the
			// same check as a page.
			if strings.HasSuffix(name, "feed.xml") || strings.HasSuffix(name, "atom.xml") || strings.HasSuffix(name, "feed.json") {
				parsed, err := gofeed.NewParser().ParseString(string(data))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				var jsonHTML map[string]string // content_html by id
				if parsed.FeedType == "json" {
					jsonHTML = contentHTML(t, data)
				}
				for _, it := range parsed.Items {
					// RSS descriptions are HTML; Atom's text summaries
					// and JSON Feed's summaries are plain text, which
					// readers never parse. gofeed reads JSON Feed's
					// content_text, plain text too, as the content, so
					// there only content_html is HTML.
					htmls := []string{it.Content}
					switch parsed.FeedType {
					case "rss":
						htmls = append(htmls, it.Description)
					case "json":
						htmls = []string{jsonHTML[it.GUID]}
					}
					for _, html := range htmls {
						for _, leak := range htmlLeaks(t, []byte(html)) {
							t.Errorf("%s: item %s: %s", name, it.Link, leak)
						}
					}
				}
			}
		}
	}
	if checked < 5 {
		t.Errorf("checked only %d HTML pages", checked)
	}
	// The text survives, escaped, where readers see it.
	page := string(mem.Files()["2025/01/06/hostile/index.html"])
	for _, want := range []string{"&lt;script&gt;alert(&#34;xss-title&#34;)&lt;/script&gt;", "xss-dateline", "xss-source", "xss-author"} {
		if !strings.Contains(page, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
}

// TestUnsafeMarkupPassesRawHTML documents markup.unsafe = true: the body's
// HTML and links are trusted as written, while front matter fields stay
// escaped.
func TestUnsafeMarkupPassesRawHTML(t *testing.T) {
	mem := renderHostile(t, hostileSite(true))
	page := string(mem.Files()["2025/01/06/hostile/index.html"])
	for _, want := range []string{`<script>alert(`, `<div onmouseover=`, `href="javascript:alert(`} {
		if !strings.Contains(page, want) {
			t.Errorf("with markup.unsafe the body lacks %q", want)
		}
	}
	for _, leak := range htmlLeaks(t, []byte(page)) {
		for _, field := range []string{"title", "topic", "tag", "summary", "author", "source", "dateline", "sitetitle", "sourceurl"} {
			if strings.Contains(leak, "xss-"+field+`"`) {
				t.Errorf("with markup.unsafe the %s leaked: %s", field, leak)
			}
		}
	}
}

// htmlLeaks lists the script elements, event handler attributes and
// javascript:, vbscript: or data: links in a page that carry the xss marker
// or a dangerous scheme.
func htmlLeaks(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var leaks []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" && n.FirstChild != nil {
				// Structured data is a data block, never run: it must stay
				// one whole JSON value. Any other script must not exist.
				data := n.FirstChild.Data
				switch {
				case attrOf(n, "type") == "application/ld+json":
					if !json.Valid([]byte(data)) {
						leaks = append(leaks, "JSON-LD broken open: "+data)
					}
				case strings.Contains(data, "xss"):
					leaks = append(leaks, "script element: "+data)
				}
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.Map(dropSpace, a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					leaks = append(leaks, "event handler "+a.Key+"="+a.Val)
				case (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text")):
					leaks = append(leaks, "dangerous link "+a.Key+"="+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return leaks
}

// contentHTML reads the content_html of each item of a JSON Feed, by id.
func contentHTML(t *testing.T, data []byte) map[string]string {
	t.Helper()
	var doc struct {
		Items []struct {
			ID   string `json:"id"`
			HTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, it := range doc.Items {
		out[it.ID] = it.HTML
	}
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// dropSpace removes what browsers strip from a URL before reading its
// scheme.
func dropSpace(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' || r == ' ' {
		return -1
	}
	return r
}
