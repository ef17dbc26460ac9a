package feed_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/urls"
	"golang.org/x/net/html"
)

// TestEntryLinksExist follows every entry's link, and every link of the
// content that points into the site, to a file of the same build.
func TestEntryLinksExist(t *testing.T) {
	// The tremor story links to pages the site does not have, to show how
	// each kind of relative link resolves; every other link must land.
	elsewhere := map[string]bool{
		baseURL + "2025/03/04/zurich-tremor/map/":        true,
		baseURL + "2025/03/03/faq/":                      true,
		baseURL + "2025/03/04/zurich-tremor/shelves.jpg": true,
	}
	mem := buildSite(t, nil)
	files := mem.Files()
	for _, name := range feedFiles(mem) {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, it := range f.Items {
			if p := sitePath(it.Link); p == "" || files[p] == nil {
				t.Errorf("%s: entry link %s: no page %q in the output", name, it.Link, p)
			}
			for _, u := range contentURLs(t, it.Content) {
				if p := sitePath(u); p != "" && !elsewhere[u] && files[p] == nil {
					t.Errorf("%s: %s links to %s: no file %q", name, it.Link, u, p)
				}
			}
		}
	}
}

// TestTopicFeeds checks that a topic's feeds hold its newest stories, and
// only them, up to feeds.items (3 in the fixture).
func TestTopicFeeds(t *testing.T) {
	files := buildSite(t, nil).Files()
	tests := []struct {
		dir  string
		want []string
	}{
		{"topics/world/", []string{"2025/03/04/zurich-tremor/", "2025/03/03/port-strike/", "2025/03/02/ferry-route/"}},
		{"topics/business/", []string{"2025/03/04/harbour-bakery/"}},
		{"topics/science/", []string{"2025/03/03/eel-count/"}},
		{"", []string{"2025/03/04/harbour-bakery/", "2025/03/04/zurich-tremor/", "2025/03/03/port-strike/"}},
		{"editions/", []string{"2025/03/04/", "2025/03/03/", "2025/03/02/"}},
	}
	for _, tt := range tests {
		for _, name := range []string{"feed.xml", "atom.xml", "feed.json"} {
			f, err := gofeed.NewParser().Parse(bytes.NewReader(files[tt.dir+name]))
			if err != nil {
				t.Fatalf("%s%s: %v", tt.dir, name, err)
			}
			var got []string
			for _, it := range f.Items {
				got = append(got, strings.TrimPrefix(it.Link, baseURL))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s%s items (-want +got):\n%s", tt.dir, name, diff)
			}
		}
	}
}

// TestEditionContent checks that a daily edition's item is that day's
// digest: the topics in the site's order, each with its stories' links
// and summaries.
func TestEditionContent(t *testing.T) {
	files := buildSite(t, nil).Files()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(files["editions/feed.json"]))
	if err != nil {
		t.Fatal(err)
	}
	var day *gofeed.Item
	for _, it := range f.Items {
		if it.Link == baseURL+"2025/03/03/" {
			day = it
		}
	}
	if day == nil {
		t.Fatal("no item for the edition of 3 March 2025")
	}
	doc, err := html.Parse(strings.NewReader(day.Content))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "h2" || n.Data == "a" || n.Data == "p") {
			got = append(got, n.Data+": "+strings.Join(strings.Fields(textOf(n)), " "))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	want := []string{
		"h2: World",
		"a: World",
		"p: Dockers in Gdańsk & Rotterdam end strike",
		"a: Dockers in Gdańsk & Rotterdam end strike",
		"p: The strike at the two largest ports on the continent ended after nine days, with a pay deal that runs to 2027.",
		"h2: Science",
		"a: Science",
		"p: Eel count: <em> is not a tag, 3 < 5",
		"a: Eel count: <em> is not a tag, 3 < 5",
		"p: Volunteers counted glass eels at the river mouth for the tenth spring.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edition content (-want +got):\n%s", diff)
	}
	if day.Title != "Edition of Monday, 3 March 2025" {
		t.Errorf("title %q", day.Title)
	}
}

// TestDiscovery checks the <link rel="alternate"> of the pages: every page
// links the site's feeds, a topic page its topic's too, the front page and
// the archive the editions feed, and each link names a file of the build
// with the type of that file.
func TestDiscovery(t *testing.T) {
	files := buildSite(t, nil).Files()
	types := map[string]string{}
	for _, f := range urls.FeedFiles {
		types[f.Name] = f.Type
	}
	site := []string{"feed.xml", "atom.xml", "feed.json"}
	with := func(dir string) []string {
		out := append([]string(nil), site...)
		for _, n := range site {
			out = append(out, dir+n)
		}
		return out
	}
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", with("editions/")},
		{"archive/index.html", with("editions/")},
		{"topics/world/index.html", append([]string{"topics/world/feed.xml", "topics/world/atom.xml", "topics/world/feed.json"}, site...)},
		{"topics/world/page/2/index.html", nil}, // fixture paginates at 20: no page 2
		{"2025/03/04/zurich-tremor/index.html", site},
		{"2025/03/04/index.html", site},
		{"tags/ports/index.html", site},
	}
	for _, tt := range tests {
		page, ok := files[tt.page]
		if tt.want == nil {
			if ok {
				t.Errorf("%s exists; the fixture was meant to have one page per topic", tt.page)
			}
			continue
		}
		if !ok {
			t.Fatalf("no page %s", tt.page)
		}
		var got []string
		for _, l := range alternates(t, page) {
			p := sitePath(l.href)
			if files[p] == nil {
				t.Errorf("%s links to %s, which the build did not write", tt.page, l.href)
			}
			if want := types[p[strings.LastIndex(p, "/")+1:]]; l.typ != want {
				t.Errorf("%s: %s has type %q, want %q", tt.page, l.href, l.typ, want)
			}
			got = append(got, p)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s feeds (-want +got):\n%s", tt.page, diff)
		}
	}
}

type alternate struct{ href, typ string }

func alternates(t *testing.T, page []byte) []alternate {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []alternate
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" && attrOf(n, "rel") == "alternate" {
			out = append(out, alternate{attrOf(n, "href"), attrOf(n, "type")})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
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

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// contentURLs lists the URLs of the links and images of an HTML fragment.
func contentURLs(t *testing.T, fragment string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestEmptySite: a site with no stories yet still has the feeds its pages
// link to, and each is a valid, empty feed.
func TestEmptySite(t *testing.T) {
	_, mem := runSite(t, fstest.MapFS{}, func(c *config.Config) { c.SetBaseURL("https://example.org/") })
	files := mem.Files()
	got := feedFiles(mem)
	want := []string{"atom.xml", "editions/atom.xml", "editions/feed.json", "editions/feed.xml", "feed.json", "feed.xml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("feed files (-want +got):\n%s", diff)
	}
	for _, name := range got {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(files[name]))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Items) != 0 {
			t.Errorf("%s has %d items", name, len(f.Items))
		}
	}
	if !bytes.Contains(files["feed.json"], []byte(`"items": []`)) {
		t.Errorf("feed.json lacks the empty items array JSON Feed requires:\n%s", files["feed.json"])
	}
	if bytes.Contains(files["feed.xml"], []byte("pubDate")) {
		t.Errorf("feed.xml gives a date with no item to take it from:\n%s", files["feed.xml"])
	}
}
