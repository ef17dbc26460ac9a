package serve

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
)

// TestReplace edits one story of a digest and checks that replace gives
// what New gives for the edited articles when the story keeps its place,
// and refuses, leaving the digest as it was, when it would move.
func TestReplace(t *testing.T) {
	loc := time.FixedZone("site", 3600)
	base := func() []*content.Article {
		list := articles(t, loc,
			story{"a", "2025-01-07T10:00:00Z", "Business", []string{"Midwest", "Farms"}},
			story{"b", "2025-01-07T09:00:00Z", "Sport", []string{"farms", "farms"}},
			story{"c", "2025-01-06T12:00:00Z", "Business", nil},
			story{"d", "2025-01-05T12:00:00Z", "Sport", []string{"Midwest"}},
		)
		for _, a := range list {
			a.Summary = "summary of " + a.Slug
		}
		return list
	}
	tests := []struct {
		name string
		edit func(a *content.Article) // applied to a copy of story b
		want bool
	}{
		{"title", func(a *content.Article) { a.Title = "b renamed" }, true},
		{"summary and update time", func(a *content.Article) { a.Summary, a.Updated = "new", a.Date.Add(time.Hour) }, true},
		{"same instant and day, other zone", func(a *content.Article) { a.Date = a.Date.In(time.UTC) }, true},
		{"same instant, other day in its zone", func(a *content.Article) { a.Date = a.Date.In(time.FixedZone("far", -12*3600)) }, false},
		{"time within the day", func(a *content.Article) { a.Date = a.Date.Add(2 * time.Hour) }, false},
		{"other day", func(a *content.Article) { a.Date = a.Date.AddDate(0, 0, -1) }, false},
		{"slug", func(a *content.Article) { a.Slug = "b2" }, false},
		{"topic", func(a *content.Article) { a.Topic, a.TopicSlug = "Business", "business" }, false},
		{"topic as written", func(a *content.Article) { a.Topic = "SPORT" }, false},
		{"tag added", func(a *content.Article) { a.Tags = []string{"farms", "farms", "new"} }, false},
		{"tag as written", func(a *content.Article) { a.Tags = []string{"Farms", "farms"} }, false},
		{"other file", func(a *content.Article) { a.File = "content/elsewhere.md" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := base()
			d := digest.New(list, digest.Options{TopicOrder: []string{"Sport"}})
			before := dump(d)
			edited := *list[1]
			tt.edit(&edited)
			if got := replace(d, &edited); got != tt.want {
				t.Fatalf("replace = %v, want %v", got, tt.want)
			}
			want := before
			if tt.want {
				list[1] = &edited
				want = dump(digest.New(list, digest.Options{TopicOrder: []string{"Sport"}}))
			}
			if diff := cmp.Diff(want, dump(d)); diff != "" {
				t.Errorf("digest (-want +got):\n%s", diff)
			}
		})
	}
}

// dump writes out every list of a digest with the title and summary of
// each story, so that a stale story anywhere shows.
func dump(d *digest.Digest) []string {
	list := func(as []*content.Article) string {
		s := ""
		for _, a := range as {
			s += fmt.Sprintf(" %s(%s|%s|%s)", a.Slug, a.Title, a.Summary, a.Updated.Format(time.RFC3339))
		}
		return s
	}
	out := []string{"all:" + list(d.Articles)}
	for _, e := range d.Editions {
		out = append(out, fmt.Sprintf("edition %v:%s", e.Day, list(e.Articles)))
		for _, s := range e.Sections {
			out = append(out, fmt.Sprintf("  section %s:%s", s.Topic.Name, list(s.Articles)))
		}
	}
	for _, t := range d.Topics {
		out = append(out, fmt.Sprintf("topic %s(%s):%s", t.Name, t.Slug, list(t.Articles)))
	}
	for _, t := range d.Tags {
		out = append(out, fmt.Sprintf("tag %s(%s):%s", t.Name, t.Slug, list(t.Articles)))
	}
	for _, y := range d.Years {
		for _, m := range y.Months {
			for _, e := range m.Editions {
				out = append(out, fmt.Sprintf("%d-%d: %v%s", y.Year, m.Month, e.Day, list(e.Articles)))
			}
		}
	}
	return out
}

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
