package feed

import (
	"context"
	"fmt"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

func newBuilder(ctx context.Context, d *digest.Digest, lists *stories.Set, cfg *config.Config, u urls.URLs) *builder {
	author := cfg.Author
	if author == "" {
		author = cfg.Title
	}
	return &builder{ctx: ctx, cfg: cfg, d: d, lists: lists, links: u, author: author,
		items: map[*content.Article]*Item{}, failed: map[*content.Article]error{}}
}

// make builds the feed of one folder: "" for the whole site's,
// "topics/<slug>/" for a topic's, urls.EditionsFeed for the editions'.
func (b *builder) make(dir string) (*Feed, error) {
	cfg := b.cfg
	switch {
	case dir == "":
		site := b.feed("", cfg.Title, cfg.Description, b.links.Base())
		if site.Description == "" {
			site.Description = "The latest stories from " + cfg.Title + "."
		}
		return site, b.addArticles(site, b.d.Articles)
	case dir == urls.EditionsFeed:
		return b.editions()
	}
	if slug, ok := strings.CutPrefix(dir, "authors/"); ok {
		return b.authorFeed(dir, strings.TrimSuffix(slug, "/"))
	}
	slug, ok := strings.CutPrefix(dir, "topics/")
	t := b.d.Topic(strings.TrimSuffix(slug, "/"))
	if !ok || t == nil || urls.Topic(t) != dir {
		return nil, fmt.Errorf("feed: no feed in %q", dir)
	}
	f := b.feed(dir, cfg.Title+": "+t.Name, "The latest "+t.Name+" stories from "+cfg.Title+".", b.links.Abs(dir))
	return f, b.addArticles(f, t.Articles)
}

// authorFeed is the feed of an author's latest articles, every one of them
// (a story does not fold an author's report into another's). Its items
// carry summaries only, whatever feeds.full_content says: a site of many
// writers would otherwise repeat its whole text once more per writer.
func (b *builder) authorFeed(dir, slug string) (*Feed, error) {
	a := b.d.Author(slug)
	if a == nil || urls.Author(a) != dir {
		return nil, fmt.Errorf("feed: no feed in %q", dir)
	}
	f := b.feed(dir, b.cfg.Title+": "+a.Name, "The latest articles by "+a.Name+" in "+b.cfg.Title+".", b.links.Abs(dir))
	for _, art := range digest.Latest(a.Articles, b.cfg.Feeds.Items) {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		if b.failed[art] != nil {
			continue
		}
		it, _, err := b.summary(art)
		if err != nil {
			b.failed[art] = err
			continue
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// editions is the feed of the latest daily editions. It follows the
// archive, which lists every edition; the front page is already the
// whole-site feed's home and id.
func (b *builder) editions() (*Feed, error) {
	cfg := b.cfg
	ed := b.feed(urls.EditionsFeed, cfg.Title+": daily editions",
		"Each day's stories from "+cfg.Title+", grouped by topic.", b.links.Abs("archive/"))
	editions := b.d.Editions
	if len(editions) > cfg.Feeds.Items {
		editions = editions[:cfg.Feeds.Items]
	}
	for _, e := range editions {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		it, err := b.edition(e)
		if err != nil {
			return nil, err
		}
		ed.Items = append(ed.Items, it)
	}
	return ed, nil
}

type builder struct {
	ctx   context.Context
	cfg   *config.Config
	d     *digest.Digest
	lists *stories.Set // lists show one item per story; nil: one per article
	// failed holds the articles whose item could not be made, left out.
	failed map[*content.Article]error
	links  urls.URLs
	author string
	// items caches each article's item: a story is in the site's feed
	// and its topic's, and its HTML is rewritten only once.
	items map[*content.Article]*Item
	site  fs.FS // the site's files, for the size of a lead image; may be nil
}

func (b *builder) feed(dir, title, description, home string) *Feed {
	f := &Feed{
		Title: title, Description: description, Language: b.cfg.Language,
		Author: b.author, Home: home, Dir: dir, links: b.links,
	}
	if logo := b.cfg.Logo; logo != "" {
		if u, err := url.Parse(logo); err == nil && u.IsAbs() {
			f.Logo = logo
		} else {
			f.Logo = b.links.Abs(logo)
		}
	}
	return f
}

func (b *builder) addArticles(f *Feed, articles []*content.Article) error {
	for _, a := range digest.Latest(b.lists.Collapse(articles), b.cfg.Feeds.Items) {
		if err := b.ctx.Err(); err != nil {
			return err
		}
		it, err := b.article(a)
		if err != nil {
			b.failed[a] = err
			continue
		}
		f.Items = append(f.Items, it)
	}
	return nil
}

func (b *builder) article(a *content.Article) (*Item, error) {
	if it := b.items[a]; it != nil {
		return it, nil
	}
	if err := b.failed[a]; err != nil {
		return nil, err
	}
	it, base, err := b.summary(a)
	if err != nil {
		return nil, err
	}
	if b.cfg.Feeds.FullContent {
		alt := a.Title
		if s, ok := a.Params["image_alt"].(string); ok && s != "" {
			alt = s
		}
		lead := it.Image
		if slices.ContainsFunc(a.Links, func(l markdown.Link) bool { return l.Image && l.Dest == a.Image }) {
			lead = "" // the body shows it already, as the article's page does
		}
		it.Content, err = articleHTML(string(a.Body), base, lead, alt)
		if err != nil {
			return nil, fmt.Errorf("feed content: %w", err)
		}
	}
	b.items[a] = it
	return it, nil
}

// summary is an article's item without its content, and the base its
// content's links resolve against.
func (b *builder) summary(a *content.Article) (*Item, *url.URL, error) {
	link := b.links.Abs(urls.Article(a))
	base, err := url.Parse(link)
	if err != nil {
		return nil, nil, fmt.Errorf("its link: %w", err)
	}
	it := &Item{
		Link:      link,
		Title:     a.Title,
		Summary:   a.Summary,
		Published: a.Date,
		Updated:   a.Date,
		Authors:   a.Authors,
	}
	// The digest names a topic as the config does, not as each article
	// happens to write it.
	topic := a.Topic
	if t := b.d.Topic(a.TopicSlug); t != nil {
		topic = t.Name
	}
	it.Categories = categories(topic, a.Tags)
	if a.Updated.After(a.Date) {
		it.Updated = a.Updated
	}
	if len(it.Authors) == 0 {
		it.Authors = []string{b.author}
	}
	if u, err := url.Parse(a.SourceURL); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
		it.ExternalURL = a.SourceURL
	}
	if a.Image != "" {
		if u, err := base.Parse(a.Image); err == nil {
			it.Image = u.String()
			it.ImageType = mime.TypeByExtension(strings.ToLower(path.Ext(u.Path)))
			it.ImageLength = b.imageSize(a)
		}
	}
	return it, base, nil
}

// imageSize is the size of an article's lead image when it is a file of
// its bundle, else 0.
func (b *builder) imageSize(a *content.Article) int64 {
	ref := a.Image
	if b.site == nil || a.Dir == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
		return 0
	}
	info, err := fs.Stat(b.site, path.Join(a.Dir, ref))
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	return info.Size()
}

// categories lists the topic and then each tag once, whatever its case.
func categories(topic string, tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range append([]string{topic}, tags...) {
		k := strings.ToLower(strings.TrimSpace(c))
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// left returns the articles left out of the feeds, as problems in the
// order of their files.
func (b *builder) left() []content.Problem {
	var out []content.Problem
	for a, err := range b.failed {
		out = append(out, content.Problem{File: a.File, Err: fmt.Errorf("left out of the feeds: %w", err)})
	}
	slices.SortFunc(out, func(x, y content.Problem) int { return strings.Compare(x.File, y.File) })
	return out
}
