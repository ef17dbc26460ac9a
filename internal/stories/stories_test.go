package stories_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/stories"
)

var day0 = time.Date(2031, 4, 2, 8, 0, 0, 0, time.UTC)

// report is an invented headline, its source and its time after day0.
type report struct {
	title, source string
	after         time.Duration
}

func articles(rs []report) []*content.Article {
	out := make([]*content.Article, len(rs))
	for i, r := range rs {
		out[i] = &content.Article{
			File:   "content/a" + strconv.Itoa(i) + ".md",
			Title:  r.title,
			Source: r.source,
			Date:   day0.Add(r.after),
		}
	}
	return out
}

// groups lists the stories as lists of article indexes, each ascending,
// the lists ordered by their first index: a form that does not depend on
// the set's order.
func groups(set *stories.Set, arts []*content.Article) [][]int {
	index := map[*content.Article]int{}
	for i, a := range arts {
		index[a] = i
	}
	var out [][]int
	for _, s := range set.Stories {
		var g []int
		for _, a := range s.Articles {
			g = append(g, index[a])
		}
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name    string
		reports []report
		want    [][]int
	}{
		{
			name: "same event, different wording and sources",
			reports: []report{
				{"Marrowby ferry Kestrel runs aground off Tolland Point", "Coast Herald", 0},
				{"Ferry Kestrel aground near Tolland Point, passengers safe", "Daily Lantern", time.Hour},
				{"Passengers taken off Kestrel ferry after it runs aground at Tolland Point", "Northern Wire", 3 * time.Hour},
			},
			want: [][]int{{0, 1, 2}},
		},
		{
			name: "different events sharing a common word",
			reports: []report{
				{"Council approves new budget for Vellmoor schools", "Coast Herald", 0},
				{"Quarrin orchestra announces new budget season", "Daily Lantern", time.Hour},
				{"Storm closes Hadley bridge for repairs", "Northern Wire", 2 * time.Hour},
			},
			want: [][]int{{0}, {1}, {2}},
		},
		{
			name: "too far apart",
			reports: []report{
				{"Brindle Labs recalls Oxter kettle over faulty switch", "Coast Herald", 0},
				{"Brindle Labs recalls Oxter kettle over faulty switch", "Daily Lantern", 100 * time.Hour},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "a source's update joins",
			reports: []report{
				{"Wildfire near Corran Ridge forces evacuations", "Coast Herald", 0},
				{"Corran Ridge wildfire evacuations widen - update", "Coast Herald", 5 * time.Hour},
			},
			want: [][]int{{0, 1}},
		},
		{
			name:    "a singleton",
			reports: []report{{"Glasswater library reopens after flood", "Coast Herald", 0}},
			want:    [][]int{{0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := articles(tt.reports)
			got := groups(stories.Group(arts, stories.Options{}), arts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
		})
	}
}

var mixed = []report{
	{"Marrowby ferry Kestrel runs aground off Tolland Point", "Coast Herald", 0},
	{"Ferry Kestrel aground near Tolland Point, passengers safe", "Daily Lantern", time.Hour},
	{"Council approves new budget for Vellmoor schools", "Coast Herald", 90 * time.Minute},
	{"Vellmoor council passes schools budget", "Northern Wire", 2 * time.Hour},
	{"Passengers taken off Kestrel ferry after it runs aground at Tolland Point", "Northern Wire", 3 * time.Hour},
	{"Storm closes Hadley bridge for repairs", "Northern Wire", 4 * time.Hour},
	{"Quarrin orchestra announces new season", "Daily Lantern", 4 * time.Hour},
}

func TestOrderIndependent(t *testing.T) {
	arts := articles(mixed)
	want := groups(stories.Group(arts, stories.Options{}), arts)
	ids := storyIDs(stories.Group(arts, stories.Options{}))
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(arts)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		set := stories.Group(shuffled, stories.Options{})
		if diff := cmp.Diff(want, groups(set, arts)); diff != "" {
			t.Fatalf("stories after a shuffle (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(ids, storyIDs(set)); diff != "" {
			t.Fatalf("story order after a shuffle (-want +got):\n%s", diff)
		}
	}
}

func storyIDs(set *stories.Set) []string {
	var ids []string
	for _, s := range set.Stories {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestStoryFields(t *testing.T) {
	arts := articles(mixed)
	before := stories.Group(arts[:2], stories.Options{})
	set := stories.Group(arts, stories.Options{})
	s := set.Of(arts[0])
	if s == nil || s != set.Of(arts[4]) {
		t.Fatalf("the ferry reports are not one story")
	}
	if got, want := s.ID, before.Of(arts[0]).ID; got != want {
		t.Errorf("ID after a later report joined = %q, want %q as before", got, want)
	}
	if s.Lead != arts[0] {
		t.Errorf("Lead = %q, want the earliest report", s.Lead.Title)
	}
	if got, want := s.Articles, []*content.Article{arts[4], arts[1], arts[0]}; !slices.Equal(got, want) {
		t.Errorf("Articles are not newest first")
	}
	if s.Sources != 3 {
		t.Errorf("Sources = %d, want 3", s.Sources)
	}
	if n := len(set.Stories); n < 4 {
		t.Errorf("%d stories, want the singletons kept too", n)
	}
	if set.Of(&content.Article{}) != nil {
		t.Errorf("Of an article not grouped is not nil")
	}
}

func TestLanguages(t *testing.T) {
	arts := articles([]report{
		{"Le traversier Kestrel s'échoue près de la pointe Tolland", "Le Héraut", 0},
		{"Échouement du traversier Kestrel à la pointe Tolland", "La Lanterne", time.Hour},
		{"Le conseil de Vellmoor adopte le budget des écoles", "La Lanterne", 2 * time.Hour},
	})
	for _, lang := range []string{"fr-CA", "fr", "xx-unknown", "tlh"} {
		got := groups(stories.Group(arts, stories.Options{Language: lang}), arts)
		if diff := cmp.Diff([][]int{{0, 1}, {2}}, got); diff != "" {
			t.Errorf("Language %q: stories (-want +got):\n%s", lang, diff)
		}
	}
}

func TestTopics(t *testing.T) {
	arts := articles([]report{
		{"Brindle Labs recalls Oxter kettle over faulty switch", "Coast Herald", 0},
		{"Brindle Labs recalls Oxter kettle over faulty switch", "Daily Lantern", time.Hour},
		{"Brindle Labs recalls Oxter kettle over faulty switch", "Northern Wire", 2 * time.Hour},
	})
	arts[0].TopicSlug, arts[1].TopicSlug, arts[2].TopicSlug = "business", "business", "health"
	got := groups(stories.Group(arts, stories.Options{}), arts)
	if diff := cmp.Diff([][]int{{0, 1}, {2}}, got); diff != "" {
		t.Errorf("stories across topics (-want +got):\n%s", diff)
	}
}
