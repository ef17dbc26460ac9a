// Package feed writes a site's feeds: RSS 2.0 (feed.xml), Atom 1.0
// (atom.xml) and JSON Feed 1.1 (feed.json) for the whole site, for each
// topic under topics/<slug>/ and for the daily editions under editions/.
// Every id is a permalink and every date comes from the items, never from
// the clock, so the same digest always gives byte-identical files; every URL
// in a feed, in its content too, is absolute under the site's base URL.
package feed

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Feed is one feed, independent of its format.
type Feed struct {
	Logo        string // absolute URL of the site's logo, or ""
	Title       string
	Description string
	Language    string
	Author      string // of the feed as a whole
	Home        string // absolute URL of the HTML page the feed follows; also the Atom feed id
	Dir         string // the feed's folder as a site path: "", "topics/economy/", "editions/"
	links       urls.URLs
	Items       []*Item // newest first
}

// URL is the absolute URL of one of the feed's files, e.g. "atom.xml".
func (f *Feed) URL(name string) string { return f.links.Abs(f.Dir + name) }

// Updated is the feed's last change: the latest update of its items. An
// empty feed has the Unix epoch, so that no build clock leaks in.
func (f *Feed) Updated() time.Time {
	var t time.Time
	for _, it := range f.Items {
		if it.Updated.After(t) {
			t = it.Updated
		}
	}
	if t.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return t
}

// Published is when the newest item was first published.
func (f *Feed) Published() time.Time {
	if len(f.Items) == 0 {
		return f.Updated()
	}
	return f.Items[0].Published
}

// Item is one entry of a feed.
type Item struct {
	Link        string // absolute permalink, which is also the item's id
	Title       string // plain text
	Content     string // HTML with absolute URLs; "" when feeds carry summaries only
	Summary     string // plain text
	Published   time.Time
	Updated     time.Time // never before Published
	Authors     []string
	Categories  []string // the topic, then the tags
	ExternalURL string   // the original story, when the article names one
	Image       string   // absolute URL of the lead image, or ""
	ImageType   string   // its MIME type from its name, "" when unknown
	ImageLength int64    // its size in bytes, 0 when unknown (an image elsewhere)
}

// encoders are the formats by MIME type; urls.FeedFiles names the files,
// so that pages link to exactly the files written here.
var encoders = map[string]func(*Feed) ([]byte, error){
	"application/rss+xml":   RSS,
	"application/atom+xml":  Atom,
	"application/feed+json": JSON,
}

// Dirs lists the folders of every feed of the digest, as site paths: the
// whole site's (""), each topic's in the digest's order, the daily
// editions', then each author's.
func Dirs(d *digest.Digest) []string {
	dirs := make([]string, 0, len(d.Topics)+len(d.Authors)+2)
	dirs = append(dirs, "")
	for _, t := range d.Topics {
		dirs = append(dirs, urls.Topic(t))
	}
	dirs = append(dirs, urls.EditionsFeed)
	for _, a := range d.Authors {
		dirs = append(dirs, urls.Author(a))
	}
	return dirs
}

// Write writes the feeds in the folders dirs (see Dirs) into sink, every
// format of each, and returns the number of files written. With lists
// not nil, a feed has one item per story (its earliest report in the
// feed's list) and editions list the stories most sources report first.
// It stops with ctx's error once ctx is done: rewriting each item's HTML
// is most of a feed's cost. An article whose item cannot be made is left
// out of every feed and returned as a problem; the feeds are written
// without it. site, when not nil, is the site's files, from which an
// enclosure takes the size of a bundle's lead image.
func Write(ctx context.Context, d *digest.Digest, lists *stories.Set, cfg *config.Config, u urls.URLs, site fs.FS, sink output.Sink, dirs []string) (int, []content.Problem, error) {
	b := newBuilder(ctx, d, lists, cfg, u)
	b.site = site
	n := 0
	for _, dir := range dirs {
		f, err := b.make(dir)
		if err != nil {
			return n, b.left(), err
		}
		f.xmlSafe()
		for _, file := range urls.FeedFiles {
			if err := ctx.Err(); err != nil {
				return n, b.left(), err
			}
			encode := encoders[file.Type]
			if encode == nil {
				return n, b.left(), fmt.Errorf("feed: no encoder for %s (%s)", file.Name, file.Type)
			}
			data, err := encode(f)
			if err != nil {
				return n, b.left(), fmt.Errorf("feed %s%s: %w", f.Dir, file.Name, err)
			}
			if err := sink.Write(f.Dir+file.Name, data); err != nil {
				return n, b.left(), err
			}
			n++
		}
	}
	return n, b.left(), nil
}
