package feed_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html/template"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// A character XML 1.0 cannot hold, in any field of an article or the
// config, leaves every feed well-formed: it is dropped, and the text
// around it stays.
func TestXMLInvalidCharacters(t *testing.T) {
	const bad = "\x0b\x1b\x00\ufffe\uffff\xff"
	a := &content.Article{
		File: "content/world/a.md", Title: "Title" + bad + " one", Slug: "a",
		Date: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC), Topic: "World" + bad, TopicSlug: "world",
		Tags: []string{"tag" + bad}, Authors: []string{"Ann" + bad}, Summary: "Sum" + bad + "mary",
		Source: "Wire" + bad, Body: template.HTML("<p>Body" + bad + " text</p>"),
	}
	a.Updated = a.Date
	d := digest.New([]*content.Article{a}, digest.Options{})
	cfg := config.Default()
	cfg.Title, cfg.Description, cfg.Author = "Site"+bad, "About"+bad, "Desk"+bad
	mem := output.NewMemory()
	if _, _, err := feed.Write(context.Background(), d, nil, cfg, urls.New(cfg.BaseURL), nil, mem, feed.Dirs(d)); err != nil {
		t.Fatal(err)
	}
	names := feedFiles(mem)
	if len(names) != 12 {
		t.Fatalf("feeds %v, want 12: the site's, its topic's, the editions' and its author's", names)
	}
	for _, name := range names {
		data := mem.Files()[name]
		if strings.ContainsAny(string(data), "\x0b\x1b\x00\ufffe\uffff") || !bytes.Equal(bytes.ToValidUTF8(data, nil), data) {
			t.Errorf("%s holds a character XML cannot:\n%q", name, data)
		}
		if strings.HasSuffix(name, ".xml") {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
		f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.HasPrefix(f.Title, "Site") || len(f.Items) != 1 {
			t.Fatalf("%s: title %q, %d items", name, f.Title, len(f.Items))
		}
		it := f.Items[0]
		if name == "feed.xml" || name == "atom.xml" || name == "feed.json" {
			if it.Title != "Title one" || !strings.Contains(it.Content, "Body text") {
				t.Errorf("%s: item title %q, content %q; want the text around the dropped characters", name, it.Title, it.Content)
			}
		}
	}
}
