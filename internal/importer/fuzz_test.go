package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

// FuzzImport feeds arbitrary pages, as text and as HTML: an import either
// skips the page or gives an article that parses as content, at a path
// inside content/.
func FuzzImport(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.*")
	for _, s := range seeds {
		if filepath.Ext(s) == ".golden" {
			continue
		}
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, filepath.Ext(s) == ".html")
	}
	f.Add([]byte("Oslo\nMay 2, 2025\nAB\nXAB\nC.\n"), false)
	loc, err := time.LoadLocation("Pacific/Chatham")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, isHTML bool) {
		name := "page.txt"
		if isHTML {
			name = "page.html"
		}
		a, err := Import(name, data, Options{Location: loc})
		if err != nil {
			if s := (*SkipError)(nil); !errors.As(err, &s) {
				t.Fatalf("not a skip: %v", err)
			}
			return
		}
		if !filepath.IsLocal(a.Path()) {
			t.Fatalf("path %q leaves content/", a.Path())
		}
		md, err := Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := content.Parse("content/"+a.Path(), "", md, content.Options{Location: loc}); err != nil {
			t.Fatalf("imported article does not parse: %v\n%s", err, md)
		}
	})
}
