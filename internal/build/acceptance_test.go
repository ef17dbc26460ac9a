package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/urls"
)

const acceptanceBase = "https://host/news/"

// TestAcceptance is the "Done when": a generated corpus built under
// a base URL with a path has every page it should, every page links what
// it should, every internal link stays under the base path and leads to a
// file, and the build is reproducible and writes nowhere else.
func TestAcceptance(t *testing.T) {
	root := t.TempDir()
	src, dest := filepath.Join(root, "site"), filepath.Join(root, "out", "public")
	end := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	n := 150
	if testing.Short() {
		// Still ten days, every topic and tag, and every topic's list
		// more than one page; the size check below says if that changes.
		n = 80
	}
	stories := writeCorpus(t, src, n, 7, end)
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}

	before := snapshot(t, root)
	opts := Options{Source: src, Destination: dest, BaseURL: acceptanceBase, Now: end.AddDate(0, 0, 2)}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v (problems: %v)", err, res)
	}
	first := snapshot(t, dest)
	// On one core the pages are rendered in another order than on many;
	// the output must not show it.
	procs := runtime.GOMAXPROCS(1)
	_, err = Run(context.Background(), opts)
	runtime.GOMAXPROCS(procs)
	if err != nil {
		t.Fatalf("second build: %v", err)
	}
	second := snapshot(t, dest)
	if diff := diffTrees(first, second); len(diff) > 0 {
		t.Errorf("two builds differ in %v", diff)
	}
	after := snapshot(t, root)
	for name := range after {
		// The body cache under the site is the one file a build keeps
		// beside its output, by design.
		if name == "out/" || strings.HasPrefix(name, "out/public/") || strings.HasPrefix(name, "site/"+CacheDir+"/") {
			delete(after, name)
		}
	}
	if diff := diffTrees(before, after); len(diff) > 0 {
		t.Errorf("the build changed files outside its destination: %v", diff)
	}

	site := readSite(t, dest)
	want := expect(stories, loc)
	if res.Articles != len(want.articles) || res.Editions != len(want.days) || res.Topics != len(want.topics) {
		t.Errorf("built %d articles, %d editions, %d topics; want %d, %d, %d",
			res.Articles, res.Editions, res.Topics, len(want.articles), len(want.days), len(want.topics))
	}
	if len(want.days) < 10 || len(want.topics) < 6 || len(want.tags) < 6 {
		t.Fatalf("the corpus is too small to prove much: %d days, %d topics, %d tags", len(want.days), len(want.topics), len(want.tags))
	}

	t.Run("articles", func(t *testing.T) {
		for p, s := range want.articles {
			pg := site.page(t, p)
			if pg == nil {
				continue
			}
			if pg.h1 != s.title {
				t.Errorf("/%s: h1 %q, want the title %q", p, pg.h1, s.title)
			}
		}
		for _, p := range want.drafts {
			if site.pages[p] != nil {
				t.Errorf("draft /%s was published", p)
			}
		}
	})
	t.Run("editions", func(t *testing.T) {
		for day, paths := range want.days {
			site.linksAll(t, []string{day}, paths)
		}
	})
	t.Run("topics", func(t *testing.T) {
		for slug, paths := range want.topics {
			site.linksAll(t, site.paginated(t, "topics/"+slug+"/", len(paths), 4), paths)
		}
	})
	t.Run("tags", func(t *testing.T) {
		for slug, paths := range want.tags {
			site.linksAll(t, site.paginated(t, "tags/"+slug+"/", len(paths), 4), paths)
		}
	})
	t.Run("archives", func(t *testing.T) {
		for month, days := range want.months {
			site.linksAll(t, []string{month}, days)
			site.linksAll(t, []string{month[:5]}, []string{month})
		}
		var years []string
		for month := range want.months {
			years = append(years, month[:5])
		}
		site.linksAll(t, []string{"archive/"}, years)
	})
	t.Run("sitemap", func(t *testing.T) {
		var sm struct {
			URLs []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(site.files["sitemap.xml"], &sm); err != nil {
			t.Fatalf("sitemap.xml: %v", err)
		}
		for p := range want.articles {
			if !slices.Contains(sm.URLs, acceptanceBase+p) {
				t.Errorf("sitemap.xml does not list %s%s", acceptanceBase, p)
			}
		}
		for _, u := range sm.URLs {
			if !strings.HasPrefix(u, acceptanceBase) {
				t.Errorf("sitemap.xml lists %s, outside %s", u, acceptanceBase)
			}
		}
	})
	t.Run("internal links", func(t *testing.T) {
		site.checkLinks(t)
	})
}

// expected is what the corpus should give, worked out from the stories
// alone: paths are site paths such as "2025/03/02/zurich-budget-4/".
type expected struct {
	articles map[string]story
	drafts   []string
	days     map[string][]string // edition path → its article paths
	months   map[string][]string // month path → its edition paths
	topics   map[string][]string // topic slug → article paths
	tags     map[string][]string // tag slug → article paths
}

func expect(stories []story, loc *time.Location) expected {
	e := expected{
		articles: map[string]story{}, days: map[string][]string{}, months: map[string][]string{},
		topics: map[string][]string{}, tags: map[string][]string{},
	}
	for _, s := range stories {
		d := s.date.In(loc)
		day := fmt.Sprintf("%04d/%02d/%02d/", d.Year(), int(d.Month()), d.Day())
		p := day + content.Slugify(strings.TrimSuffix(filepath.Base(s.file), ".md")) + "/"
		if s.draft {
			e.drafts = append(e.drafts, p)
			continue
		}
		e.articles[p] = s
		if len(e.days[day]) == 0 {
			e.months[day[:8]] = append(e.months[day[:8]], day)
		}
		e.days[day] = append(e.days[day], p)
		e.topics[content.Slugify(s.topic)] = append(e.topics[content.Slugify(s.topic)], p)
		for _, tag := range s.tags {
			e.tags[content.Slugify(tag)] = append(e.tags[content.Slugify(tag)], p)
		}
	}
	return e
}

// builtSite is a build's output with its HTML pages parsed.
type builtSite struct {
	files map[string][]byte // every file, by path in the output
	pages map[string]*page  // HTML pages, by site path ("2025/03/02/")
}

type page struct {
	file  string
	h1    string
	links []*url.URL // every href and src, resolved against the page's URL
}

func readSite(t *testing.T, dest string) *builtSite {
	t.Helper()
	s := &builtSite{files: snapshot(t, dest), pages: map[string]*page{}}
	for name, data := range s.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		sitePath := strings.TrimSuffix(name, "index.html")
		base, err := url.Parse(acceptanceBase + sitePath)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pg := &page{file: name}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if n.Data == "h1" && pg.h1 == "" {
				pg.h1 = textOf(n)
			}
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				ref, err := url.Parse(a.Val)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", name, n.Data, a.Key, a.Val, err)
					continue
				}
				pg.links = append(pg.links, base.ResolveReference(ref))
			}
		}
		s.pages[sitePath] = pg
	}
	return s
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// page returns the page at a site path, failing the test when there is none.
func (s *builtSite) page(t *testing.T, p string) *page {
	t.Helper()
	pg := s.pages[p]
	if pg == nil {
		t.Errorf("no page at /%s", p)
	}
	return pg
}

// sitePaths lists the internal pages a page links to, as site paths.
func (pg *page) sitePaths() map[string]bool {
	out := map[string]bool{}
	for _, u := range pg.links {
		if u.Host == "host" {
			out[strings.TrimPrefix(u.Path, "/news/")] = true
		}
	}
	return out
}

// linksAll checks that the pages together link every one of paths.
func (s *builtSite) linksAll(t *testing.T, pages []string, paths []string) {
	t.Helper()
	linked := map[string]bool{}
	for _, p := range pages {
		if pg := s.page(t, p); pg != nil {
			for l := range pg.sitePaths() {
				linked[l] = true
			}
		}
	}
	for _, p := range paths {
		if !linked[p] {
			t.Errorf("/%s does not link /%s", strings.Join(pages, " + /"), p)
		}
	}
}

// paginated returns the pages of a list of n items, per to a page, and
// checks that there is no page after the last.
func (s *builtSite) paginated(t *testing.T, base string, n, per int) []string {
	t.Helper()
	total := max(1, (n+per-1)/per)
	pages := []string{base}
	for i := 2; i <= total; i++ {
		pages = append(pages, urls.Paged(base, i))
	}
	if extra := urls.Paged(base, total+1); s.pages[extra] != nil {
		t.Errorf("/%s: a page after the last of %d items", extra, n)
	}
	return pages
}

// checkLinks follows every href and src of every page: internal ones must
// stay under the base path and lead to a file of the output.
func (s *builtSite) checkLinks(t *testing.T) {
	// Feed files come from another part of the build; until it writes
	// them, links to them are the one thing allowed to dangle.
	feedsBuilt := s.files["feed.xml"] != nil
	for _, pg := range s.pages {
		for _, u := range pg.links {
			if (u.Scheme != "http" && u.Scheme != "https") || u.Host != "host" {
				continue
			}
			if !strings.HasPrefix(u.Path, "/news/") {
				t.Errorf("%s links %s, outside /news/", pg.file, u)
				continue
			}
			name := strings.TrimPrefix(u.Path, "/news/")
			if name == "" || strings.HasSuffix(name, "/") {
				name += "index.html"
			}
			if s.files[name] != nil {
				continue
			}
			if !feedsBuilt && isFeedFile(name) {
				continue
			}
			t.Errorf("%s links %s: no file %s in the output", pg.file, u, name)
		}
	}
}

func isFeedFile(name string) bool {
	for _, f := range urls.FeedFiles {
		if path.Base(name) == f.Name {
			return true
		}
	}
	return false
}

// diffTrees lists the paths that two snapshots do not hold alike.
func diffTrees(a, b map[string][]byte) []string {
	var out []string
	for name, data := range a {
		if other, ok := b[name]; !ok || !bytes.Equal(data, other) {
			out = append(out, name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// snapshot reads every file under dir, by slash path; folders are listed
// with a nil value so that an empty one left behind shows too.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = nil
			return nil
		}
		out[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
