package pipeline_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// version matches the folder of one version of the search index.
var version = regexp.MustCompile(`^search/[0-9a-f]+/`)

// A plan cut down to some pages and feeds writes those, byte for byte as
// the whole plan does, and every file besides pages and feeds.
func TestWritePartOfAPlan(t *testing.T) {
	site := fstest.MapFS{
		"content/business/grocers.md":  {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-06\ntags: [retail]\n---\nBody.\n")},
		"content/world/ports/index.md": {Data: []byte("---\ntitle: Ports\ndate: 2025-01-07\n---\n![map](map.png)\n")},
		"content/world/ports/map.png":  {Data: []byte("png")},
		"content/world/harbours.md":    {Data: []byte("---\ntitle: Harbours\ndate: 2025-02-01\n---\nBody.\n")},
		"static/extra.txt":             {Data: []byte("extra")},
	}
	ctx := context.Background()
	p, err := pipeline.Open(ctx, site, "")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := p.Load(ctx, site, pipeline.Options{})
	if err != nil || len(loaded.Problems) > 0 {
		t.Fatalf("load: %v %v", err, loaded.Problems)
	}
	plan, err := p.Plan(p.Digest(loaded.Articles), p.Stories(loaded.Articles))
	if err != nil {
		t.Fatal(err)
	}
	all := output.NewMemory()
	st, err := p.Write(ctx, plan, site, all, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != len(plan.Pages) || st.Feeds != 3*len(plan.Feeds) || st.Files != len(all.Names()) {
		t.Errorf("stats %+v for %d pages, %d feed folders, %d files", st, len(plan.Pages), len(plan.Feeds), len(all.Names()))
	}

	part := *plan
	part.Pages = nil
	for _, j := range plan.Pages {
		if j.Page.Kind == "article" {
			part.Pages = append(part.Pages, j)
		}
	}
	part.Feeds = []string{"topics/world/"}
	some := output.NewMemory()
	if _, err := p.Write(ctx, &part, site, some, nil); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, name := range some.Names() {
		if string(some.Files()[name]) != string(all.Files()[name]) {
			t.Errorf("%s differs from the whole plan's", name)
		}
		got = append(got, version.ReplaceAllString(name, "search/V/"))
	}
	// The search index is written whole, as the sitemap is.
	want := []string{
		"2025/01/06/grocers/index.html", "2025/01/07/ports/index.html", "2025/01/07/ports/map.png",
		"2025/02/01/harbours/index.html", "extra.txt", "news-sitemap.xml", "robots.txt",
		"search.js", "search/V/r/0.json", "search/V/t/0.bin", "search/V/t/0.pos", "search/index.json",
		"sitemap.xml", "style.css",
		"topics/world/atom.xml", "topics/world/feed.json", "topics/world/feed.xml",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files written (-want +got):\n%s", diff)
	}
}

// A site with search turned off has no search page, no index and no
// search form in its pages.
func TestSearchOff(t *testing.T) {
	site := fstest.MapFS{
		"newsdigest.toml":             {Data: []byte("[search]\nenabled = false\n")},
		"content/business/grocers.md": {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-06\n---\nBody.\n")},
	}
	ctx := context.Background()
	p, err := pipeline.Open(ctx, site, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := p.Run(ctx, site, pipeline.Options{}, mem); err != nil {
		t.Fatal(err)
	}
	for name, data := range mem.Files() {
		if strings.HasPrefix(name, "search/") {
			t.Errorf("%s written with search off", name)
		}
		if strings.Contains(string(data), "masthead-search") && strings.HasSuffix(name, ".html") {
			t.Errorf("%s has the search form with search off", name)
		}
	}
	if _, ok := mem.Files()["2025/01/06/grocers/index.html"]; !ok {
		t.Error("the article was not written")
	}
}
