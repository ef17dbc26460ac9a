package feed_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
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
	res, mem := runSite(t, os.DirFS(fixture), change)
	if res.Stats.Feeds != 21 {
		t.Errorf("res.Stats.Feeds = %d, want 21 (3 files for the site, 3 topics, the editions and 2 authors)", res.Stats.Feeds)
	}
	return mem
}

// runSite runs every stage of the site in fsys into memory; change, when
// set, edits the config first.
func runSite(t *testing.T, fsys fs.FS, change func(*config.Config)) (*pipeline.Result, *output.Memory) {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(cfg)
	}
	p := pipeline.New(context.Background(), cfg, render.Layers(fsys, cfg.Theme, themes.Default()))
	mem := output.NewMemory()
	res, err := p.Run(context.Background(), fsys, pipeline.Options{Now: now}, mem)
	if err != nil {
		t.Fatal(err)
	}
	return res, mem
}

// feedDirs are the fixture's feed folders.
var feedDirs = []string{"", "topics/world/", "topics/business/", "topics/science/", "editions/", "authors/jon-berg/", "authors/lea-muller/"}

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

// Write writes the feeds of the folders it is given, byte for byte as in
// a whole build, and a cancelled build writes none.
func TestWriteSome(t *testing.T) {
	cfg, err := config.Load(os.DirFS(fixture))
	if err != nil {
		t.Fatal(err)
	}
	res, all := runSite(t, os.DirFS(fixture), nil)
	if diff := cmp.Diff([]string{"", "topics/world/", "topics/business/", "topics/science/", "editions/", "authors/jon-berg/", "authors/lea-muller/"}, feed.Dirs(res.Digest)); diff != "" {
		t.Errorf("Dirs (-want +got):\n%s", diff)
	}
	some := output.NewMemory()
	dirs := []string{"topics/business/", "editions/"}
	u := urls.New(cfg.BaseURL)
	n, _, err := feed.Write(context.Background(), res.Digest, res.Stories, cfg, u, os.DirFS(fixture), some, dirs)
	if err != nil || n != 6 {
		t.Fatalf("Write wrote %d files, %v; want 6", n, err)
	}
	for _, name := range some.Names() {
		if !bytes.Equal(some.Files()[name], all.Files()[name]) {
			t.Errorf("%s differs from what the whole build wrote", name)
		}
	}
	if got := feedFiles(some); len(got) != 6 {
		t.Errorf("files %v, want the business topic's and the editions'", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	none := output.NewMemory()
	if n, _, err := feed.Write(ctx, res.Digest, res.Stories, cfg, u, nil, none, dirs); !errors.Is(err, context.Canceled) || n != 0 || len(none.Names()) != 0 {
		t.Errorf("cancelled: wrote %d files, %v; want none and context.Canceled", n, err)
	}
}
