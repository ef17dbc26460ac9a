package feed_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// TestMedia reads the feeds with a feed parser: each item carries its lead
// image (an enclosure with the file's size, Media RSS, an Atom enclosure
// link, JSON Feed's image), each feed the site's logo, and an item whose
// body shows the lead image already has it once in its content.
func TestMedia(t *testing.T) {
	site := fstest.MapFS{
		"content/city/bridge/index.md": {Data: []byte("---\ntitle: Bridge\ndate: 2025-03-01T10:00:00Z\nimage: arch.jpg\n---\nThe arch is mended.\n")},
		"content/city/bridge/arch.jpg": {Data: bytes.Repeat([]byte{0xff}, 1234)},
		"content/city/pier.md":         {Data: []byte("---\ntitle: Pier\ndate: 2025-03-01T09:00:00Z\nimage: https://img.example/pier.png\n---\n![The pier at dusk](https://img.example/pier.png)\n\nThe pier reopens.\n")},
	}
	var articles []*content.Article
	for _, f := range []struct{ file, dir string }{{"content/city/bridge/index.md", "content/city/bridge"}, {"content/city/pier.md", ""}} {
		a, err := content.Parse(f.file, f.dir, site[f.file].Data, content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, a)
	}
	d := digest.New(articles, digest.Options{})
	cfg := config.Default()
	cfg.BaseURL, cfg.Logo = "https://example.org/news/", "/img/logo.png"
	mem := output.NewMemory()
	if _, _, err := feed.Write(context.Background(), d, nil, cfg, urls.New(cfg.BaseURL), site, mem, []string{""}); err != nil {
		t.Fatal(err)
	}
	const arch = "https://example.org/news/2025/03/01/bridge/arch.jpg"
	for _, name := range []string{"feed.xml", "atom.xml", "feed.json"} {
		f, err := gofeed.NewParser().ParseString(string(mem.Files()[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Image == nil || f.Image.URL != "https://example.org/news/img/logo.png" {
			t.Errorf("%s: feed image %+v, want the logo", name, f.Image)
		}
		if len(f.Items) != 2 {
			t.Fatalf("%s: %d items", name, len(f.Items))
		}
		bridge, pier := f.Items[0], f.Items[1]
		switch name {
		case "feed.xml", "atom.xml":
			if len(bridge.Enclosures) != 1 || bridge.Enclosures[0].URL != arch || bridge.Enclosures[0].Length != "1234" || bridge.Enclosures[0].Type != "image/jpeg" {
				t.Errorf("%s: bridge enclosures %+v", name, bridge.Enclosures)
			}
		case "feed.json":
			if bridge.Image == nil || bridge.Image.URL != arch {
				t.Errorf("%s: bridge image %+v", name, bridge.Image)
			}
		}
		if n := strings.Count(bridge.Content, "arch.jpg"); n != 1 {
			t.Errorf("%s: the lead image is in the bridge's content %d times, want once: %s", name, n, bridge.Content)
		}
		if n := strings.Count(pier.Content, "pier.png"); n != 1 {
			t.Errorf("%s: the pier's image, shown in its body, is in its content %d times, want once: %s", name, n, pier.Content)
		}
	}
	rss := string(mem.Files()["feed.xml"])
	if !strings.Contains(rss, `<media:content url="https://img.example/pier.png" type="image/png" medium="image"></media:content>`) {
		t.Errorf("feed.xml lacks the pier's Media RSS element (its size unknown, with no enclosure):\n%s", rss)
	}
}
