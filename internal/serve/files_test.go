package serve

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
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
		parses: newParses(), disk: newFiles(dir), pending: make(chan *batch, 1)}
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

// TestOneFileWaitsOnlyToSettle edits one article with a quiet window far
// longer than the test may run: only the short window for a single file
// can let the edit be served.
func TestOneFileWaitsOnlyToSettle(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/business/grocers.md": article("Grocers bet on smaller stores", "2025-01-06", "First body."),
	})
	rec := &recorder{}
	s := start(t, dir, Options{Quiet: time.Hour, MaxWait: time.Hour, OnBuild: rec.add})
	idle(t, rec)
	writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller shops", "2025-01-06", "First body."))
	eventually(t, "edit served", served(t, s.URL()+"2025/01/06/grocers/", "smaller shops"))
}

// TestBackupRenameSave saves the way vim does: the file is renamed to a
// backup, written anew, and the backup removed. The rename starts a burst,
// so the rebuild waits for the new file and never serves the site without
// the article, even when the new file comes later than a one-file change
// would wait.
func TestBackupRenameSave(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/business/grocers.md": article("Grocers bet on smaller stores", "2025-01-06", "First body."),
		"content/world/ports.md":      article("Ports reopen", "2025-01-06", "Ports body."),
	})
	rec := &recorder{}
	// A wide quiet window, so that a machine busy with other work cannot
	// pause the save long enough to split it.
	s := start(t, dir, Options{Quiet: 500 * time.Millisecond, OnBuild: rec.add})
	idle(t, rec)
	n := rec.len()
	rename(t, dir, "content/business/grocers.md", "content/business/grocers.md~")
	// Longer than the window for one file, shorter than a burst's.
	time.Sleep(50 * time.Millisecond)
	writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller stores", "2025-01-06", "Saved by vim."))
	remove(t, dir, "content/business/grocers.md~")
	eventually(t, "save served", served(t, s.URL()+"2025/01/06/grocers/", "Saved by vim."))
	for _, r := range rec.settled(t, "after the save", n) {
		if !r.Full && r.Articles != 2 {
			t.Errorf("a build saw %d articles, want 2: the save was split %+v", r.Articles, r)
		}
	}
}
