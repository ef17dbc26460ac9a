package serve

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/newsdigest/newsdigest/internal/content"
)

// TestEditDuringRebuildIsServed writes a second version of an article
// while the rebuild of the first is under way (from the build report,
// which the builder sends before it goes on), after that rebuild read the
// file. The second version must be served in the end, and stay.
func TestEditDuringRebuildIsServed(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/business/grocers.md": article("Grocers bet on smaller stores", "2025-01-06", "First body."),
		"content/world/ports.md":      article("Ports reopen", "2025-01-06", "Ports body."),
	})
	rec := &recorder{}
	var once sync.Once
	s := start(t, dir, Options{OnBuild: func(r Report) {
		rec.add(r)
		if r.Quick && r.Err == nil {
			once.Do(func() {
				writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller stores", "2025-01-06", "Second version."))
			})
		}
	}})
	rec.settled(t, "first build", 0)
	n := rec.len()
	writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller stores", "2025-01-06", "First version."))
	url := s.URL() + "2025/01/06/grocers/"
	eventually(t, "second version served", served(t, url, "Second version."))
	// A full build that read the second version before its event came
	// finds differences; the one after the last rebuild must find none.
	eventually(t, "a full build agreeing with the last rebuild", func() string {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		since := rec.reports[n:]
		if len(since) < 2 {
			return fmt.Sprintf("%d builds so far", len(since))
		}
		if last := since[len(since)-1]; !last.Full || last.Differed > 0 {
			return fmt.Sprintf("last of %d builds: full %v, %d files differed", len(since), last.Full, last.Differed)
		}
		return ""
	})
	sameAsColdBuild(t, "after the second version", s, dir)
}

// TestUnreportedChangeIsCorrected changes an article with no watcher to
// report it: the quick rebuild, trusting what it read before, still shows
// the old text, and the full build that follows every rebuild reads the
// disk again and serves the change.
func TestUnreportedChangeIsCorrected(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/business/grocers.md": article("Grocers bet on smaller stores", "2025-01-06", "First body."),
		"content/world/ports.md":      article("Ports reopen", "2025-01-06", "Ports body."),
	})
	ctx := context.Background()
	rec := &recorder{}
	s := &Server{opts: Options{Source: dir, OnBuild: rec.add}, root: dir, url: "http://127.0.0.1:1313/",
		cache: content.NewParseCache(), disk: newFiles(dir), pending: make(chan *batch, 1)}
	s.site.Store(&snapshot{})
	if !s.rebuild(ctx, &batch{all: true}) {
		t.Fatal("first build failed")
	}
	page := "2025/01/06/grocers/index.html"
	writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller stores", "2025-01-06", "Changed unseen."))
	b := &batch{}
	b.add("content/world/ports.md") // the watcher saw another change only
	if !s.rebuild(ctx, b) {
		t.Fatal("rebuild failed")
	}
	if got := string(s.site.Load().files[page]); strings.Contains(got, "Changed unseen.") {
		t.Fatalf("the quick rebuild read a file no event named; the test shows nothing")
	}
	s.check(ctx)
	if got := string(s.site.Load().files[page]); !strings.Contains(got, "Changed unseen.") {
		t.Errorf("after the full build, /%s still lacks the change:\n%.300s", page, got)
	}
	if last := rec.reports[len(rec.reports)-1]; !last.Full || last.Differed == 0 {
		t.Errorf("last report %+v, want a full build that found differences", last)
	}
	// What the full build read is what later rebuilds trust.
	b = &batch{}
	b.add("content/world/ports.md")
	if !s.rebuild(ctx, b) {
		t.Fatal("rebuild failed")
	}
	if got := string(s.site.Load().files[page]); !strings.Contains(got, "Changed unseen.") {
		t.Errorf("a later rebuild went back to the old text:\n%.300s", got)
	}
}
