package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// groupSite writes the articles as a site in dir, one Markdown file each,
// with a config for the window and language, and groups them the way
// newsdigest build and list do: through the pipeline, from the files. It
// returns the story id of each article, keyed by its File, and the time
// the grouping took.
func groupSite(dir string, articles []*content.Article, o options) (map[string]string, time.Duration, error) {
	cfg := fmt.Sprintf("language = %q\n\n[stories]\nwindow = %q\n", o.lang, o.window)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "newsdigest.toml"), []byte(cfg), 0o644); err != nil {
		return nil, 0, err
	}
	for _, a := range articles {
		front, err := yaml.Marshal(map[string]any{
			"title": a.Title, "date": a.Date.Format(time.RFC3339Nano), "topic": a.Topic,
			"source": a.Source, "source_url": a.SourceURL, "slug": a.Slug,
		})
		if err != nil {
			return nil, 0, err
		}
		p := filepath.Join(dir, filepath.FromSlash(a.File))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, 0, err
		}
		if err := os.WriteFile(p, []byte("---\n"+string(front)+"---\n"), 0o644); err != nil {
			return nil, 0, err
		}
	}
	ctx := context.Background()
	fsys := os.DirFS(dir)
	p, err := pipeline.Open(ctx, fsys, "")
	if err != nil {
		return nil, 0, err
	}
	loaded, err := p.Load(ctx, fsys, pipeline.Options{Future: true})
	if err != nil {
		return nil, 0, err
	}
	if len(loaded.Problems) > 0 {
		return nil, 0, fmt.Errorf("%d bad articles, the first: %v", len(loaded.Problems), loaded.Problems[0])
	}
	d := p.Digest(loaded.Articles)
	start := time.Now()
	set := p.Stories(d.Articles)
	took := time.Since(start)
	found := map[string]string{}
	for _, s := range set.All() {
		for _, a := range s.Articles {
			found[a.File] = s.ID
		}
	}
	return found, took, nil
}

// inSite is the file an article of the CSV has in the site.
func inSite(id string) string { return "content/" + strings.TrimSpace(id) + ".md" }
