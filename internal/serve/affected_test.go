package serve

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
)

func TestShifted(t *testing.T) {
	a, b, c, d := &content.Article{File: "a"}, &content.Article{File: "b"}, &content.Article{File: "c"}, &content.Article{File: "d"}
	tests := []struct {
		name          string
		before, after []*content.Article
		changed       []string
		want          bool
	}{
		{"edited in place", []*content.Article{a, b, c}, []*content.Article{a, b, c}, []string{"b"}, false},
		{"two edited in place", []*content.Article{a, b, c}, []*content.Article{a, b, c}, []string{"a", "c"}, false},
		{"moved", []*content.Article{a, b, c}, []*content.Article{b, a, c}, []string{"a"}, true},
		{"added", []*content.Article{a, b}, []*content.Article{a, d, b}, []string{"d"}, true},
		{"removed", []*content.Article{a, b, c}, []*content.Article{a, c}, []string{"b"}, true},
		{"swapped for another", []*content.Article{a, b}, []*content.Article{a, d}, []string{"b", "d"}, true},
		{"nothing changed here", []*content.Article{a, b}, []*content.Article{a, b}, []string{"c"}, false},
	}
	for _, tt := range tests {
		changed := map[string]bool{}
		for _, f := range tt.changed {
			changed[f] = true
		}
		if got := shifted(tt.before, tt.after, changed); got != tt.want {
			t.Errorf("%s: shifted = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// An edit rewrites the feeds its story is in, before or after, and no
// other.
func TestFeedsTouched(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 9, 0, 0, 0, time.UTC) }
	story := func(file, topic string, d int) *content.Article {
		return &content.Article{File: file, Title: file, Slug: file, Topic: topic, TopicSlug: content.Slugify(topic), Date: day(d), Updated: day(d)}
	}
	old := []*content.Article{story("a", "World", 1), story("b", "World", 2), story("c", "Sport", 3), story("d", "Sport", 4)}
	moved := story("a", "Sport", 1)
	cur := []*content.Article{moved, old[1], old[2], old[3]}
	before, after := digest.New(old, digest.Options{}), digest.New(cur, digest.Options{})
	tests := []struct {
		name     string
		old, cur *digest.Digest
		changed  string
		n        int
		want     []string
	}{
		{"edit in a topic", before, before, "b", 10, []string{"", "topics/world/", "editions/"}},
		{"outside the latest", before, before, "a", 1, nil},
		{"the newest story", before, before, "d", 1, []string{"", "topics/sport/", "editions/"}},
		{"moved to another topic", before, after, "a", 10, []string{"", "topics/world/", "topics/sport/", "editions/"}},
		{"not in any feed", before, before, "zzz", 10, nil},
	}
	for _, tt := range tests {
		got := feedsTouched(tt.old, tt.cur, map[string]bool{tt.changed: true}, tt.n)
		if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("%s: feeds (-want +got):\n%s", tt.name, diff)
		}
	}
}
