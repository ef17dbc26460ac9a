package feed_test

import (
	"context"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
)

// fixture is testdata/site: bundles with images, non-ASCII titles and
// names, "<" and "&" in titles, relative, root-relative and fragment
// links, a footnote, a table, TOML and YAML front matter, and feeds.items
// = 3 with four stories in one topic.
const fixture = "testdata/site"

// now is after every story of the fixture, so none is left out as future.
var now = time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC)

// buildSite runs the whole build of the fixture into memory; change, when
// set, edits the config first.
func buildSite(t *testing.T, change func(*config.Config)) *output.Memory {
	t.Helper()
	site, err := build.LoadSite(os.DirFS(fixture), "")
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(site.Config)
	}
	mem := output.NewMemory()
	res, _, err := build.Render(context.Background(), site, build.Options{Now: now},
		func() (build.Sink, error) { return mem, nil })
	if err != nil {
		t.Fatal(err)
	}
	if res.Feeds != 15 {
		t.Errorf("res.Feeds = %d, want 15 (3 files for the site, 3 topics and the editions)", res.Feeds)
	}
	return mem
}

// feedDirs are the fixture's feed folders.
var feedDirs = []string{"", "topics/world/", "topics/business/", "topics/science/", "editions/"}

// feedFiles lists every feed file of a build, sorted.
func feedFiles(mem *output.Memory) []string {
	var names []string
	for _, n := range mem.Names() {
		for _, f := range render.FeedFiles {
			if path.Base(n) == f.Name && !strings.HasSuffix(n, "index.html") {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	return names
}

const baseURL = "https://example.org/news/"

// sitePath turns an absolute URL under the base into the output file that
// serves it, or "" when it is not under the base.
func sitePath(u string) string {
	p, ok := strings.CutPrefix(u, baseURL)
	if !ok {
		return ""
	}
	if i := strings.IndexAny(p, "#?"); i >= 0 {
		p = p[:i]
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

type configT = config.Config
