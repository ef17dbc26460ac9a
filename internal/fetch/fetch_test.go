package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

// server is a local web site: a path's handler, and a log of requests.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
}

func newServer(t *testing.T, routes map[string]http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(context.Background()))
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// asked lists the paths requested, in order.
func (s *server) asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		out = append(out, r.URL.Path)
	}
	return out
}

func (s *server) last(path string) *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.requests) - 1; i >= 0; i-- {
		if s.requests[i].URL.Path == path {
			return s.requests[i]
		}
	}
	return nil
}

// text serves body with a content type, and the validators given.
func text(ctype, body string, validators ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if len(validators) == 2 {
			w.Header().Set("ETag", validators[0])
			w.Header().Set("Last-Modified", validators[1])
			if r.Header.Get("If-None-Match") == validators[0] {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", ctype)
		fmt.Fprint(w, body)
	}
}

func options(t *testing.T, site string) Options {
	t.Helper()
	return Options{
		Site:      site,
		StateDir:  filepath.Join(site, ".newsdigest"),
		UserAgent: "newsdigest/test",
		Timeout:   5 * time.Second,
		Now:       func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) },
	}
}

func fetchAll(t *testing.T, o Options) (*Result, []Done) {
	t.Helper()
	var mu sync.Mutex
	var done []Done
	o.Progress = func(d Done) {
		mu.Lock()
		done = append(done, d)
		mu.Unlock()
	}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range done {
		for _, p := range d.Skipped {
			t.Logf("%s: skipped %s", d.Source, p)
		}
		if d.Err != nil {
			t.Logf("%s: failed: %v", d.Source, d.Err)
		}
	}
	return res, done
}

// article reads a written article back as the build reads it.
func article(t *testing.T, site, file string) *content.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, file))
	if err != nil {
		t.Fatal(err)
	}
	a, err := content.Parse(file, "", data, content.Options{Location: time.UTC})
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", file, err, data)
	}
	return a
}

func articles(t *testing.T, site string) map[string]*content.Article {
	t.Helper()
	out := map[string]*content.Article{}
	filepath.WalkDir(filepath.Join(site, content.Dir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(site, p)
			out[filepath.ToSlash(rel)] = article(t, site, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

const rssSample = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Ferry timetable changes from Monday</title>
    <link>/2026/12/ferry-timetable?utm_source=rss</link>
    <guid isPermaLink="false">gazette-1001</guid>
    <pubDate>Sun, 06 Dec 2026 08:30:00 +0100</pubDate>
    <dc:creator>Ines Moreau</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The early ferry now leaves at 6:10, twenty minutes later than before.</p><p>See <a href="/timetable.pdf">the new timetable</a>.</p><script>alert(1)</script>]]></content:encoded>
  </item>
</channel>
</rss>`

const atomSample = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Valley Courier</title>
  <entry>
    <id>tag:courier.example,2026:42</id>
    <title type="html">Library opens &lt;em&gt;late&lt;/em&gt; on Thursdays</title>
    <link rel="alternate" href="https://courier.example/library-late"/>
    <published>2026-12-05T17:00:00Z</published>
    <updated>2026-12-05T18:00:00Z</updated>
    <author><name>Tom Berg</name></author>
    <content type="html">&lt;p&gt;From January the main library stays open until nine on Thursday evenings.&lt;/p&gt;</content>
  </entry>
</feed>`

const jsonSample = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Ridge Post",
  "items": [
    {
      "id": "rp-7",
      "url": "https://post.example/snow-plough",
      "title": "Snow plough fleet doubles",
      "content_text": "The county bought six more ploughs.\n\nThey arrive before the first storm.",
      "date_published": "2026-12-04T07:15:00-05:00",
      "authors": [{"name": "Ada Lind"}]
    }
  ]
}`

func TestThreeFormats(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{
		"/rss.xml":   text("application/rss+xml", rssSample),
		"/atom.xml":  text("application/atom+xml", atomSample),
		"/feed.json": text("application/feed+json", jsonSample),
		"/old-rss": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/rss.xml", http.StatusMovedPermanently)
		},
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{
		{URL: srv.URL + "/old-rss", Topic: "Transport"},
		{URL: srv.URL + "/atom.xml", Name: "The Courier"},
		{URL: srv.URL + "/feed.json"},
	}
	res, _ := fetchAll(t, o)
	if res.Written != 3 || res.Failed != 0 || res.Skipped != 0 {
		t.Fatalf("result %+v, want 3 written", res)
	}
	got := articles(t, site)
	ferry := got["content/transport/2026/12/ferry-timetable-changes-from-monday.md"]
	if ferry == nil {
		t.Fatalf("no ferry article among %v", keys(got))
	}
	if ferry.Title != "Ferry timetable changes from Monday" || ferry.Source != "Harbour Gazette" ||
		ferry.SourceURL != srv.URL+"/2026/12/ferry-timetable" || !slices.Equal(ferry.Authors, []string{"Ines Moreau"}) ||
		!ferry.Date.Equal(time.Date(2026, 12, 6, 7, 30, 0, 0, time.UTC)) {
		t.Errorf("ferry article: %+v", ferry)
	}
	if body := string(ferry.Body); !strings.Contains(body, "6:10") || !strings.Contains(body, `href="`+srv.URL+`/timetable.pdf"`) || strings.Contains(body, "alert") {
		t.Errorf("ferry body: %q", body)
	}
	library := got["content/news/2026/12/library-opens-late-on-thursdays.md"]
	if library == nil || library.Title != "Library opens late on Thursdays" || library.Source != "The Courier" ||
		!strings.Contains(string(library.Body), "until nine") {
		t.Errorf("library article: %+v (files %v)", library, keys(got))
	}
	plough := got["content/news/2026/12/snow-plough-fleet-doubles.md"]
	if plough == nil || plough.Source != "Ridge Post" || !strings.Contains(string(plough.Body), "six more ploughs.</p>\n<p>They arrive") {
		t.Errorf("plough article: %+v", plough)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Reason, "script removed") {
		t.Errorf("warnings %v, want the removed script named", res.Warnings)
	}
	if ua := srv.last("/rss.xml").Header.Get("User-Agent"); ua != "newsdigest/test" {
		t.Errorf("User-Agent %q", ua)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSecondRunIsConditionalAndWritesNothing(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{
		"/rss.xml":  text("application/rss+xml", rssSample, `"v1"`, "Sun, 06 Dec 2026 09:00:00 GMT"),
		"/atom.xml": text("application/atom+xml", atomSample), // no validators: read again
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/rss.xml"}, {URL: srv.URL + "/atom.xml"}}
	if res, _ := fetchAll(t, o); res.Written != 2 {
		t.Fatalf("first run wrote %d, want 2", res.Written)
	}
	before := articles(t, site)
	res, _ := fetchAll(t, o)
	if res.Written != 0 || res.Known != 1 || res.Failed != 0 {
		t.Errorf("second run: %+v, want nothing written and the Atom item known", res)
	}
	req := srv.last("/rss.xml")
	if req.Header.Get("If-None-Match") != `"v1"` || req.Header.Get("If-Modified-Since") != "Sun, 06 Dec 2026 09:00:00 GMT" {
		t.Errorf("second request headers %v, want the validators", req.Header)
	}
	if after := articles(t, site); len(after) != len(before) {
		t.Errorf("files %v, then %v", keys(before), keys(after))
	}
}

func TestDuplicatesAcrossFeeds(t *testing.T) {
	item := func(guid, link, title string) string {
		return `<rss version="2.0"><channel><title>F</title><item><title>` + title + `</title><link>` + link +
			`</link><guid isPermaLink="false">` + guid + `</guid><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate>` +
			`<description>&lt;p&gt;The council met for four hours.&lt;/p&gt;</description></item></channel></rss>`
	}
	srv := newServer(t, map[string]http.HandlerFunc{
		"/a.xml": text("application/rss+xml", item("a-1", "https://news.example/council-meets", "Council meets")),
		"/b.xml": text("application/rss+xml", item("b-9", "https://NEWS.example/council-meets?utm_medium=feed#top", "Council meets late")),
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/a.xml"}, {URL: srv.URL + "/b.xml"}}
	res, _ := fetchAll(t, o)
	if res.Written != 1 || res.Known != 1 {
		t.Errorf("result %+v, want one article and one item known", res)
	}
	if got := articles(t, site); len(got) != 1 {
		t.Errorf("articles %v, want 1", keys(got))
	}
}

func TestSameTitleSameDayGetsItsOwnFile(t *testing.T) {
	feed := func(link string) string {
		return `<rss version="2.0"><channel><title>T</title><item><title>Storm warning</title><link>` + link +
			`</link><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate><description>Wind above 90 km/h.</description></item></channel></rss>`
	}
	srv := newServer(t, map[string]http.HandlerFunc{
		"/a.xml": text("application/rss+xml", feed("https://a.example/storm")),
		"/b.xml": text("application/rss+xml", feed("https://b.example/storm")),
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/a.xml", Name: "Alpha"}}
	fetchAll(t, o)
	o.Sources = []Source{{URL: srv.URL + "/b.xml", Name: "Beta"}}
	fetchAll(t, o)
	got := keys(articles(t, site))
	want := []string{"content/news/2026/12/storm-warning-beta.md", "content/news/2026/12/storm-warning.md"}
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
}

func TestFullPages(t *testing.T) {
	var srv *server
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>Bridge repairs start | Town Times</title>
<link rel="canonical" href="%s/bridge"><meta property="og:url" content="%s/bridge">
<meta property="article:published_time" content="2026-12-07T06:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>Bridge repairs start</h1>
<p>Work on the old stone bridge began this morning and will close one lane until March.</p>
<p>Engineers found cracks in two arches during the autumn inspection, the council said.</p>
<p>Buses keep their routes, but drivers should expect delays at peak hours, it added.</p>
</article><footer>Copyright Town Times</footer></body></html>`, srv.URL, srv.URL)
	}
	srv = newServer(t, map[string]http.HandlerFunc{
		"/rss.xml": text("application/rss+xml", `<rss version="2.0"><channel><title>Town Times</title><item>
<title>Bridge repairs start</title><link>/bridge?utm_source=rss</link><description>Work began.</description>
<pubDate>Mon, 07 Dec 2026 06:00:00 GMT</pubDate></item></channel></rss>`),
		"/bridge": page,
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/rss.xml", Full: true}}
	res, _ := fetchAll(t, o)
	if res.Written != 1 {
		t.Fatalf("result %+v", res)
	}
	a := article(t, site, "content/news/2026/12/bridge-repairs-start.md")
	body := string(a.Body)
	if !strings.Contains(body, "two arches") || !strings.Contains(body, "peak hours") || strings.Contains(body, "Copyright") || strings.Contains(body, "Sport") {
		t.Errorf("body from the page: %q", body)
	}
	if a.Title != "Bridge repairs start" || a.SourceURL != srv.URL+"/bridge" {
		t.Errorf("article %q from %q", a.Title, a.SourceURL)
	}
}

func TestRobotsTxtIsObeyed(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{
		"/robots.txt":        text("text/plain", "User-agent: newsdigest\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"),
		"/private/feed.xml":  text("application/rss+xml", rssSample),
		"/public/atom.xml":   text("application/atom+xml", atomSample),
		"/private/other.xml": text("application/rss+xml", rssSample),
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/private/feed.xml"}, {URL: srv.URL + "/public/atom.xml"}}
	res, done := fetchAll(t, o)
	if res.Failed != 1 || res.Written != 1 {
		t.Errorf("result %+v, want the private feed failed and the public one taken", res)
	}
	for _, d := range done {
		if strings.Contains(d.Source, "private") && (d.Err == nil || !strings.Contains(d.Err.Error(), "robots.txt")) {
			t.Errorf("private feed: %v, want robots.txt named", d.Err)
		}
	}
	if slices.Contains(srv.asked(), "/private/feed.xml") {
		t.Error("the disallowed feed was requested")
	}
	if n := strings.Count(strings.Join(srv.asked(), " "), "/robots.txt"); n != 1 {
		t.Errorf("robots.txt read %d times, want once", n)
	}
}

// TestBadSourcesAreNamed gives one good feed among hostile and broken
// ones: each bad one fails with its reason, the good one is taken.
func TestBadSourcesAreNamed(t *testing.T) {
	endless := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := []byte(strings.Repeat("<item><title>x</title></item>", 1000))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}
	bomb := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
		`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
		`<rss version="2.0"><channel><title>&d;</title><item><title>&d;</title><description>&d;</description></item></channel></rss>`
	srv := newServer(t, map[string]http.HandlerFunc{
		"/good.xml":  text("application/atom+xml", atomSample),
		"/error.xml": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) },
		"/endless":   endless,
		"/slow":      slow,
		"/loop":      func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
		"/file": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		},
		"/broken.xml": text("application/rss+xml", "<rss><channel><item><title>Half"),
		"/page.html":  text("text/html", "<html><body><p>Nothing like a feed.</p></body></html>"),
		"/bomb.xml":   text("application/rss+xml", bomb),
	})
	site := t.TempDir()
	o := options(t, site)
	o.Timeout = 500 * time.Millisecond
	o.MaxBytes = 1 << 20
	bad := map[string]string{
		"/error.xml":  "500",
		"/endless":    "limit",
		"/slow":       "Timeout",
		"/loop":       "redirects",
		"/file":       "http and https",
		"/broken.xml": "",
		"/page.html":  "",
		"/bomb.xml":   "entities",
	}
	o.Sources = []Source{{URL: srv.URL + "/good.xml"}}
	for p := range bad {
		o.Sources = append(o.Sources, Source{URL: srv.URL + p, Name: p})
	}
	res, done := fetchAll(t, o)
	if res.Written != 1 || res.Failed != len(bad) {
		t.Errorf("result %+v, want the good feed taken and %d failed", res, len(bad))
	}
	for _, d := range done {
		want, ok := bad[d.Source]
		if !ok {
			continue
		}
		if d.Err == nil {
			t.Errorf("%s: no error", d.Source)
		} else if !strings.Contains(d.Err.Error(), want) {
			t.Errorf("%s: %v, want %q named", d.Source, d.Err, want)
		}
	}
	if got := keys(articles(t, site)); len(got) != 1 {
		t.Errorf("articles %v, want the good feed's one", got)
	}
}

func TestArticlePageGivenAlone(t *testing.T) {
	var srv *server
	srv = newServer(t, map[string]http.HandlerFunc{
		"/story": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<html lang="en"><head><title>Market hall reopens</title><meta property="og:url" content="%s/story">
<meta property="article:published_time" content="2026-12-03T10:00:00Z"><meta property="article:section" content="City">
<meta property="og:site_name" content="Town Times"></head><body><article><h1>Market hall reopens</h1>
<p>After two years of works the market hall opened its doors again on Thursday morning.</p>
<p>Forty stalls are let, and ten more will open in the spring, the market's manager said.</p></article></body></html>`, srv.URL)
		},
		"/feed.json": text("application/feed+json", jsonSample),
	})
	site := t.TempDir()
	o := options(t, site)
	o.Pages = []string{srv.URL + "/story", srv.URL + "/feed.json"}
	res, _ := fetchAll(t, o)
	if res.Written != 2 || res.Failed != 0 {
		t.Fatalf("result %+v", res)
	}
	a := article(t, site, "content/city/2026/12/market-hall-reopens.md")
	if a.Source != "Town Times" || !strings.Contains(string(a.Body), "Forty stalls") {
		t.Errorf("article %+v", a)
	}
	if res, _ := fetchAll(t, o); res.Written != 0 || res.Known != 2 {
		t.Errorf("second run %+v, want both known", res)
	}
}

// TestFailedPageIsTriedAgain: an item whose page did not load keeps the
// feed's validators from being saved, so the next run reads the feed and
// takes the item.
func TestFailedPageIsTriedAgain(t *testing.T) {
	var mu sync.Mutex
	up := false
	srv := newServer(t, map[string]http.HandlerFunc{
		"/rss.xml": text("application/rss+xml", `<rss version="2.0"><channel><title>T</title><item><title>Pool closes for repairs</title>
<link>/pool</link><pubDate>Mon, 07 Dec 2026 06:00:00 GMT</pubDate></item></channel></rss>`, `"same"`, "Mon, 07 Dec 2026 06:00:00 GMT"),
		"/pool": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			if !up {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, `<html><head><meta property="article:published_time" content="2026-12-07T06:00:00Z"></head><body><article><h1>Pool closes for repairs</h1>
<p>The indoor pool closes for three weeks while the roof is mended, the sports office said.</p>
<p>Swimming lessons move to the school pool across the river until the work is done.</p></article></body></html>`)
		},
	})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/rss.xml", Full: true}}
	if res, _ := fetchAll(t, o); res.Written != 0 || res.Skipped != 1 {
		t.Fatalf("first run %+v, want the item skipped", res)
	}
	mu.Lock()
	up = true
	mu.Unlock()
	if res, _ := fetchAll(t, o); res.Written != 1 {
		t.Errorf("second run %+v, want the item taken", res)
	}
}

func TestOPML(t *testing.T) {
	got, err := ParseOPML([]byte(`<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
<outline text="Local"><outline text="Gazette" type="rss" xmlUrl="https://gazette.example/rss"/>
<outline title="Courier &amp; Co" text="c" xmlUrl="https://courier.example/atom"/></outline>
<outline text="Loose" xmlUrl="https://loose.example/feed.json"/><outline text="No feed"/></body></opml>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Name: "Gazette", URL: "https://gazette.example/rss", Topic: "Local"},
		{Name: "Courier & Co", URL: "https://courier.example/atom", Topic: "Local"},
		{Name: "Loose", URL: "https://loose.example/feed.json"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ParseOPML = %+v, want %+v", got, want)
	}
	if _, err := ParseOPML([]byte(`<opml><body><outline text="x"/></body></opml>`)); err == nil {
		t.Error("an OPML file without feeds gave no error")
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Mon, 07 Dec 2026 08:00:00 GMT", time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)},
		{"Mon, 7 Dec 2026 08:00:00 +0100", time.Date(2026, 12, 7, 7, 0, 0, 0, time.UTC)},
		{"Mon, 07 Dec 2026 08:00:00 EST", time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)},
		{"Tue, 07 Dec 2026 08:00 PDT", time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)},
		{"  2026-12-07T08:00:00+02:00 ", time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)},
		{"2026-12-07T08:00:00.123Z", time.Date(2026, 12, 7, 8, 0, 0, 123e6, time.UTC)},
		{"2026-12-07", time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseDate(tt.in); !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := map[string]string{
		"Plain":                              "Plain",
		"Tom &amp; Jerry":                    "Tom & Jerry",
		"<b>Bold</b> move":                   "Bold move",
		"Hi<script>alert(1)</script> there":  "Hi there",
		"  spaced \n out ":                   "spaced out",
		"<style>p{}</style>Styled":           "Styled",
		"line<br>break":                      "line break",
		"<img src=x onerror=alert(1)>Images": "Images",
	}
	for in, want := range tests {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := map[string]string{
		"https://A.example/x?utm_source=rss&id=3#frag": "https://a.example/x?id=3",
		"/relative":            "https://feed.example/relative",
		"javascript:alert(1)":  "",
		"ftp://files.example/": "",
		"":                     "",
	}
	base, _ := parseURL("https://feed.example/rss")
	for in, want := range tests {
		if got := canonical(base, in); got != want {
			t.Errorf("canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }

// TestRequestsToOneHostArePaced: with one request at a time per host and
// a delay, requests to one host start at least the delay apart.
func TestRequestsToOneHostArePaced(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	feed := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		text("application/atom+xml", atomSample)(w, r)
	}
	srv := newServer(t, map[string]http.HandlerFunc{"/a": feed, "/b": feed, "/c": feed})
	site := t.TempDir()
	o := options(t, site)
	o.PerHost, o.Delay = 1, 150*time.Millisecond
	o.Sources = []Source{{URL: srv.URL + "/a"}, {URL: srv.URL + "/b"}, {URL: srv.URL + "/c"}}
	fetchAll(t, o)
	if len(starts) != 3 {
		t.Fatalf("%d requests", len(starts))
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < o.Delay {
			t.Errorf("requests %d and %d only %v apart, want at least %v", i-1, i, gap, o.Delay)
		}
	}
}

// TestLostStateTakesNothingTwice: with the state file gone, as in a fresh
// checkout that keeps content/ only, the articles already there are not
// written again under other names.
func TestLostStateTakesNothingTwice(t *testing.T) {
	srv := newServer(t, map[string]http.HandlerFunc{"/rss.xml": text("application/rss+xml", rssSample)})
	site := t.TempDir()
	o := options(t, site)
	o.Sources = []Source{{URL: srv.URL + "/rss.xml"}}
	if res, _ := fetchAll(t, o); res.Written != 1 {
		t.Fatalf("first run %+v", res)
	}
	if err := os.RemoveAll(o.StateDir); err != nil {
		t.Fatal(err)
	}
	if res, _ := fetchAll(t, o); res.Written != 0 || res.Known != 1 {
		t.Errorf("run without state %+v, want the item known from content/", res)
	}
	if got := keys(articles(t, site)); len(got) != 1 {
		t.Errorf("articles %v", got)
	}
}
