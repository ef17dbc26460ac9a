package content

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoad(t *testing.T) {
	art := func(title, date string, extra ...string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + date + "\n" + strings.Join(extra, "\n") + "\n---\nText.\n")}
	}
	fsys := fstest.MapFS{
		"content/world/ferry.md":             art("Ferry", "2025-03-02"),
		"content/world/draft.md":             art("Draft", "2025-03-02", "draft: true"),
		"content/world/future.md":            art("Future", "2025-03-09"),
		"content/world/broken.md":            {Data: []byte("---\ntitle: Broken\n---\n")},
		"content/world/notes.txt":            {Data: []byte("not an article")},
		"content/world/.hidden.md":           art("Hidden", "2025-03-02"),
		"content/world/ferry.md~":            art("Backup", "2025-03-02"),
		"content/world/.git/x.md":            art("Git", "2025-03-02"),
		"content/world/dam/index.md":         art("Dam", "2025-03-01", "image: dam.jpg"),
		"content/world/dam/dam.jpg":          {Data: []byte("jpeg")},
		"content/world/dam/maps/plan.png":    {Data: []byte("png")},
		"content/world/dam/side.md":          {Data: []byte("a bundle file, not an article")},
		"content/sport/ferry.md":             art("Ferry race", "2025-03-02"),
		"content/sport/Ferry!.md":            art("Ferry again", "2025-03-02"),
		"content/sport/other-day/ferry.md":   art("Ferry later", "2025-03-03"),
		"content/sport/zz/ferry.md":          art("Ferry later again", "2025-03-03"),
		"content/business/grocers-2025-1.md": art("Grocers", "2025-03-02T23:30:00-05:00"),
	}
	opts := Options{Now: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)}
	res, err := Load(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Articles {
		got = append(got, a.File+" → "+a.Path()+" "+strings.Join(a.Assets, ","))
	}
	want := []string{
		"content/business/grocers-2025-1.md → 2025/03/03/grocers-2025-1/ ",
		"content/sport/Ferry!.md → 2025/03/02/ferry/ ",
		"content/sport/other-day/ferry.md → 2025/03/03/ferry/ ",
		"content/world/dam/index.md → 2025/03/01/dam/ dam.jpg,maps/plan.png,side.md",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, p.Error())
	}
	wantProblems := []string{
		"content/sport/ferry.md: same URL /2025/03/02/ferry/ as content/sport/Ferry!.md; rename one or set its slug",
		"content/sport/zz/ferry.md: same URL /2025/03/03/ferry/ as content/sport/other-day/ferry.md; rename one or set its slug",
		"content/world/broken.md:1: date: missing; every article needs a date such as " + DateExamples,
		"content/world/ferry.md: same URL /2025/03/02/ferry/ as content/sport/Ferry!.md; rename one or set its slug",
	}
	if diff := cmp.Diff(wantProblems, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if res.Skipped != 2 {
		t.Errorf("skipped %d, want 2 (a draft and a future article)", res.Skipped)
	}

	opts.Drafts, opts.Future = true, true
	res, err = Load(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 6 || res.Skipped != 0 {
		t.Errorf("with drafts and future: %d articles, %d skipped; want 6, 0", len(res.Articles), res.Skipped)
	}
}

func TestLoadWithoutContent(t *testing.T) {
	res, err := Load(context.Background(), fstest.MapFS{"newsdigest.toml": {}}, Options{})
	if err != nil || len(res.Articles) != 0 || len(res.Problems) != 0 {
		t.Errorf("Load without content/ = %+v, %v; want nothing and no error", res, err)
	}
}

// TestLoadContentNotAFolder checks that content/ as a file, or as
// something else that is not a folder, is an error rather than a site of
// no articles published over the old one.
func TestLoadContentNotAFolder(t *testing.T) {
	tests := []struct {
		name string
		mode fs.FileMode
	}{
		{"a file", 0},
		{"a pipe", fs.ModeNamedPipe},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content": {Data: []byte("x"), Mode: tt.mode}}
			_, err := Load(context.Background(), fsys, Options{})
			if err == nil || err.Error() != "content is not a folder" {
				t.Errorf("Load = %v, want the error \"content is not a folder\"", err)
			}
		})
	}
}

func TestLoadMaxBytes(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a/big.md": {Data: []byte("---\ntitle: Big\ndate: 2025-03-02\n---\n" + strings.Repeat("word ", 100) + "\n")},
	}
	res, err := Load(context.Background(), fsys, Options{MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), "over the limit of 100") {
		t.Errorf("problems %v, want one naming the limit", res.Problems)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := fstest.MapFS{"content/a/x.md": {Data: []byte("---\ntitle: X\ndate: 2025-03-02\n---\n")}}
	if _, err := Load(ctx, fsys, Options{}); err == nil {
		t.Error("Load with a cancelled context: no error")
	}
}
