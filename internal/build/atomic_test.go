package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFiles writes files (slash paths → text) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const goodArticle = "---\ntitle: Ferry returns\ndate: 2025-03-02T08:00:00Z\n---\nThe ferry is back.\n"

// TestFailedBuildKeepsDestination breaks a site that built once in the
// ways a build can fail, and checks that the published output stays byte
// for byte as it was, with nothing left beside it.
func TestFailedBuildKeepsDestination(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  string // part of the error
	}{
		{
			name:  "template that does not parse",
			files: map[string]string{"templates/article.html": "{{define \"main\"}}<h1>{{.Title</h1>{{end}}"},
			want:  "templates/article.html:1:",
		},
		{
			name:  "template that fails while rendering",
			files: map[string]string{"templates/article.html": "{{define \"main\"}}<h1>{{.Article.Headline}}</h1>{{end}}"},
			want:  "templates/article.html:1:",
		},
		{
			name:  "partial that fails while rendering",
			files: map[string]string{"templates/partials/footer.html": "{{define \"footer\"}}{{url 42}}{{end}}"},
			want:  "templates/partials/footer.html:1:",
		},
		{
			name:  "static file in the place of a page",
			files: map[string]string{"static/index.html": "<p>hand-made</p>"},
			want:  "static/index.html: index.html written twice",
		},
		// A bundle file in the place of its page is left out and named
		// (TestOddFilesLeftOut).
		{
			name:  "bad article with --strict",
			files: map[string]string{"content/harbour/broken.md": "---\ntitle: Broken\ndate: someday\n---\n"},
			opts:  Options{Strict: true},
			want:  "nothing published",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src, out := filepath.Join(root, "site"), filepath.Join(root, "out")
			dest := filepath.Join(out, "public")
			writeFiles(t, src, map[string]string{"content/harbour/ferry.md": goodArticle})
			opts := tt.opts
			opts.Source, opts.Destination = src, dest
			opts.Now = time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
			good := opts
			good.Strict = false
			if _, err := Run(context.Background(), good); err != nil {
				t.Fatalf("first build: %v", err)
			}
			before := snapshot(t, out)
			if _, ok := before["public/2025/03/02/ferry/index.html"]; !ok {
				t.Fatalf("first build did not publish the article: %v", names(before))
			}

			writeFiles(t, src, tt.files)
			writeFiles(t, src, map[string]string{"content/harbour/newer.md": strings.ReplaceAll(goodArticle, "Ferry returns", "Newer")})
			res, err := Run(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("build error %v, want one containing %q", err, tt.want)
			}
			if res != nil && res.Published {
				t.Errorf("result says published after %v", err)
			}
			if diff := diffTrees(before, snapshot(t, out)); len(diff) > 0 {
				t.Errorf("a failed build changed %v beside or in the destination", diff)
			}
		})
	}
}

// TestBadArticlePublishesTheRest checks the other side of the rule: without
// --strict a bad article is reported and the good ones are published.
func TestBadArticlePublishesTheRest(t *testing.T) {
	root := t.TempDir()
	src, dest := filepath.Join(root, "site"), filepath.Join(root, "out", "public")
	writeFiles(t, src, map[string]string{
		"content/harbour/ferry.md":  goodArticle,
		"content/harbour/broken.md": "---\ntitle: Broken\n\ndate: someday\n---\n",
	})
	res, err := Run(context.Background(), Options{Source: src, Destination: dest, Now: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, ErrProblems) {
		t.Fatalf("build error %v, want ErrProblems", err)
	}
	if !res.Published || res.Articles != 1 || len(res.Problems) != 1 {
		t.Fatalf("result %+v, want 1 article published and 1 problem", res)
	}
	if got, want := res.Problems[0].Error(), "content/harbour/broken.md:4: date:"; !strings.HasPrefix(got, want) {
		t.Errorf("problem %q, want it to start with %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dest, "2025/03/02/ferry/index.html")); err != nil {
		t.Errorf("the good article was not published: %v", err)
	}
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Errorf("beside the destination: %v, want only public", got)
	}
}
