package stories

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
)

// listSet is a set made by hand: a story of three reports from two
// sources (a, c, e), one of two reports from one source (b, d), and a
// story of its own (f). Lists are newest first: f e d c b a.
func listSet() (*Set, map[string]*content.Article) {
	at := func(h int) time.Time { return time.Date(2025, 1, 6, h, 0, 0, 0, time.UTC) }
	arts := map[string]*content.Article{}
	for i, name := range []string{"a", "b", "c", "d", "e", "f"} {
		arts[name] = &content.Article{File: "content/" + name + ".md", Slug: name, Title: name, Date: at(8 + i)}
	}
	three := &Story{ID: "2025-01-06-a", Lead: arts["a"], Sources: 2, Articles: []*content.Article{arts["e"], arts["c"], arts["a"]}}
	two := &Story{ID: "2025-01-06-b", Lead: arts["b"], Sources: 1, Articles: []*content.Article{arts["d"], arts["b"]}}
	one := &Story{ID: "2025-01-06-f", Lead: arts["f"], Sources: 1, Articles: []*content.Article{arts["f"]}}
	s := &Set{Stories: []*Story{one, three, two}, of: map[*content.Article]*Story{}}
	for _, st := range s.Stories {
		for _, a := range st.Articles {
			s.of[a] = st
		}
	}
	return s, arts
}

func names(list []*content.Article) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}

func TestLists(t *testing.T) {
	s, arts := listSet()
	list := []*content.Article{arts["f"], arts["e"], arts["d"], arts["c"], arts["b"], arts["a"]}
	if diff := cmp.Diff([]string{"f", "b", "a"}, names(s.Collapse(list))); diff != "" {
		t.Errorf("Collapse keeps each story's earliest report in place (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b", "f"}, names(s.Leading(list))); diff != "" {
		t.Errorf("Leading puts most sources first, then most reports (-want +got):\n%s", diff)
	}
	var none *Set
	if diff := cmp.Diff(names(list), names(none.Leading(list))); diff != "" {
		t.Errorf("a nil Set leads with the list as it is (-want +got):\n%s", diff)
	}
	if s.Shared(arts["f"]) != nil || s.Shared(arts["c"]) == nil || none.Shared(arts["c"]) != nil {
		t.Error("Shared: a story of one report, or no stories, is nil; a story of several is not")
	}
	if got := ID(arts["a"]); got != "2025-01-06-a" {
		t.Errorf("ID = %q", got)
	}
}

func TestSwap(t *testing.T) {
	s, arts := listSet()
	edited := *arts["c"]
	if !SameKey(arts["c"], &edited) {
		t.Fatal("a copy does not group alike")
	}
	edited.Tags = []string{"new"}
	next := s.Swap(map[*content.Article]*content.Article{arts["c"]: &edited})
	if st := next.Of(&edited); st == nil || st.ID != "2025-01-06-a" || names(st.Articles)[1] != "c" || st.Articles[1] != &edited {
		t.Errorf("the edited report is not in its story's place: %+v", st)
	}
	if next.Of(arts["c"]) != nil {
		t.Error("the old version is still in the new set")
	}
	if s.Of(arts["c"]).Articles[1] != arts["c"] || s.Of(&edited) != nil {
		t.Error("Swap changed the set it was called on")
	}
	if next.Of(arts["b"]) != s.Of(arts["b"]) {
		t.Error("a story the swap does not touch is copied")
	}
	edited.Title = "renamed"
	if SameKey(arts["c"], &edited) {
		t.Error("a new title groups alike")
	}
}
