package themes_test

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdigest/newsdigest/internal/browsertest"
)

// screenshots, when set, is a folder the front page's screenshots at each
// view are written to: go test ./themes -run BrowserPages -screenshots ../docs
var screenshots = flag.String("screenshots", "", "write the front page's screenshots into this folder")

// views are the window sizes and colour schemes every page kind must read
// well in: a laptop and a phone, light and dark.
var views = []browsertest.View{
	{Width: 1280, Height: 900},
	{Width: 1280, Height: 900, Dark: true},
	{Width: 390, Height: 844},
	{Width: 390, Height: 844, Dark: true},
}

// TestBrowserPages opens a page of every kind of the sample site (the
// front page, topics, articles, stories, editions, archives, tags, 404) in
// Chromium at each view, and fails on a page wider than the window and on
// any axe-core violation.
func TestBrowserPages(t *testing.T) {
	b := browsertest.Start(t)
	axe := browsertest.AxeScript(t)
	dest := buildSample(t)
	kinds := htmlPages(t, dest)
	// The sample is built for https://example.org/news/: served here under
	// /news/ too, so that its links resolve.
	srv := httptest.NewServer(http.StripPrefix("/news", http.FileServer(http.Dir(dest))))
	defer srv.Close()
	for _, kind := range pageKinds {
		if len(kinds[kind]) == 0 {
			t.Fatalf("no %s page in the sample", kind)
		}
		rel, err := filepath.Rel(dest, kinds[kind][0])
		if err != nil {
			t.Fatal(err)
		}
		url := srv.URL + "/news/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		for _, v := range views {
			t.Run(kind+" "+v.String(), func(t *testing.T) {
				b.Open(t, url, v)
				if over := b.Overflow(t); over > 0 {
					t.Errorf("%s at %s: %dpx wider than the window", url, v, over)
				}
				if kind == "home" && *screenshots != "" {
					scheme := "light"
					if v.Dark {
						scheme = "dark"
					}
					name := filepath.Join(*screenshots, fmt.Sprintf("front-%d-%s.png", v.Width, scheme))
					if err := os.WriteFile(name, b.Screenshot(t), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				for _, violation := range b.Axe(t, axe) {
					t.Errorf("%s at %s: %s", url, v, violation)
				}
			})
		}
	}
}
