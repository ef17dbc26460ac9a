package feed_test

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/feed"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

// benchDigest makes n articles over ten topics, two a day, each with a
// body of a few paragraphs, links and an image.
func benchDigest(n int) *digest.Digest {
	topics := []string{"World", "Business", "Science", "Health", "Sports", "Culture", "Climate", "Politics", "Tech", "Opinion"}
	body := template.HTML(strings.Repeat(`<p>Officials said the <a href="/topics/world/">plan</a> would <em>change</em> with the <a href="https://example.com/x">report</a>.</p>
<p><img src="chart.png" alt="Chart"></p>
`, 8))
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	var articles []*content.Article
	for i := range n {
		t := topics[i%len(topics)]
		articles = append(articles, &content.Article{
			File: fmt.Sprintf("content/%d.md", i), Title: fmt.Sprintf("Story %d: a title < long enough", i),
			Date: start.Add(time.Duration(i) * 12 * time.Hour), Topic: t, TopicSlug: content.Slugify(t),
			Tags: []string{"tag" + fmt.Sprint(i%37)}, Summary: "A summary of the story in one sentence.",
			Slug: fmt.Sprintf("story-%d", i), Body: body, Words: 400, ReadingTime: 2,
		})
	}
	for _, a := range articles {
		a.Updated = a.Date
	}
	return digest.New(articles, digest.Options{})
}

// BenchmarkFeeds writes every feed of a site; BenchmarkPages renders the
// same site's pages, the baseline the feeds' cost is read against.
func BenchmarkFeeds(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		d, cfg := benchDigest(n), config.Default()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := feed.Write(context.Background(), d, nil, cfg, urls.New(cfg.BaseURL), nil, output.NewMemory(), feed.Dirs(d)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		d, cfg := benchDigest(n), config.Default()
		r, err := render.New(context.Background(), cfg, urls.New(cfg.BaseURL), render.Layers(fstest.MapFS{}, cfg.Theme, themes.Default()))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if err := r.Render(context.Background(), r.Jobs(d, nil), output.NewMemory(), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
