package importer

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/newsdigest/newsdigest/internal/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden imports each page in testdata/golden and compares the file it
// would write, path and bytes, with <page>.golden, a txtar archive of that
// one file.
func TestGolden(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob("testdata/golden/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, in := range pages {
		if strings.HasSuffix(in, ".golden") {
			continue
		}
		n++
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Import(name, data, Options{Location: loc, DefaultTopic: "News"})
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			md, err := Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := content.Parse("content/"+a.Path(), "", md, content.Options{Location: loc}); err != nil {
				t.Errorf("the imported article does not parse: %v", err)
			}
			got := txtar.Format(&txtar.Archive{Files: []txtar.File{{Name: a.Path(), Data: md}}})
			golden := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
	if n < 4 {
		t.Errorf("found %d pages in testdata/golden, want at least 4 site shapes", n)
	}
}
