//go:build unix

package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOddFilesLeftOut builds a site with one odd file in it: the build
// ends at once, names the file with what is wrong, leaves it out and
// publishes the rest.
func TestOddFilesLeftOut(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("named pipes are made with mkfifo(2) on Linux")
	}
	fifo := func(name string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			if err := syscall.Mkfifo(filepath.Join(site, name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	link := func(name, target string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	file := func(name, text string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) { writeFiles(t, site, map[string]string{name: text}) }
	}
	tests := []struct {
		name string
		make func(t *testing.T, site string)
		file string // the file the problem names
		want string // part of the problem
	}{
		{"a pipe for an article", fifo("content/harbour/x.md"), "content/harbour/x.md", "not a regular file (a named pipe)"},
		{"a pipe in a bundle", fifo("content/city/bridge/photo.jpg"), "content/city/bridge/photo.jpg", "not a regular file"},
		{"a pipe in static", fifo("static/feed.txt"), "static/feed.txt", "not a regular file"},
		{"a link to a folder in a bundle", link("content/city/bridge/more", "../../harbour"), "content/city/bridge/more", "symbolic link to a folder"},
		{"a link to a folder in static", link("static/more", "../content"), "static/more", "symbolic link to a folder"},
		{"an article linked out of the site", link("content/harbour/secret.md", "../../../secret.md"), "content/harbour/secret.md", "leads outside the site"},
		{"a bundle file linked out of the site", link("content/city/bridge/shadow", "../../../../secret.md"), "content/city/bridge/shadow", "leads outside the site"},
		{"a static file linked out of the site", link("static/shadow", "/etc/passwd"), "static/shadow", "leads outside the site"},
		{"a bundle file named index.html", file("content/city/bridge/index.html", "<p>"), "content/city/bridge/index.html", "would replace the article's page"},
		{"a bundle file with backslashes", file(`content/city/bridge/x\..\..\evil.html`, "<p>"), `content/city/bridge/x\..\..\evil.html`, "backslash"},
		{"a static file with a backslash", file(`static/x\y.txt`, "x"), `static/x\y.txt`, "not a relative path"},
		{"an HTML bundle file", file("content/city/bridge/page.html", "<p>"), "content/city/bridge/page.html", "markup.unsafe = true"},
		{"an SVG bundle file with a script", file("content/city/bridge/map.svg", `<svg onload="alert(1)"/>`), "content/city/bridge/map.svg", "markup.unsafe = true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			writeFiles(t, root, map[string]string{
				"secret.md":                         goodArticle,
				"site/content/harbour/ferry.md":     goodArticle,
				"site/content/city/bridge/index.md": strings.Replace(goodArticle, "Ferry returns", "Bridge", 1),
				"site/static/about.txt":             "about",
			})
			tt.make(t, site)
			done := make(chan struct{})
			var res *Result
			var err error
			go func() {
				defer close(done)
				res, err = Run(context.Background(), Options{Source: site, NoCache: true})
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the build still runs after 10s")
			}
			if !errors.Is(err, ErrProblems) || !res.Published {
				t.Fatalf("build: %v, published %v; want the site published with problems", err, res != nil && res.Published)
			}
			found := false
			for _, p := range res.Problems {
				found = found || p.File == tt.file && strings.Contains(p.Err.Error(), tt.want)
			}
			if !found || len(res.Problems) != 1 {
				t.Errorf("problems %v, want one for %s: %s", res.Problems, tt.file, tt.want)
			}
			for _, page := range []string{"2025/03/02/ferry/index.html", "2025/03/02/bridge/index.html", "about.txt"} {
				if _, err := os.Stat(filepath.Join(site, "public", page)); err != nil {
					t.Errorf("not published: %v", err)
				}
			}
		})
	}
}

// TestPageFilesWithUnsafe checks that markup.unsafe = true publishes the
// bundle files that run as pages, and that an SVG with nothing that runs
// is published either way.
func TestPageFilesWithUnsafe(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		site := t.TempDir()
		writeFiles(t, site, map[string]string{
			"newsdigest.toml":               fmt.Sprintf("[markup]\nunsafe = %v\n", unsafe),
			"content/city/bridge/index.md":  goodArticle,
			"content/city/bridge/page.html": "<p>",
			"content/city/bridge/chart.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="2"/></svg>`,
		})
		res, err := Run(context.Background(), Options{Source: site, NoCache: true})
		if unsafe && err != nil || !unsafe && len(res.Problems) != 1 {
			t.Errorf("unsafe = %v: %v, problems %v", unsafe, err, res.Problems)
		}
		for name, want := range map[string]bool{"page.html": unsafe, "chart.svg": true} {
			_, err := os.Stat(filepath.Join(site, "public/2025/03/02/bridge", name))
			if got := err == nil; got != want {
				t.Errorf("unsafe = %v: %s published %v, want %v", unsafe, name, got, want)
			}
		}
	}
}

// TestCacheIsAPipe checks that a named pipe in the place of the build
// cache is discarded with a note rather than waited on.
func TestCacheIsAPipe(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("named pipes are made with mkfifo(2) on Linux")
	}
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"content/harbour/ferry.md": goodArticle})
	os.MkdirAll(filepath.Join(site, CacheDir), 0o755)
	if err := syscall.Mkfifo(filepath.Join(site, CacheDir, bodyCacheFile), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var res *Result
	var err error
	go func() {
		defer close(done)
		res, err = Run(context.Background(), Options{Source: site})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the build still runs after 10s")
	}
	if err != nil || !res.Published || !strings.Contains(res.CacheNote, "not a regular file") {
		t.Errorf("build: %v, published %v, note %q; want published and a note", err, res.Published, res.CacheNote)
	}
}
