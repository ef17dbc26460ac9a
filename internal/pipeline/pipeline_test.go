package pipeline_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/themes"
)

var update = flag.Bool("update", false, "rewrite the manifests in testdata/")

// The manifests list every file a site builds to, with the first 16 hex
// digits of its SHA-256: the whole output, byte for byte, in a file small
// enough to keep. A change that alters the output shows here as the files
// that differ; after a deliberate one, refresh with
// go test ./internal/pipeline -run Unchanged -update and review the diff.

// TestSampleSiteUnchanged builds the repository's own sample site.
func TestSampleSiteUnchanged(t *testing.T) {
	checkManifest(t, os.DirFS("../.."), "testdata/sample.sha256", nil)
}

// TestCorpusUnchanged builds the 10,000-article corpus of the benchmarks
// without stories, and proves the build writes every file as its manifest
// records. The manifest was last refreshed for the front page's tiers, the
// "Updated" and "Developing" marks in story lists, the news sitemap, the
// pages' structured data, authors' pages and the search index and form.
func TestCorpusUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 articles; runs in the full suite")
	}
	checkManifest(t, corpus.FS(corpus.Options{Seed: 1, Articles: 10000}), "testdata/corpus-10k.sha256",
		func(c *config.Config) { c.Stories.Enabled = false })
}

// now is after every article of both sites.
var now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func checkManifest(t *testing.T, fsys fs.FS, manifest string, configure func(*config.Config)) {
	ctx := context.Background()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if configure != nil {
		configure(cfg)
	}
	p := pipeline.New(ctx, cfg, render.Layers(fsys, cfg.Theme, themes.Default()))
	mem := output.NewMemory()
	res, err := p.Run(ctx, fsys, pipeline.Options{Now: now}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Loaded.Problems) > 0 {
		t.Fatalf("bad articles: %v", res.Loaded.Problems)
	}
	got := map[string]string{}
	for name, data := range mem.Files() {
		sum := sha256.Sum256(data)
		got[name] = hex.EncodeToString(sum[:8])
	}
	if *update {
		var b strings.Builder
		for _, name := range slices.Sorted(maps.Keys(got)) {
			fmt.Fprintf(&b, "%s  %s\n", got[name], name)
		}
		if err := os.WriteFile(manifest, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readManifest(t, manifest)
	var diffs []string
	for name, sum := range want {
		switch g, ok := got[name]; {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case g != sum:
			diffs = append(diffs, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "new "+name)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("%d of %d files differ from %s, first: %v", len(diffs), len(want), manifest, diffs[:min(20, len(diffs))])
	}
}

func readManifest(t *testing.T, name string) map[string]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("%s: bad line %q", name, sc.Text())
		}
		out[file] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
