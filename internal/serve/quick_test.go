package serve

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// recorder keeps the reports of a server's builds.
type recorder struct {
	mu      sync.Mutex
	reports []Report
}

func (r *recorder) add(rep Report) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reports = append(r.reports, rep)
}

func (r *recorder) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reports)
}

// settled waits for a quick build after report n and the full build that
// checks it, and returns the reports since n.
func (r *recorder) settled(t *testing.T, what string, n int) []Report {
	t.Helper()
	var since []Report
	eventually(t, what+": quick and full builds", func() string {
		r.mu.Lock()
		defer r.mu.Unlock()
		since = append([]Report(nil), r.reports[n:]...)
		if len(since) < 2 || !since[len(since)-1].Full {
			return fmt.Sprintf("%d builds so far, the last not a full one", len(since))
		}
		return ""
	})
	return since
}

// idle waits until the builder has nothing left to do: the last build was
// a full one, or a rebuild that failed (no full build follows those).
func idle(t *testing.T, r *recorder) {
	t.Helper()
	eventually(t, "builder idle", func() string {
		r.mu.Lock()
		defer r.mu.Unlock()
		n := len(r.reports)
		if n > 0 && (r.reports[n-1].Full || r.reports[n-1].Err != nil) {
			return ""
		}
		var last []string
		for _, rep := range r.reports[max(0, n-4):] {
			last = append(last, fmt.Sprintf("%+v", rep))
		}
		return "a build is under way; the last reports: " + strings.Join(last, "; ")
	})
}

// TestQuickRebuildEqualsFull edits articles in ways that keep the topics,
// so that rebuilds take the quick path, and checks each against the full
// build that follows it and against a cold build. Pagination is small so
// that an added or removed story shifts every page of a list.
func TestQuickRebuildEqualsFull(t *testing.T) {
	files := map[string]string{"newsdigest.toml": "paginate = 2\n"}
	for i := range 9 {
		topic := []string{"business", "world", "science"}[i%3]
		files[fmt.Sprintf("content/%s/story-%d.md", topic, i)] = fmt.Sprintf(
			"---\ntitle: \"Story %d\"\ndate: 2025-01-%02dT%02d:00:00Z\ntags: [tag-%d, common]\n---\nBody %d.\n", i, 6+i%3, 8+i, i%2, i)
	}
	dir := testSite(t, files)
	rec := &recorder{}
	s := start(t, dir, Options{OnBuild: rec.add})
	rec.settled(t, "first build", 0)
	story := func(i int, title, date, tags, body string) string {
		return fmt.Sprintf("---\ntitle: %q\ndate: %s\ntags: [%s]\n---\n%s\n", title, date, tags, body)
	}
	steps := []struct {
		name   string
		change func()
		full   bool // every page shows the change
		kept   bool // the last digest and list of pages are updated in place
	}{
		{"body edited", func() {
			writeFile(t, dir, "content/world/story-1.md", story(1, "Story 1", "2025-01-07T09:00:00Z", "tag-1, common", "A new body."))
		}, false, true},
		{"title edited, shown by neighbours and lists", func() {
			writeFile(t, dir, "content/world/story-4.md", story(4, "Story 4 renamed", "2025-01-07T12:00:00Z", "tag-0, common", "Body 4."))
		}, false, true},
		{"title edited again", func() {
			writeFile(t, dir, "content/world/story-4.md", story(4, "Story 4 renamed twice", "2025-01-07T12:00:00Z", "tag-0, common", "Body 4."))
		}, false, true},
		{"update time set, shown in the sitemap", func() {
			writeFile(t, dir, "content/world/story-4.md", "---\ntitle: Story 4\ndate: 2025-01-07T12:00:00Z\nupdated: 2025-01-09T08:00:00Z\ntags: [tag-0, common]\n---\nBody 4.\n")
		}, false, true},
		{"saved unchanged", func() {
			writeFile(t, dir, "content/world/story-4.md", "---\ntitle: Story 4\ndate: 2025-01-07T12:00:00Z\nupdated: 2025-01-09T08:00:00Z\ntags: [tag-0, common]\n---\nBody 4.\n")
		}, false, true},
		{"time changed within the day", func() {
			writeFile(t, dir, "content/world/story-1.md", story(1, "Story 1", "2025-01-07T16:30:00Z", "tag-1, common", "A new body."))
		}, false, false},
		{"topic changed", func() {
			writeFile(t, dir, "content/business/story-0.md", "---\ntitle: Story 0\ndate: 2025-01-06T08:00:00Z\ntopic: science\ntags: [tag-0, common]\n---\nBody 0.\n")
		}, false, false},
		{"moved to a new day", func() {
			writeFile(t, dir, "content/business/story-3.md", story(3, "Story 3", "2025-01-05T11:00:00Z", "tag-1, common", "Body 3."))
		}, false, false},
		{"moved to another month", func() {
			writeFile(t, dir, "content/science/story-2.md", story(2, "Story 2", "2024-12-30T10:00:00Z", "tag-0, common", "Body 2."))
		}, false, false},
		{"moved to a new latest edition", func() {
			writeFile(t, dir, "content/science/story-8.md", story(8, "Story 8", "2025-02-03T10:00:00Z", "tag-0, common", "Body 8."))
		}, true, false},
		{"tag added", func() {
			writeFile(t, dir, "content/science/story-5.md", story(5, "Story 5", "2025-01-08T13:00:00Z", "tag-1, common, tag-more", "Body 5."))
		}, false, false},
		{"tags changed", func() {
			writeFile(t, dir, "content/science/story-5.md", story(5, "Story 5", "2025-01-08T13:00:00Z", "tag-new", "Body 5."))
		}, false, false},
		{"author added", func() {
			writeFile(t, dir, "content/science/story-5.md", "---\ntitle: Story 5\ndate: 2025-01-08T13:00:00Z\ntags: [tag-new]\nauthors: [Ana Ruiz, Bo Lind]\n---\nBody 5.\n")
		}, false, false},
		{"an author's article edited", func() {
			writeFile(t, dir, "content/science/story-5.md", "---\ntitle: Story 5, by two\ndate: 2025-01-08T13:00:00Z\ntags: [tag-new]\nauthors: [Ana Ruiz, Bo Lind]\n---\nBody 5.\n")
		}, false, true},
		{"second author dropped", func() {
			writeFile(t, dir, "content/science/story-5.md", "---\ntitle: Story 5, by two\ndate: 2025-01-08T13:00:00Z\ntags: [tag-new]\nauthors: [Ana Ruiz]\n---\nBody 5.\n")
		}, false, false},
		{"added in a topic", func() {
			writeFile(t, dir, "content/business/story-9.md", story(9, "Story 9", "2025-01-06T20:00:00Z", "tag-1", "Body 9."))
		}, false, false},
		{"removed from a topic", func() { remove(t, dir, "content/business/story-6.md") }, false, false},
		{"draft", func() {
			writeFile(t, dir, "content/world/story-7.md", "---\ntitle: Story 7\ndate: 2025-01-07T15:00:00Z\ndraft: true\n---\nBody 7.\n")
		}, false, false},
		{"draft edited", func() {
			writeFile(t, dir, "content/world/story-7.md", "---\ntitle: Story 7, still a draft\ndate: 2025-01-07T15:00:00Z\ndraft: true\n---\nBody 7.\n")
		}, false, true},
		{"draft published", func() {
			writeFile(t, dir, "content/world/story-7.md", "---\ntitle: Story 7\ndate: 2025-01-07T15:00:00Z\n---\nBody 7.\n")
		}, false, false},
		{"bad edit", func() {
			writeFile(t, dir, "content/world/story-1.md", "---\ntitle: [\n---\nBody 1.\n")
		}, false, false},
		{"bad edit fixed", func() {
			writeFile(t, dir, "content/world/story-1.md", story(1, "Story 1", "2025-01-07T16:30:00Z", "tag-1, common", "A new body."))
		}, false, false},
		{"a report of an event", func() {
			writeFile(t, dir, "content/world/story-1.md", story(1, "Island ferry crews strike over rosters", "2025-01-07T16:30:00Z", "tag-1, common", "A new body."))
		}, false, true},
		{"a second report joins it in a story", func() {
			writeFile(t, dir, "content/world/ferry.md", story(10, "Ferry crews strike over island rosters", "2025-01-07T18:00:00Z", "tag-0", "Crossings cancelled."))
		}, false, false},
		{"a report's body edited", func() {
			writeFile(t, dir, "content/world/ferry.md", story(10, "Ferry crews strike over island rosters", "2025-01-07T18:00:00Z", "tag-0", "Every crossing cancelled."))
		}, false, false},
		{"a report renamed out of the story", func() {
			writeFile(t, dir, "content/world/ferry.md", story(10, "Bakery opens on the quay", "2025-01-07T18:00:00Z", "tag-0", "Every crossing cancelled."))
		}, false, false},
	}
	storyPage := "stories/2025-01-07-story-1/index.html"
	for _, step := range steps {
		n := rec.len()
		step.change()
		reports := rec.settled(t, step.name, n)
		for _, r := range reports {
			if r.Err != nil {
				t.Fatalf("%s: %v", step.name, r.Err)
			}
			if r.Full && r.Differed > 0 {
				t.Errorf("%s: the full build found %d files the quick build got wrong", step.name, r.Differed)
			}
		}
		if quick := reports[0]; !step.full && (!quick.Quick || quick.Pages >= pages(s)) {
			t.Errorf("%s: rendered %d of %d pages (quick %v); want a quick build", step.name, quick.Pages, pages(s), quick.Quick)
		}
		if got := reports[0].Kept; got != step.kept {
			t.Errorf("%s: last digest and pages updated in place: %v, want %v", step.name, got, step.kept)
		}
		sameAsColdBuild(t, step.name, s, dir)
		// The ferry reports make a story from the second report on, until
		// one is renamed out of it.
		_, served := s.site.Load().files[storyPage]
		want := strings.Contains(step.name, "joins") || step.name == "a report's body edited"
		if served != want {
			t.Errorf("%s: /%s served: %v, want %v", step.name, storyPage, served, want)
		}
	}
}

// pages counts the HTML pages served.
func pages(s *Server) int {
	n := 0
	for name := range s.site.Load().files {
		if strings.HasSuffix(name, ".html") {
			n++
		}
	}
	return n
}
