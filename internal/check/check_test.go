package check_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/check"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

const linksBody = `---
title: Links of every kind
date: 2025-01-06T10:00:00Z
---
A [sibling story](../other/), a [site path](/2025/01/06/other/) and a [heading](#section-two) that exist.
An [outside page](https://example.org/x), [another site on this host](https://example.com/sport/x)
and [mail](mailto:desk@example.com) are not followed.
![A picture in the bundle](pic.jpg)

## Section two

A [story that was never written](../../07/nothing/),
a [site path](/about/) to a page that does not exist,
![a missing picture](missing.jpg)
and a [fragment](#nowhere) with no target.
Once more, the [unwritten story](../../07/nothing/).
`

func site() fstest.MapFS {
	return fstest.MapFS{
		"newsdigest.toml":                  {Data: []byte("baseURL = \"https://example.com/news/\"\n[markup]\nunsafe = true # publishes notes/y.html\n")},
		"content/world/links/index.md":     {Data: []byte(linksBody)},
		"content/world/links/pic.jpg":      {Data: []byte("jpeg")},
		"content/world/other.md":           {Data: []byte("---\ntitle: Other\ndate: 2025-01-06T09:00:00Z\n---\nText.\n")},
		"content/world/bad.md":             {Data: []byte("---\ndate: 2025-01-06\n---\nNo title.\n")},
		"templates/404.html":               {Data: []byte("{{define \"main\"}}<h1>Lost</h1>\n<p><a href=\"{{url \"missing/\"}}\">gone</a> <a href=\"/about/\">about</a></p>{{end}}\n")},
		"content/world/links/notes/x.txt":  {Data: []byte("a bundle file in a subfolder")},
		"content/world/links/notes/y.html": {Data: []byte("<a href=\"x.txt\">fine</a>")},
		"static/css/site.css":              {Data: []byte("body {\n  background: url(\"../img/paper.png\");\n}\nh1 { background: url(data:image/png;base64,AAAA) }\n.x { background: url( 'site.css' ) }\n")},
	}
}

func TestSite(t *testing.T) {
	fsys := site()
	p, err := pipeline.Open(context.Background(), fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := check.Site(context.Background(), p, fsys, pipeline.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		if !isFeedLink(p.Msg) {
			got = append(got, p.String())
		}
	}
	want := []string{
		`content/world/bad.md:1: title: missing; every article needs a title`,
		`404.html:40: link "/news/missing/": nothing at /news/missing/ in the built site`,
		`404.html:40: link "/about/" leaves the site's base path /news/`,
		`content/world/links/index.md:12: link "../../07/nothing/": nothing at /news/2025/01/07/nothing/ in the built site`,
		`content/world/links/index.md:13: link "/news/about/": nothing at /news/about/ in the built site`,
		`content/world/links/index.md:14: link "missing.jpg": nothing at /news/2025/01/06/links/missing.jpg in the built site`,
		`content/world/links/index.md:15: link "#nowhere": no element with id "nowhere" at /news/2025/01/06/links/index.html`,
		`content/world/links/index.md:16: link "../../07/nothing/": nothing at /news/2025/01/07/nothing/ in the built site`,
		`css/site.css:2: link "../img/paper.png": nothing at /news/img/paper.png in the built site`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if rep.Articles != 2 || rep.Links < 20 {
		t.Errorf("checked %d articles and %d links, want 2 and at least 20", rep.Articles, rep.Links)
	}
}

// isFeedLink tells the links to feed files, which the feeds tests cover;
// until feeds are rendered every page's feed links lead nowhere.
func isFeedLink(msg string) bool {
	for _, f := range []string{"feed.xml", "atom.xml", "feed.json"} {
		if strings.Contains(msg, f+`"`) {
			return true
		}
	}
	return false
}
