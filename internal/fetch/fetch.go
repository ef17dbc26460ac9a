// Package fetch takes articles in from the web: feeds (RSS, Atom, JSON
// Feed) and single article pages. Each new item becomes an article
// through the importer and is written to the site's content folder as
// import writes it. A state file remembers each feed's validators, for
// conditional requests, and every item taken, by GUID, link and canonical
// URL, so a second run writes nothing twice. Requests are polite
// (robots.txt, a few at a time per host, paced) and bounded (time, size,
// redirects, http and https only); a failing source is named and the rest
// go on.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/importer"
)

// DefaultTopic is the topic of articles from a source that names none.
const DefaultTopic = "News"

// Source is a feed to take articles from.
type Source struct {
	// Name is written as each article's source; default the feed's title.
	Name string
	URL  string
	// Topic files the source's articles; default Options.Topic.
	Topic string
	// Full fetches each item's page and takes the article from it, for
	// feeds that carry a summary only.
	Full bool
}

// Options say what to fetch and how.
type Options struct {
	Site     string         // the site's folder: articles go to its content/
	StateDir string         // where the state file is kept
	Sources  []Source       // feeds
	Pages    []string       // URLs given alone: each a feed or an article page
	Location *time.Location // the site's time zone
	Topic    string         // for sources and pages without one; default DefaultTopic

	UserAgent string
	PerHost   int           // requests at once per host; default 2
	Delay     time.Duration // between two requests to one host
	Timeout   time.Duration // per request; default 30s
	MaxBytes  int64         // largest body read; default 10 MiB

	// Progress, when set, is told of each source or page done.
	Progress func(Done)
	// Now is the clock, for an item without a date; default time.Now.
	Now func() time.Time
}

// Done is one source or page fetched.
type Done struct {
	Source  string   // its name, or its URL
	Written []string // articles written, relative to the site
	Known   int      // items taken by an earlier run, or by another source
	Skipped []Problem
	Err     error // the source failed as a whole
}

// Problem is an item that was not taken, or a warning about one taken.
type Problem struct {
	URL    string
	Reason string
}

func (p Problem) String() string { return p.URL + ": " + p.Reason }

// Result sums up a run.
type Result struct {
	Sources  int // sources and pages tried
	Failed   int // of them, failed as a whole
	Written  int
	Known    int
	Skipped  int
	Warnings []Problem // articles taken with a guess or a removal
}

// Run fetches every source and page, writes the new articles, and saves
// the state. A failed source is counted, not returned: the error is for
// what stops the whole run (an unreadable state file, a cancelled ctx).
func Run(ctx context.Context, o Options) (*Result, error) {
	o = o.withDefaults()
	statePath := filepath.Join(o.StateDir, StateFile)
	st, err := loadState(statePath)
	if err != nil {
		return nil, err
	}
	for u, file := range existing(o.Site) {
		if _, ok := st.Items["url "+u]; !ok {
			st.Items["url "+u] = file
		}
	}
	r := &run{o: o, client: newClient(o), state: st, res: &Result{},
		dir: filepath.Join(o.Site, content.Dir)}
	var wg sync.WaitGroup
	work := make(chan func())
	for range max(1, min(8, len(o.Sources)+len(o.Pages))) {
		wg.Go(func() {
			for f := range work {
				f()
			}
		})
	}
	for _, s := range o.Sources {
		work <- func() { r.report(r.source(ctx, s)) }
	}
	for _, p := range o.Pages {
		work <- func() { r.report(r.page(ctx, p)) }
	}
	close(work)
	wg.Wait()
	if err := st.save(statePath); err != nil {
		return r.res, fmt.Errorf("saving what was fetched: %w", err)
	}
	return r.res, ctx.Err()
}

func (o Options) withDefaults() Options {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Topic == "" {
		o.Topic = DefaultTopic
	}
	if o.UserAgent == "" {
		o.UserAgent = "newsdigest"
	}
	if o.PerHost < 1 {
		o.PerHost = 2
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 10 << 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.StateDir == "" {
		o.StateDir = o.Site
	}
	return o
}

// run is one Run's shared state. mu guards state, res and the
// writes to the content folder.
type run struct {
	o      Options
	client *client
	dir    string

	mu    sync.Mutex
	state *state
	res   *Result
}

func (r *run) report(d Done) {
	r.mu.Lock()
	r.res.Sources++
	if d.Err != nil {
		r.res.Failed++
	}
	r.res.Written += len(d.Written)
	r.res.Known += d.Known
	r.res.Skipped += len(d.Skipped)
	r.mu.Unlock()
	if r.o.Progress != nil {
		r.o.Progress(d)
	}
}

// source fetches one feed and takes its new items. The feed's validators
// are kept only when every item was dealt with, so that an item whose
// page could not be fetched is tried again next time.
func (r *run) source(ctx context.Context, s Source) Done {
	d := Done{Source: s.Name}
	if d.Source == "" {
		d.Source = s.URL
	}
	r.mu.Lock()
	prev := r.state.Sources[s.URL]
	r.mu.Unlock()
	var etag, modified string
	if prev != nil {
		etag, modified = prev.ETag, prev.LastModified
	}
	resp, err := r.client.get(ctx, s.URL, etag, modified)
	if err != nil {
		d.Err = err
		return d
	}
	if resp.Status == 304 {
		r.mu.Lock()
		prev.Checked = r.o.Now()
		r.mu.Unlock()
		return d
	}
	feed, err := ParseFeed(resp.Body)
	if err != nil {
		d.Err = err
		return d
	}
	if s.Name == "" {
		s.Name = feed.Title
	}
	if s.Name == "" {
		s.Name = resp.URL.Hostname()
	}
	complete := r.items(ctx, s, resp.URL, feed.Items, &d)
	if complete && ctx.Err() == nil {
		r.mu.Lock()
		r.state.Sources[s.URL] = &sourceState{ETag: resp.ETag, LastModified: resp.LastModified, Checked: r.o.Now()}
		r.mu.Unlock()
	}
	return d
}

// items takes a feed's items, a few at a time when each needs its page,
// and reports whether none failed for a reason that may pass.
func (r *run) items(ctx context.Context, s Source, feedURL *url.URL, items []Item, d *Done) bool {
	type outcome struct {
		written, known bool
		file           string
		skip           *Problem
		retry          bool
	}
	outs := make([]outcome, len(items))
	var wg sync.WaitGroup
	slots := make(chan struct{}, r.o.PerHost)
	for i, it := range items {
		if ctx.Err() != nil {
			break
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			file, known, err := r.item(ctx, s, feedURL, it)
			o := &outs[i]
			switch {
			case err == nil && known:
				o.known = true
			case err == nil:
				o.written, o.file = true, file
			default:
				o.skip = &Problem{URL: itemName(it), Reason: err.Error()}
				var perm *permanent
				o.retry = !errors.As(err, &perm)
			}
		})
	}
	wg.Wait()
	complete := true
	for _, o := range outs {
		switch {
		case o.written:
			d.Written = append(d.Written, o.file)
		case o.known:
			d.Known++
		case o.skip != nil:
			d.Skipped = append(d.Skipped, *o.skip)
			complete = complete && !o.retry
		}
	}
	return complete
}

func itemName(it Item) string {
	if it.Link != "" {
		return it.Link
	}
	if it.GUID != "" {
		return it.GUID
	}
	return it.Title
}

// permanent marks a reason to skip an item that another run would meet
// again: no title, no text. Other failures (a page that did not load) are
// tried again.
type permanent struct{ reason string }

func (p *permanent) Error() string { return p.reason }

func permanentf(format string, args ...any) error {
	return &permanent{fmt.Sprintf(format, args...)}
}

// item takes one feed item, unless an earlier run or another source did.
func (r *run) item(ctx context.Context, s Source, feedURL *url.URL, it Item) (file string, known bool, err error) {
	link := canonical(feedURL, it.Link)
	keys := itemKeys(s.URL, it.GUID, link)
	if r.isKnown(keys) {
		return "", true, nil
	}
	a := &importer.Article{
		Title:   it.Title,
		Authors: it.Authors,
		Source:  s.Name,
		Topic:   s.Topic,
	}
	if link != "" {
		a.SourceURL = link
	}
	a.Date = it.Published
	if a.Date.IsZero() {
		a.Date = it.Updated
	}
	var warnings []string
	html := it.Content
	if html == "" || (s.Full && link != "") {
		if html == "" {
			html = it.Summary
		}
		if s.Full && link != "" {
			page, err := r.fullPage(ctx, link, it)
			if err != nil {
				return "", false, fmt.Errorf("article page: %w", err)
			}
			if page.SourceURL != "" {
				if c := canonical(feedURL, page.SourceURL); c != link {
					keys = append(keys, "url "+c)
					if r.isKnown(keys) {
						return "", true, nil
					}
				}
			}
			fill(a, page)
			html = ""
		}
	}
	if html != "" {
		if strings.Contains(strings.ToLower(html), "<script") {
			warnings = append(warnings, "script removed from its content")
		}
		body, err := importer.Fragment(itemPolicy.Sanitize(html), baseOf(link, feedURL))
		if err != nil {
			return "", false, permanentf("%v", err)
		}
		a.Body = body
	}
	if err := r.finish(a, &warnings); err != nil {
		return "", false, err
	}
	file, err = r.write(a, keys)
	if errors.Is(err, errKnown) {
		return "", true, nil
	}
	if err != nil {
		return "", false, err
	}
	if len(warnings) > 0 {
		name := link
		if name == "" {
			name = itemName(it)
		}
		r.mu.Lock()
		for _, w := range warnings {
			r.res.Warnings = append(r.res.Warnings, Problem{URL: name, Reason: w})
		}
		r.mu.Unlock()
	}
	return file, false, nil
}

// fill completes a feed's article from its page: the page's body, and
// what the feed left out.
func fill(a *importer.Article, page *importer.Article) {
	a.Body = page.Body
	a.Dateline = page.Dateline
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Date.IsZero() {
		a.Date = page.Date
	}
	if len(a.Authors) == 0 {
		a.Authors = page.Authors
	}
}

// finish checks an article and fills what is still missing.
func (r *run) finish(a *importer.Article, warnings *[]string) error {
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	if a.Title == "" {
		return permanentf("no title")
	}
	if strings.TrimSpace(a.Body) == "" {
		return permanentf("no article text in the feed; set full = true for this source to fetch each page")
	}
	if a.Date.IsZero() {
		a.Date = r.o.Now()
		*warnings = append(*warnings, "no date in the feed or page: dated when fetched")
	}
	a.Date = a.Date.In(r.o.Location)
	if a.Topic == "" {
		a.Topic = r.o.Topic
	}
	if content.Slugify(a.Topic) == "" {
		return permanentf("topic %q has no letters or digits to name a folder", a.Topic)
	}
	return nil
}

// fullPage fetches an article's page and extracts the article.
// The item's title and date stand in for a page that shows none.
func (r *run) fullPage(ctx context.Context, link string, it Item) (*importer.Article, error) {
	resp, err := r.client.get(ctx, link, "", "")
	if err != nil {
		return nil, err
	}
	date := it.Published
	if date.IsZero() {
		date = it.Updated
	}
	page, err := importer.HTML(resp.Body, importer.Options{Location: r.o.Location, Topic: DefaultTopic, Title: it.Title, Date: date})
	if err != nil {
		var skip *importer.SkipError
		if errors.As(err, &skip) {
			return nil, permanentf("%v", err)
		}
		return nil, err
	}
	if page.SourceURL == "" {
		page.SourceURL = resp.URL.String()
	}
	return page, nil
}

// page fetches a URL given alone: a feed is read as a source with no
// name or topic, anything else as an article page.
func (r *run) page(ctx context.Context, raw string) Done {
	d := Done{Source: raw}
	resp, err := r.client.get(ctx, raw, "", "")
	if err != nil {
		d.Err = err
		return d
	}
	if feed, err := ParseFeed(resp.Body); err == nil {
		s := Source{Name: feed.Title, URL: raw}
		if s.Name == "" {
			s.Name = resp.URL.Hostname()
		}
		r.items(ctx, s, resp.URL, feed.Items, &d)
		return d
	}
	page, err := importer.HTML(resp.Body, importer.Options{Location: r.o.Location, Topic: r.o.Topic})
	if err != nil {
		d.Err = err
		return d
	}
	link := canonical(resp.URL, page.SourceURL)
	if link == "" {
		link = canonical(resp.URL, resp.URL.String())
	}
	page.SourceURL = link
	keys := itemKeys("", "", link)
	if r.isKnown(keys) {
		d.Known++
		return d
	}
	file, err := r.write(page, keys)
	switch {
	case errors.Is(err, errKnown):
		d.Known++
	case err != nil:
		d.Err = err
	default:
		d.Written = append(d.Written, file)
	}
	return d
}

func (r *run) isKnown(keys []string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state.known(keys) != ""
}

// write files an article under the content folder, at the path import
// would give it, or beside it with the source's name (then a number) when
// another article holds that path, and remembers its keys. An item a
// concurrent source took meanwhile counts as known.
func (r *run) write(a *importer.Article, keys []string) (string, error) {
	data, err := importer.Marshal(a)
	if err != nil {
		return "", permanentf("%v", err)
	}
	if _, err := content.Parse(filepath.ToSlash(filepath.Join(content.Dir, a.Path())), "", data,
		content.Options{Location: r.o.Location}); err != nil {
		return "", permanentf("cleaned article does not parse: %v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state.known(keys) != "" {
		return "", errKnown
	}
	for _, rel := range candidates(a) {
		if importer.Twin(r.dir, filepath.FromSlash(rel)) != "" {
			continue
		}
		err := importer.Write(r.dir, filepath.FromSlash(rel), data, false)
		if errors.Is(err, importer.ErrExists) {
			continue
		}
		if err != nil {
			return "", err
		}
		file := path.Join(content.Dir, rel)
		r.state.remember(keys, file)
		return file, nil
	}
	return "", permanentf("every name for %q is taken", a.Title)
}

// errKnown says another source took the item first.
var errKnown = errors.New("taken already")

// candidates are the paths an article may take, best first.
func candidates(a *importer.Article) []string {
	first := a.Path()
	dir, name := path.Split(first)
	stem := strings.TrimSuffix(name, ".md")
	out := []string{first}
	if src := content.Slugify(a.Source); src != "" && !strings.HasSuffix(stem, "-"+src) {
		stem += "-" + src
		out = append(out, dir+stem+".md")
	}
	for i := 2; i <= 9; i++ {
		out = append(out, fmt.Sprintf("%s%s-%d.md", dir, stem, i))
	}
	return out
}

// itemKeys are the names an item is remembered by: its GUID within its
// feed (GUIDs are only unique there) and its canonical link.
func itemKeys(feed, guid, link string) []string {
	var keys []string
	if guid != "" {
		keys = append(keys, "guid "+feed+" "+guid)
	}
	if link != "" {
		keys = append(keys, "url "+link)
	}
	return keys
}

// trackingParams are query keys that only say where a reader came from.
var trackingParams = []string{"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "mc_cid", "mc_eid"}

// canonical is a link made absolute against base, without its fragment
// and tracking parameters, with its host in lower case; "" when it is no
// http or https URL.
func canonical(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	u.Host = strings.ToLower(u.Host)
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if slices.Contains(trackingParams, strings.ToLower(k)) {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// baseOf is what an item's relative links resolve against: its own page,
// else the feed.
func baseOf(link string, feedURL *url.URL) *url.URL {
	if u, err := url.Parse(link); err == nil && u.IsAbs() {
		return u
	}
	return feedURL
}

// itemPolicy is what a feed item's HTML may keep on its way to Markdown:
// text and its structure, links and images. Scripts, styles, frames,
// forms and event handlers go.
var itemPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	return p
}()
