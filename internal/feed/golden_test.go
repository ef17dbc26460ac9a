package feed_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsdigest/newsdigest/internal/config"
)

var update = flag.Bool("update", false, "rewrite the golden feeds in testdata/golden")

// TestGolden compares every feed of the fixture with testdata/golden.
// After a deliberate change, refresh them with go test -update and read
// the diff.
func TestGolden(t *testing.T) {
	tests := []struct {
		dir    string
		change func(*config.Config)
	}{
		{"golden/full", nil},
		{"golden/summaries", func(c *config.Config) { c.Feeds.FullContent = false }},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			mem := buildSite(t, tt.change)
			files := mem.Files()
			for _, name := range feedFiles(mem) {
				golden := filepath.Join("testdata", tt.dir, filepath.FromSlash(name))
				got := files[name]
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (-want +got):\n%s", name, golden, cmp.Diff(string(want), string(got)))
				}
			}
		})
	}
}

// TestDeterministic builds twice: articles are read in parallel, yet every
// feed must come out byte for byte the same.
func TestDeterministic(t *testing.T) {
	mem := buildSite(t, nil)
	first, second := mem.Files(), buildSite(t, nil).Files()
	for _, name := range feedFiles(mem) {
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s differs between two builds:\n%s", name, cmp.Diff(string(first[name]), string(second[name])))
		}
	}
}
