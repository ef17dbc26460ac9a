// Package stories groups articles that report the same event — from
// several sources, or one source's updates — into stories. It is pure: no
// I/O, and the same articles give the same stories whatever their order.
//
// Each article is a TF-IDF vector of its headline's and summary's stemmed
// words and its headline's word pairs, names and numbers weighing more. In
// time order, a report joins the story of its topic (TopicSlug) within the
// window whose centroid — the sum of its reports, cut to its 48 heaviest
// terms — it is closest to, if the cosine reaches the threshold; candidate
// stories come from an inverted index over the report's heaviest terms,
// never from all pairs. Stories whose centroids are close then merge, and
// a story whose heaviest terms hold a name that belongs to another story
// (half the name's reports are there, among its heaviest terms) joins it.
// Grouping is precision first and close to linear in the articles.
package stories

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

// DefaultWindow is the time window when Options leave it zero.
const DefaultWindow = 72 * time.Hour

// DefaultThreshold is the similarity threshold when Options leave it zero.
const DefaultThreshold = 0.25

// Options tune the grouping.
type Options struct {
	// Window is how far apart two reports may be and still join directly;
	// default 72h. A story may span longer through reports in between.
	Window time.Duration
	// Language is the site's language as a BCP 47 tag ("en", "fr-CA"); it
	// picks the stemmer and stopwords. Default English; a language
	// Snowball lacks is grouped without stemming.
	Language string
	// Threshold is the least similarity, from 0 to 1, of a report to a
	// story for it to join; 0 means DefaultThreshold. Higher splits more.
	Threshold float64
}

// Story is the reports of one event.
type Story struct {
	// ID is the lead's day and slug (see ID): it stays put when later
	// reports join.
	ID       string
	Articles []*content.Article // newest first
	// Lead is the earliest report (the first by File among equals).
	Lead *content.Article
	// Sources counts distinct sources: an article's Source, else the host
	// of its SourceURL, else its own File.
	Sources int
}

// Set is every story of a site.
type Set struct {
	// Stories holds every story, one-article stories included, newest
	// first by their latest report, then by ID.
	Stories []*Story
	of      map[*content.Article]*Story
}

// Of returns the story of an article, or nil if a was not grouped.
func (s *Set) Of(a *content.Article) *Story { return s.of[a] }

// Group groups articles into stories.
func Group(articles []*content.Article, opts Options) *Set {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	sorted := inTimeOrder(articles)
	docs, names := analyze(sorted, stemmerFor(opts.Language))
	groups := cluster(docs, names, opts.Window, opts.Threshold)
	return newSet(sorted, groups)
}

// inTimeOrder returns the articles by date, then File, each once. The
// times are read once, before sorting.
func inTimeOrder(articles []*content.Article) []*content.Article {
	type keyed struct {
		sec  int64
		nsec int
		a    *content.Article
	}
	keys := make([]keyed, len(articles))
	for i, a := range articles {
		keys[i] = keyed{a.Date.Unix(), a.Date.Nanosecond(), a}
	}
	slices.SortFunc(keys, func(x, y keyed) int {
		return cmp.Or(cmp.Compare(x.sec, y.sec), cmp.Compare(x.nsec, y.nsec), strings.Compare(x.a.File, y.a.File))
	})
	sorted := make([]*content.Article, 0, len(keys))
	for i, k := range keys {
		if i == 0 || k.a != keys[i-1].a {
			sorted = append(sorted, k.a)
		}
	}
	return sorted
}

// newSet makes the stories of groups of indexes into sorted (each group
// in ascending order, so its first is the lead).
func newSet(sorted []*content.Article, groups [][]int) *Set {
	set := &Set{of: make(map[*content.Article]*Story, len(sorted))}
	for _, g := range groups {
		s := &Story{Lead: sorted[g[0]], Articles: make([]*content.Article, len(g))}
		for i, j := range g {
			a := sorted[j]
			s.Articles[len(g)-1-i] = a
			set.of[a] = s
		}
		s.ID = ID(s.Lead)
		s.Sources = countSources(s.Articles)
		set.Stories = append(set.Stories, s)
	}
	slices.SortFunc(set.Stories, func(a, b *Story) int {
		return cmp.Or(b.Articles[0].Date.Compare(a.Articles[0].Date), strings.Compare(a.ID, b.ID))
	})
	return set
}

func countSources(articles []*content.Article) int {
	seen := make(map[string]bool, len(articles))
	for _, a := range articles {
		seen[source(a)] = true
	}
	return len(seen)
}

func source(a *content.Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return "source:" + strings.ToLower(s)
	}
	if u, err := url.Parse(a.SourceURL); err == nil && u.Host != "" {
		return "host:" + strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return "file:" + a.File
}
