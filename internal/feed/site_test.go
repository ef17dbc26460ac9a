package feed_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
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
		for _, f := range urls.FeedFiles {
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

// WriteSome writes the feeds its filter keeps, byte for byte as Write
// does, and a cancelled build writes none.
func TestWriteSome(t *testing.T) {
	site, err := build.LoadSite(os.DirFS(fixture), "")
	if err != nil {
		t.Fatal(err)
	}
	all := output.NewMemory()
	res, _, err := build.Render(context.Background(), site, build.Options{Now: now},
		func() (build.Sink, error) { return all, nil })
	if err != nil {
		t.Fatal(err)
	}
	some := output.NewMemory()
	keep := func(dir string) bool { return dir == "topics/business/" || dir == "editions/" }
	n, err := feed.WriteSome(context.Background(), res.Digest, site.Config, some, keep)
	if err != nil || n != 6 {
		t.Fatalf("WriteSome wrote %d files, %v; want 6", n, err)
	}
	for _, name := range some.Names() {
		if !bytes.Equal(some.Files()[name], all.Files()[name]) {
			t.Errorf("%s differs from what Write wrote", name)
		}
	}
	if got := feedFiles(some); len(got) != 6 {
		t.Errorf("files %v, want the business topic's and the editions'", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	none := output.NewMemory()
	if n, err := feed.WriteSome(ctx, res.Digest, site.Config, none, keep); !errors.Is(err, context.Canceled) || n != 0 || len(none.Names()) != 0 {
		t.Errorf("cancelled: wrote %d files, %v; want none and context.Canceled", n, err)
	}
}
