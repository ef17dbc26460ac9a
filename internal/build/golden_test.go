package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the build's output")

// fixtureNow is the build time of the fixture: after its articles, before
// the one dated in the future.
var fixtureNow = time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC)

// renderFixture builds testdata/site into memory.
func renderFixture(t *testing.T) (*pipeline.Result, map[string][]byte) {
	t.Helper()
	fsys := os.DirFS("testdata/site")
	p, err := pipeline.Open(context.Background(), fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := p.Run(context.Background(), fsys, pipeline.Options{Now: fixtureNow}, mem)
	if err != nil {
		t.Fatal(err)
	}
	return res, mem.Files()
}

// TestGolden compares every file the fixture site builds to
// testdata/golden. After a deliberate change to the output, refresh it with
// go test ./internal/build -run Golden -update and review the diff.
func TestGolden(t *testing.T) {
	res, files := renderFixture(t)
	if n := len(res.Digest.Articles); n != 6 || res.Loaded.Skipped != 2 || len(res.Loaded.Problems) != 0 {
		t.Errorf("built %d articles, skipped %d, problems %v; want 6, 2 (a draft and a future one), none", n, res.Loaded.Skipped, res.Loaded.Problems)
	}
	const dir = "testdata/golden"
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want[p], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		return err
	})
	if err != nil {
		t.Fatalf("%v (run with -update to create the golden files)", err)
	}
	if diff := cmp.Diff(names(want), names(files)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	for name, got := range files {
		w, ok := want[name]
		if !ok || bytes.Equal(w, got) {
			continue
		}
		t.Errorf("%s (-want +got):\n%s", name, cmp.Diff(string(w), string(got)))
	}
}

func names(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
