package content

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
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
		name     string
		change   func()
		wantHits int // parses saved by this load
	}{
		{"first load", func() {}, 0},
		{"no change", func() {}, 3},
		{"edit one", func() { fsys["content/business/a.md"] = article("A edited") }, 2},
		{"add one", func() { fsys["content/business/c.md"] = article("C") }, 3},
		{"break one", func() { fsys["content/business/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")} }, 3},
		{"bad again", func() {}, 4},
		{"add bundle asset", func() { fsys["content/world/bundle/map.png"] = &fstest.MapFile{Data: []byte("png")} }, 4},
		{"delete one", func() { delete(fsys, "content/business/c.md") }, 3},
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
	}
	if got, want := cache.Len(), 3; got != want {
		t.Errorf("cache holds %d files after the delete, want %d", got, want)
	}
}

// sameMessage compares errors by what they print.
var sameMessage = cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })
