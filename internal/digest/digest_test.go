package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
)

// story is an article reduced to what grouping looks at.
type story struct {
	slug, date, topic string
	tags              []string
}

// articles builds the articles as content.Load would: dates moved into the
// site's time zone, topic slugs filled in.
func articles(t *testing.T, loc *time.Location, stories ...story) []*content.Article {
	t.Helper()
	var out []*content.Article
	for _, s := range stories {
		d, err := time.Parse(time.RFC3339, s.date)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &content.Article{
			File:      "content/" + s.slug + ".md",
			Title:     s.slug,
			Slug:      s.slug,
			Date:      d.In(loc),
			Topic:     s.topic,
			TopicSlug: content.Slugify(s.topic),
			Tags:      s.tags,
		})
	}
	return out
}

// shape is a digest written out as text, so that a table can say what it
// expects in a few readable lines.
type shape struct {
	Articles []string // slugs, newest first
	Editions []string // "2025-01-07 prev=2025-01-06 next=-: Business[a b] Sport[c]"
	Topics   []string // "Business(business): a b"
	Tags     []string // "Midwest(midwest): a"
	Years    []string // "2025: 02[03 01] 01[31]"
}

func shapeOf(d *digest.Digest) shape {
	var s shape
	s.Articles = slugs(d.Articles)
	day := func(e *digest.Edition) string {
		if e == nil {
			return "-"
		}
		return fmt.Sprintf("%04d-%02d-%02d", e.Day.Year, e.Day.Month, e.Day.Day)
	}
	for _, e := range d.Editions {
		var secs []string
		for _, sec := range e.Sections {
			secs = append(secs, fmt.Sprintf("%s[%s]", sec.Topic.Name, strings.Join(slugs(sec.Articles), " ")))
		}
		s.Editions = append(s.Editions, fmt.Sprintf("%s prev=%s next=%s: %s", day(e), day(e.Prev), day(e.Next), strings.Join(secs, " ")))
	}
	for _, t := range d.Topics {
		s.Topics = append(s.Topics, fmt.Sprintf("%s(%s): %s", t.Name, t.Slug, strings.Join(slugs(t.Articles), " ")))
	}
	for _, t := range d.Tags {
		s.Tags = append(s.Tags, fmt.Sprintf("%s(%s): %s", t.Name, t.Slug, strings.Join(slugs(t.Articles), " ")))
	}
	for _, y := range d.Years {
		parts := []string{fmt.Sprint(y.Year) + ":"}
		for _, m := range y.Months {
			var days []string
			for _, e := range m.Editions {
				days = append(days, fmt.Sprintf("%02d", e.Day.Day))
			}
			parts = append(parts, fmt.Sprintf("%02d[%s]", int(m.Month), strings.Join(days, " ")))
		}
		s.Years = append(s.Years, strings.Join(parts, " "))
	}
	return s
}

func slugs(as []*content.Article) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func TestNew(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		loc     *time.Location
		order   []string
		stories []story
		want    shape
	}{
		{
			name: "empty",
			loc:  time.UTC,
			want: shape{Articles: []string{}},
		},
		{
			name: "late evening west of UTC is the next day in a UTC site",
			loc:  time.UTC,
			stories: []story{
				{"late", "2025-01-06T23:30:00-05:00", "World", nil},
				{"early", "2025-01-06T08:00:00-05:00", "World", nil},
			},
			want: shape{
				Articles: []string{"late", "early"},
				Editions: []string{
					"2025-01-07 prev=2025-01-06 next=-: World[late]",
					"2025-01-06 prev=- next=2025-01-07: World[early]",
				},
				Topics: []string{"World(world): late early"},
				Years:  []string{"2025: 01[07 06]"},
			},
		},
		{
			name: "the same stories in a New York site share one day",
			loc:  newYork,
			stories: []story{
				{"late", "2025-01-06T23:30:00-05:00", "World", nil},
				{"early", "2025-01-06T08:00:00-05:00", "World", nil},
			},
			want: shape{
				Articles: []string{"late", "early"},
				Editions: []string{"2025-01-06 prev=- next=-: World[late early]"},
				Topics:   []string{"World(world): late early"},
				Years:    []string{"2025: 01[06]"},
			},
		},
		{
			name:  "configured topics first, the rest alphabetical, names matched by slug",
			loc:   time.UTC,
			order: []string{"Sport", "Économie"},
			stories: []story{
				{"a", "2025-03-02T10:00:00Z", "science", nil},
				{"b", "2025-03-02T09:00:00Z", "economie", nil},
				{"c", "2025-03-02T08:00:00Z", "Arts", nil},
				{"d", "2025-03-02T07:00:00Z", "Sport", nil},
				{"e", "2025-03-01T07:00:00Z", "Books", nil},
			},
			want: shape{
				Articles: []string{"a", "b", "c", "d", "e"},
				Editions: []string{
					"2025-03-02 prev=2025-03-01 next=-: Sport[d] Économie[b] Arts[c] science[a]",
					"2025-03-01 prev=- next=2025-03-02: Books[e]",
				},
				Topics: []string{
					"Sport(sport): d",
					"Économie(economie): b",
					"Arts(arts): c",
					"Books(books): e",
					"science(science): a",
				},
				Years: []string{"2025: 03[02 01]"},
			},
		},
		{
			name:  "a configured topic without stories is left out",
			loc:   time.UTC,
			order: []string{"Weather", "Sport"},
			stories: []story{
				{"a", "2025-03-02T10:00:00Z", "Sport", nil},
			},
			want: shape{
				Articles: []string{"a"},
				Editions: []string{"2025-03-02 prev=- next=-: Sport[a]"},
				Topics:   []string{"Sport(sport): a"},
				Years:    []string{"2025: 03[02]"},
			},
		},
		{
			name: "a topic written two ways takes the newest story's spelling",
			loc:  time.UTC,
			stories: []story{
				{"old", "2025-03-01T10:00:00Z", "economy", nil},
				{"new", "2025-03-02T10:00:00Z", "Economy", nil},
			},
			want: shape{
				Articles: []string{"new", "old"},
				Editions: []string{
					"2025-03-02 prev=2025-03-01 next=-: Economy[new]",
					"2025-03-01 prev=- next=2025-03-02: Economy[old]",
				},
				Topics: []string{"Economy(economy): new old"},
				Years:  []string{"2025: 03[02 01]"},
			},
		},
		{
			name: "tags grouped by slug, alphabetical, newest story first",
			loc:  time.UTC,
			stories: []story{
				{"a", "2025-03-01T10:00:00Z", "News", []string{"Zürich", "budget"}},
				{"b", "2025-03-02T10:00:00Z", "News", []string{"Budget"}},
				{"c", "2025-03-03T10:00:00Z", "News", []string{"zurich", "Apples"}},
			},
			want: shape{
				Articles: []string{"c", "b", "a"},
				Editions: []string{
					"2025-03-03 prev=2025-03-02 next=-: News[c]",
					"2025-03-02 prev=2025-03-01 next=2025-03-03: News[b]",
					"2025-03-01 prev=- next=2025-03-02: News[a]",
				},
				Topics: []string{"News(news): c b a"},
				Tags: []string{
					"Apples(apples): c",
					"Budget(budget): b a",
					"zurich(zurich): c a",
				},
				Years: []string{"2025: 03[03 02 01]"},
			},
		},
		{
			name: "months and years newest first, editions skip empty days",
			loc:  time.UTC,
			stories: []story{
				{"a", "2024-11-30T12:00:00Z", "News", nil},
				{"b", "2025-02-01T12:00:00Z", "News", nil},
				{"c", "2024-12-31T12:00:00Z", "News", nil},
				{"d", "2025-02-14T12:00:00Z", "News", nil},
				{"e", "2025-01-15T12:00:00Z", "News", nil},
			},
			want: shape{
				Articles: []string{"d", "b", "e", "c", "a"},
				Editions: []string{
					"2025-02-14 prev=2025-02-01 next=-: News[d]",
					"2025-02-01 prev=2025-01-15 next=2025-02-14: News[b]",
					"2025-01-15 prev=2024-12-31 next=2025-02-01: News[e]",
					"2024-12-31 prev=2024-11-30 next=2025-01-15: News[c]",
					"2024-11-30 prev=- next=2024-12-31: News[a]",
				},
				Topics: []string{"News(news): d b e c a"},
				Years: []string{
					"2025: 02[14 01] 01[15]",
					"2024: 12[31] 11[30]",
				},
			},
		},
		{
			name: "stories at the same moment go by URL, whatever the input order",
			loc:  time.UTC,
			stories: []story{
				{"zebra", "2025-03-02T10:00:00Z", "News", nil},
				{"apple", "2025-03-02T10:00:00Z", "News", nil},
				{"mango", "2025-03-02T10:00:00Z", "News", nil},
				{"later", "2025-03-02T11:00:00Z", "News", nil},
			},
			want: shape{
				Articles: []string{"later", "apple", "mango", "zebra"},
				Editions: []string{"2025-03-02 prev=- next=-: News[later apple mango zebra]"},
				Topics:   []string{"News(news): later apple mango zebra"},
				Years:    []string{"2025: 03[02]"},
			},
		},
		{
			name: "one moment in two zones is a tie",
			loc:  time.UTC,
			stories: []story{
				{"b", "2025-03-02T05:00:00-05:00", "News", nil},
				{"a", "2025-03-02T10:00:00Z", "News", nil},
			},
			want: shape{
				Articles: []string{"a", "b"},
				Editions: []string{"2025-03-02 prev=- next=-: News[a b]"},
				Topics:   []string{"News(news): a b"},
				Years:    []string{"2025: 03[02]"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := articles(t, tt.loc, tt.stories...)
			got := shapeOf(digest.New(as, digest.Options{TopicOrder: tt.order}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("digest (-want +got):\n%s", diff)
			}
			// The input order must not matter.
			for i, j := 0, len(as)-1; i < j; i, j = i+1, j-1 {
				as[i], as[j] = as[j], as[i]
			}
			reversed := shapeOf(digest.New(as, digest.Options{TopicOrder: tt.order}))
			if diff := cmp.Diff(got, reversed); diff != "" {
				t.Errorf("reversed input gives another digest (-forward +reversed):\n%s", diff)
			}
		})
	}
}

func TestNewKeepsInput(t *testing.T) {
	as := articles(t, time.UTC,
		story{"old", "2025-03-01T10:00:00Z", "News", nil},
		story{"new", "2025-03-02T10:00:00Z", "News", nil},
	)
	digest.New(as, digest.Options{})
	if got := slugs(as); !cmp.Equal(got, []string{"old", "new"}) {
		t.Errorf("New reordered its input: %v", got)
	}
}

func TestLookups(t *testing.T) {
	as := articles(t, time.UTC,
		story{"a", "2025-03-02T10:00:00Z", "Local News", []string{"Town Hall"}},
	)
	d := digest.New(as, digest.Options{})
	if e := d.Edition(content.Day{Year: 2025, Month: 3, Day: 2}); e == nil || e.Articles[0] != as[0] {
		t.Errorf("Edition(2025-03-02) = %v, want the edition holding a", e)
	}
	if e := d.Edition(content.Day{Year: 2025, Month: 3, Day: 1}); e != nil {
		t.Errorf("Edition(2025-03-01) = %v, want nil", e)
	}
	if tp := d.Topic("local-news"); tp == nil || tp.Name != "Local News" {
		t.Errorf("Topic(local-news) = %v, want Local News", tp)
	}
	if tg := d.Tag("town-hall"); tg == nil || tg.Name != "Town Hall" {
		t.Errorf("Tag(town-hall) = %v, want Town Hall", tg)
	}
	if tp := d.Topic("Local News"); tp != nil {
		t.Errorf("Topic looked up by name, want by slug only: %v", tp)
	}
}

func TestPaginate(t *testing.T) {
	tests := []struct {
		n, per int
		want   []digest.Page
	}{
		{0, 10, []digest.Page{{Number: 1, Total: 1, Start: 0, End: 0}}},
		{1, 10, []digest.Page{{Number: 1, Total: 1, Start: 0, End: 1}}},
		{10, 10, []digest.Page{{Number: 1, Total: 1, Start: 0, End: 10}}},
		{11, 10, []digest.Page{
			{Number: 1, Total: 2, Start: 0, End: 10},
			{Number: 2, Total: 2, Start: 10, End: 11},
		}},
		{5, 2, []digest.Page{
			{Number: 1, Total: 3, Start: 0, End: 2},
			{Number: 2, Total: 3, Start: 2, End: 4},
			{Number: 3, Total: 3, Start: 4, End: 5},
		}},
		{2, 0, []digest.Page{
			{Number: 1, Total: 2, Start: 0, End: 1},
			{Number: 2, Total: 2, Start: 1, End: 2},
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d by %d", tt.n, tt.per), func(t *testing.T) {
			got := digest.Paginate(tt.n, tt.per)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Paginate(%d, %d) (-want +got):\n%s", tt.n, tt.per, diff)
			}
		})
	}
}

func TestLatest(t *testing.T) {
	as := articles(t, time.UTC,
		story{"a", "2025-03-03T10:00:00Z", "News", nil},
		story{"b", "2025-03-02T10:00:00Z", "News", nil},
		story{"c", "2025-03-01T10:00:00Z", "News", nil},
	)
	tests := []struct {
		n    int
		want []string
	}{
		{0, []string{}},
		{2, []string{"a", "b"}},
		{3, []string{"a", "b", "c"}},
		{9, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		if got := slugs(digest.Latest(as, tt.n)); !cmp.Equal(got, tt.want) {
			t.Errorf("Latest(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

// TestAuthors: each author once, alphabetical, with their stories newest
// first; a name written two ways is one author, shown as the newest story
// wrote it; a name without letters a URL can hold has no page; one
// article naming an author twice counts once.
func TestAuthors(t *testing.T) {
	as := articles(t, time.UTC,
		story{"old", "2025-03-01T10:00:00Z", "City", nil},
		story{"new", "2025-03-02T10:00:00Z", "City", nil},
		story{"mid", "2025-03-01T12:00:00Z", "City", nil},
	)
	as[0].Authors = []string{"ana ruiz", "Bo Lind"}
	as[1].Authors = []string{"Ana Ruiz", "Ana Ruiz"}
	as[2].Authors = []string{"Бо", "Zoe Ng"}
	d := digest.New(as, digest.Options{})
	type got struct {
		Name, Slug string
		Articles   []string
	}
	var all []got
	for _, a := range d.Authors {
		g := got{Name: a.Name, Slug: a.Slug}
		for _, s := range a.Articles {
			g.Articles = append(g.Articles, s.Slug)
		}
		all = append(all, g)
	}
	want := []got{
		{"Ana Ruiz", "ana-ruiz", []string{"new", "old"}},
		{"Bo Lind", "bo-lind", []string{"old"}},
		{"Zoe Ng", "zoe-ng", []string{"mid"}},
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("authors (-want +got):\n%s", diff)
	}
	if a := d.AuthorNamed("ANA  RUIZ"); a == nil || a.Slug != "ana-ruiz" {
		t.Errorf("AuthorNamed = %v", a)
	}
	if a := d.AuthorNamed("Бо"); a != nil {
		t.Errorf("AuthorNamed(Бо) = %v, want none", a)
	}
}
