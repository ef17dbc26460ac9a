package themes_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
)

// sampleRoot is the repository root, which is itself a site.
const sampleRoot = ".."

// pageKinds are the kinds of page the default theme renders; each marks its
// <body> with class="kind-<kind>".
var pageKinds = []string{"home", "article", "edition", "topics", "topic", "tags", "tag", "authors", "author", "archive", "year", "month", "404", "story", "search"}

// buildSample builds the repository's sample site under a base URL with a
// path, as a static host would serve it, and returns the output folder.
func buildSample(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Run(context.Background(), build.Options{
		Source:      sampleRoot,
		Destination: dest,
		BaseURL:     "https://example.org/news/",
		Now:         time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		// The repository is the sample site: a cache left in it would be
		// taken for the site's own by the next real build.
		NoCache: true,
	})
	if err != nil {
		t.Fatalf("building the sample site: %v", err)
	}
	if res.Articles < 35 || res.Editions < 8 || res.Topics < 6 {
		t.Fatalf("sample site has %d articles, %d editions, %d topics; want at least 35, 8, 6", res.Articles, res.Editions, res.Topics)
	}
	return dest
}

// htmlPages maps each page kind to the pages of that kind, by path in dest.
func htmlPages(t *testing.T, dest string) map[string][]string {
	t.Helper()
	kinds := map[string][]string{}
	kindRE := regexp.MustCompile(`<body class="kind-([a-z0-9]+)"`)
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := kindRE.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no <body class=\"kind-…\">", p)
			return nil
		}
		kinds[string(m[1])] = append(kinds[string(m[1])], p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range pageKinds {
		if len(kinds[k]) == 0 {
			t.Errorf("no page of kind %q in the sample site", k)
		}
	}
	return kinds
}

// TestSampleSiteKinds checks that the sample shows what the theme must
// handle: a topic with more than one page, a bundle image, drafts left out.
func TestSampleSiteKinds(t *testing.T) {
	dest := buildSample(t)
	kinds := htmlPages(t, dest)
	var paged bool
	for _, p := range kinds["topic"] {
		if strings.Contains(filepath.ToSlash(p), "/page/2/") {
			paged = true
		}
	}
	if !paged {
		t.Error("no topic has a second page; the sample should show pagination")
	}
	if _, err := os.Stat(filepath.Join(dest, "2026/10/29/river-survey/eel-counts.png")); err != nil {
		t.Errorf("bundle image not published: %v", err)
	}
	// content/culture/café-élise-reopens.md: the slug comes from the
	// file name, transliterated.
	if _, err := os.Stat(filepath.Join(dest, "2026/10/29/cafe-elise-reopens/index.html")); err != nil {
		t.Errorf("non-ASCII file name not transliterated into the URL: %v", err)
	}
	// Three outlets' reports of the storm warning make one story, named
	// after the earliest; each report's page links the others and it.
	story, err := os.ReadFile(filepath.Join(dest, "stories/2026-11-04-storm-warning/index.html"))
	if err != nil {
		t.Errorf("no page for the storm warning's story: %v", err)
	}
	for _, report := range []string{"storm-warning", "storm-warning-courier", "storm-warning-coastline"} {
		link := `href="/news/2026/11/04/` + report + `/"`
		if !strings.Contains(string(story), link) {
			t.Errorf("the story page lacks %s", link)
		}
		page, err := os.ReadFile(filepath.Join(dest, "2026/11/04", report, "index.html"))
		if err != nil || !strings.Contains(string(page), "Also reported by") || !strings.Contains(string(page), `href="/news/stories/2026-11-04-storm-warning/"`) {
			t.Errorf("%s: no \"Also reported by\" with a link to its story (%v)", report, err)
		}
	}
	drafts, _ := filepath.Glob(filepath.Join(dest, "2026/11/04/market-square-redesign"))
	if len(drafts) != 0 {
		t.Error("the draft article was published")
	}
}

var (
	headingRE = regexp.MustCompile(`<h([1-6])[ >]`)
	imgRE     = regexp.MustCompile(`<img [^>]*>`)
	ariaCurRE = regexp.MustCompile(`aria-current="page"`)
	rootRefRE = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
)

// TestDefaultThemeStructure checks what the Nu checker does not: one h1
// per page, the landmarks and skip link, links marked as the current page,
// and root-relative links that stay under the base path. Headings must not
// skip a level on the way down.
func TestDefaultThemeStructure(t *testing.T) {
	dest := buildSample(t)
	kinds := htmlPages(t, dest)
	var all []string
	for _, ps := range kinds {
		all = append(all, ps...)
	}
	sort.Strings(all)
	for _, p := range all {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		name, _ := filepath.Rel(dest, p)
		check := func(ok bool, what string) {
			if !ok {
				t.Errorf("%s: %s", name, what)
			}
		}
		check(strings.Contains(page, `<html lang="en-GB">`), `want <html lang="en-GB">`)
		check(strings.Count(page, "<main") == 1, "want one <main>")
		check(strings.Contains(page, `<main id="main">`) && strings.Contains(page, `href="#main"`), "want a skip link to #main")
		check(strings.Contains(page, `<header class="masthead">`), "want the masthead")
		check(strings.Contains(page, `<footer class="site-footer">`), "want the site footer")
		check(strings.Contains(page, `rel="alternate" type="application/rss+xml"`) || strings.Contains(page, `rel="alternate" type="application/rss&#43;xml"`), "want a feed link")
		levels := headingRE.FindAllStringSubmatch(page, -1)
		h1 := 0
		prev := 0
		for _, m := range levels {
			l := int(m[1][0] - '0')
			if l == 1 {
				h1++
			}
			if l > prev+1 {
				t.Errorf("%s: h%d follows h%d", name, l, prev)
			}
			prev = l
		}
		check(h1 == 1, "want exactly one h1")
		for _, img := range imgRE.FindAllString(page, -1) {
			check(strings.Contains(img, ` alt="`), "image without alt: "+img)
		}
		for _, m := range rootRefRE.FindAllStringSubmatch(page, -1) {
			check(strings.HasPrefix(m[1], "/news/"), "link outside the base path /news/: "+m[1])
		}
		if k := kindOf(page); k == "home" || k == "topics" || k == "tags" || k == "archive" {
			check(len(ariaCurRE.FindAllString(page, -1)) >= 1, `want a link marked aria-current="page"`)
		}
	}
}

func kindOf(page string) string {
	_, rest, _ := strings.Cut(page, `<body class="kind-`)
	k, _, _ := strings.Cut(rest, `"`)
	return k
}

// TestFrontPage checks the front page's hierarchy on the sample: the
// latest edition named once, one lead story, a second tier of three, each
// with its topic, and the storm warning, updated last of all, marked as
// developing and updated.
func TestFrontPage(t *testing.T) {
	dest := buildSample(t)
	data, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, c := range []struct {
		what string
		re   string
		want int
	}{
		{"the latest edition", `Latest edition`, 1},
		{"lead stories", `<article class="lead[ "]`, 1},
		{"second tiers", `<ul class="second-tier">`, 1},
		{"second-tier stories", `<li><article class="(has-image)?">`, 3},
		{"topics above headlines", `<span class="kicker">`, 4},
		{"developing markers", `class="developing"`, 1},
		{"named regions", `<section [^>]*aria-labelledby=`, 2},
	} {
		if got := len(regexp.MustCompile(c.re).FindAllString(page, -1)); got != c.want {
			t.Errorf("front page has %d %s (%s), want %d", got, c.what, c.re, c.want)
		}
	}
	lead := page[strings.Index(page, `<article class="lead`):]
	lead = lead[:strings.Index(lead, "</article>")]
	for _, want := range []string{"Storm warning issued", `<strong class="developing">Developing</strong>`, `Updated <time datetime="2026-11-04T21:15:00Z">4 November, 21:15</time>`} {
		if !strings.Contains(lead, want) {
			t.Errorf("the lead story lacks %s:\n%s", want, lead)
		}
	}
}
