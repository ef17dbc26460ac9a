package feed

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// An article whose item cannot be made is left out of every feed and
// named as a problem; the feeds carry the others.
func TestArticleLeftOut(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 1, 6, h, 0, 0, 0, time.UTC) }
	good := &content.Article{File: "content/a.md", Title: "Good", Slug: "good", Topic: "World", TopicSlug: "world", Date: at(9), Updated: at(9)}
	bad := &content.Article{File: "content/b.md", Title: "Bad", Slug: "bad", Topic: "World", TopicSlug: "world", Date: at(10), Updated: at(10)}
	d := digest.New([]*content.Article{good, bad}, digest.Options{})
	cfg := config.Default()
	b := newBuilder(context.Background(), d, nil, cfg, urls.New(cfg.BaseURL))
	b.failed[bad] = errors.New("cannot be written")
	for _, dir := range []string{"", "topics/world/"} {
		f, err := b.make(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 1 || f.Items[0].Title != "Good" {
			t.Errorf("feed %q: %d items, want the good article alone", dir, len(f.Items))
		}
	}
	left := b.left()
	if len(left) != 1 || left[0].File != "content/b.md" || left[0].Error() != "content/b.md: left out of the feeds: cannot be written" {
		t.Errorf("left = %v", left)
	}
}

// Cleaning a feed for XML never writes into its articles, which pages read
// at the same time: an author is cleaned in a copy.
func TestXMLSafeLeavesArticlesAlone(t *testing.T) {
	at := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	a := &content.Article{File: "content/a.md", Title: "T", Slug: "t", Topic: "World", TopicSlug: "world", Date: at, Updated: at,
		Authors: []string{"Ana\x0bRuiz", "Bo"}}
	d := digest.New([]*content.Article{a}, digest.Options{})
	cfg := config.Default()
	b := newBuilder(context.Background(), d, nil, cfg, urls.New(cfg.BaseURL))
	f, err := b.make("")
	if err != nil {
		t.Fatal(err)
	}
	f.xmlSafe()
	if got := f.Items[0].Authors; got[0] != "AnaRuiz" || got[1] != "Bo" {
		t.Errorf("feed authors %q", got)
	}
	if a.Authors[0] != "Ana\x0bRuiz" {
		t.Errorf("the article's authors were changed: %q", a.Authors)
	}
}
