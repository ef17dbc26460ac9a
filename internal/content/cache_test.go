package content

import (
	"context"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func article(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2025-01-06\n---\nBody of " + title + ".\n")}
}

// TestCacheLoadEqualsFreshLoad edits, adds, breaks and deletes files between
// loads through one ParseCache, and checks each load against a load without it.
func TestCacheLoadEqualsFreshLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/business/a.md":          article("A"),
		"content/business/b.md":          article("B"),
		"content/world/bundle/index.md":  article("Bundle"),
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
		{"edit one", func() { fsys["content/business/a.md"] = article("A edited") }, 2, []string{"content/business/a.md"}},
		{"add one", func() { fsys["content/business/c.md"] = article("C") }, 3, []string{"content/business/c.md"}},
		{"break one", func() { fsys["content/business/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, 3, []string{"content/business/b.md"}},
		{"bad again", func() {}, 4, nil},
		{"add bundle asset", func() { fsys["content/world/bundle/map.png"] = &fstest.MapFile{Data: []byte("png")} }, 4, []string{"content/world/bundle/index.md"}},
		{"delete one", func() { delete(fsys, "content/business/c.md") }, 3, []string{"content/business/c.md"}},
	}
	cache := NewParseCache()
	for _, s := range steps {
		s.change()
		before := cache.Hits()
		got, err := Load(context.Background(), fsys, Options{Parsed: cache})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := Load(context.Background(), fsys, Options{})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(want, got, sameMessage); diff != "" {
			t.Errorf("%s: cached load (-want +got):\n%s", s.name, diff)
		}
		if hits := cache.Hits() - before; hits != s.wantHits {
			t.Errorf("%s: %d parses saved, want %d", s.name, hits, s.wantHits)
		}
		changed := slices.Sorted(maps.Keys(cache.Changed()))
		if diff := cmp.Diff(s.wantChanged, changed, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: changed files (-want +got):\n%s", s.name, diff)
		}
	}
	if got, want := cache.Len(), 3; got != want {
		t.Errorf("cache holds %d files after the delete, want %d", got, want)
	}
}

// sameMessage compares errors by what they print.
var sameMessage = cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })

// TestTrustingLoadEqualsFreshLoad changes files between loads through a
// trusting view, naming each change to Forget as a watcher would, and
// checks each load against a load without a cache and that only the named
// files were read.
func TestTrustingLoadEqualsFreshLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/business/a.md":          article("A"),
		"content/business/b.md":          article("B"),
		"content/world/bundle/index.md":  article("Bundle"),
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
		{"edit one", func() { fsys["content/business/a.md"] = article("A edited") }, []string{"content/business/a.md"}, 1},
		{"same bytes saved again", func() {}, []string{"content/business/b.md"}, 1},
		{"add one", func() { fsys["content/business/c.md"] = article("C") }, []string{"content/business/c.md"}, 1},
		{"break one", func() { fsys["content/business/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, []string{"content/business/b.md"}, 1},
		{"add bundle asset", func() { fsys["content/world/bundle/map.png"] = &fstest.MapFile{Data: []byte("png")} }, []string{"content/world/bundle/map.png"}, 0},
		{"edit bundle", func() { fsys["content/world/bundle/index.md"] = article("Bundle edited") }, []string{"content/world/bundle/index.md"}, 1},
		{"delete one", func() { delete(fsys, "content/business/c.md") }, []string{"content/business/c.md"}, 0},
		{"file becomes a folder", func() {
			delete(fsys, "content/business/a.md")
			fsys["content/business/a.md/inner.md"] = article("Inner")
		}, []string{"content/business/a.md"}, 1},
		{"new folder with files", func() {
			fsys["content/sport/x.md"] = article("X")
			fsys["content/sport/y.md"] = article("Y")
		}, []string{"content/sport"}, 2},
		{"folder replaced", func() {
			fsys["content/sport/x.md"] = article("X again")
		}, []string{"content/sport"}, 2},
		{"not content", func() { fsys["static/site.css"] = &fstest.MapFile{Data: []byte("p{}")} }, []string{"static/site.css"}, 0},
	}
	cache := NewParseCache()
	trusting := cache.Trusting()
	for _, s := range steps {
		s.change()
		cache.Forget(setOf(s.forget))
		before := cache.Parses() + cache.Hits()
		got, err := Load(context.Background(), fsys, Options{Parsed: trusting})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := Load(context.Background(), fsys, Options{})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(want, got, sameMessage); diff != "" {
			t.Errorf("%s: trusting load (-want +got):\n%s", s.name, diff)
		}
		held := len(want.Articles) + len(want.Problems) - s.wantRead
		if read := cache.Parses() + cache.Hits() - before - held; read != s.wantRead {
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
