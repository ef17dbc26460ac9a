package serve

import (
	"context"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/newsdigest/newsdigest/internal/content"
)

func mdArticle(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2025-01-06\n---\nBody of " + title + ".\n")}
}

// TestCacheLoadEqualsFreshLoad edits, adds, breaks and deletes files between
// loads through one set of records, and checks each load against a load
// without them.
func TestCacheLoadEqualsFreshLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/business/a.md":          mdArticle("A"),
		"content/business/b.md":          mdArticle("B"),
		"content/world/bundle/index.md":  mdArticle("Bundle"),
		"content/world/bundle/photo.jpg": {Data: []byte("jpg")},
	}
	steps := []struct {
		name        string
		change      func()
		wantHits    int      // parses saved by this load
		wantChanged []string // files parsed again or dropped
	}{
		{"first load", func() {}, 0, []string{"content/business/a.md", "content/business/b.md", "content/world/bundle/index.md"}},
		{"no change", func() {}, 3, nil},
		{"edit one", func() { fsys["content/business/a.md"] = mdArticle("A edited") }, 2, []string{"content/business/a.md"}},
		{"add one", func() { fsys["content/business/c.md"] = mdArticle("C") }, 3, []string{"content/business/c.md"}},
		{"break one", func() { fsys["content/business/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, 3, []string{"content/business/b.md"}},
		{"bad again", func() {}, 4, nil},
		{"add bundle asset", func() { fsys["content/world/bundle/map.png"] = &fstest.MapFile{Data: []byte("png")} }, 4, []string{"content/world/bundle/index.md"}},
		{"delete one", func() { delete(fsys, "content/business/c.md") }, 3, []string{"content/business/c.md"}},
	}
	cache := newParses()
	for _, s := range steps {
		s.change()
		before, _ := cache.stats()
		got, err := cache.load(context.Background(), fsys, content.Options{}, false)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := content.Load(context.Background(), fsys, content.Options{})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(want, got, sameMessage); diff != "" {
			t.Errorf("%s: cached load (-want +got):\n%s", s.name, diff)
		}
		if hits, _ := cache.stats(); hits-before != s.wantHits {
			hits -= before
			t.Errorf("%s: %d parses saved, want %d", s.name, hits, s.wantHits)
		}
		changed := slices.Sorted(maps.Keys(cache.takeChanged()))
		if diff := cmp.Diff(s.wantChanged, changed, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: changed files (-want +got):\n%s", s.name, diff)
		}
	}
	if got, want := len(cache.entries), 3; got != want {
		t.Errorf("cache holds %d files after the delete, want %d", got, want)
	}
}

// sameMessage compares errors by what they print.
var sameMessage = cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })

// TestTrustingLoadEqualsFreshLoad changes files between loads through a
// trusting load, naming each change to forget as a watcher would, and
// checks each load against a load without a cache and that only the named
// files were read.
func TestTrustingLoadEqualsFreshLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/business/a.md":          mdArticle("A"),
		"content/business/b.md":          mdArticle("B"),
		"content/world/bundle/index.md":  mdArticle("Bundle"),
		"content/world/bundle/photo.jpg": {Data: []byte("jpg")},
	}
	steps := []struct {
		name     string
		change   func()
		forget   []string
		wantRead int // files parsed again or read and found unchanged
	}{
		{"first load", func() {}, nil, 3},
		{"no change", func() {}, nil, 0},
		{"edit one", func() { fsys["content/business/a.md"] = mdArticle("A edited") }, []string{"content/business/a.md"}, 1},
		{"same bytes saved again", func() {}, []string{"content/business/b.md"}, 1},
		{"add one", func() { fsys["content/business/c.md"] = mdArticle("C") }, []string{"content/business/c.md"}, 1},
		{"break one", func() { fsys["content/business/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, []string{"content/business/b.md"}, 1},
		{"add bundle asset", func() { fsys["content/world/bundle/map.png"] = &fstest.MapFile{Data: []byte("png")} }, []string{"content/world/bundle/map.png"}, 0},
		{"edit bundle", func() { fsys["content/world/bundle/index.md"] = mdArticle("Bundle edited") }, []string{"content/world/bundle/index.md"}, 1},
		{"delete one", func() { delete(fsys, "content/business/c.md") }, []string{"content/business/c.md"}, 0},
		{"file becomes a folder", func() {
			delete(fsys, "content/business/a.md")
			fsys["content/business/a.md/inner.md"] = mdArticle("Inner")
		}, []string{"content/business/a.md"}, 1},
		{"new folder with files", func() {
			fsys["content/sport/x.md"] = mdArticle("X")
			fsys["content/sport/y.md"] = mdArticle("Y")
		}, []string{"content/sport"}, 2},
		{"folder replaced", func() {
			fsys["content/sport/x.md"] = mdArticle("X again")
		}, []string{"content/sport"}, 2},
		{"not content", func() { fsys["static/site.css"] = &fstest.MapFile{Data: []byte("p{}")} }, []string{"static/site.css"}, 0},
	}
	cache := newParses()
	for _, s := range steps {
		s.change()
		cache.forget(setOf(s.forget))
		hits, count := cache.stats()
		before := hits + count
		got, err := cache.load(context.Background(), fsys, content.Options{}, true)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := content.Load(context.Background(), fsys, content.Options{})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(want, got, sameMessage); diff != "" {
			t.Errorf("%s: trusting load (-want +got):\n%s", s.name, diff)
		}
		held := len(want.Articles) + len(want.Problems) - s.wantRead
		if hits, count := cache.stats(); hits+count-before-held != s.wantRead {
			read := hits + count - before - held
			t.Errorf("%s: %d files read, want %d", s.name, read, s.wantRead)
		}
	}
}

func setOf(paths []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range paths {
		m[p] = true
	}
	return m
}
