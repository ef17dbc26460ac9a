package feed_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// No copy of the W3C Feed Validation Service runs here: it is not packaged
// for Debian nor npm, and the service itself is online only. These checks
// encode the rules of it that can fire on what this package writes, each
// named after the validator's message, so that its level (no errors, no
// warnings) is held by the tests.

// TestValidatorRules holds every feed of the fixture, in both content
// modes, to the rules.
func TestValidatorRules(t *testing.T) {
	for _, full := range []bool{true, false} {
		mem := buildSite(t, func(c *configT) { c.Feeds.FullContent = full })
		files := mem.Files()
		for _, name := range feedFiles(mem) {
			for _, p := range validate(name, files[name], baseURL+name, now) {
				t.Errorf("full_content=%v: %s: %s", full, name, p)
			}
		}
	}
}

// TestValidatorRulesCatch makes sure the rules can fail: each case breaks
// a good feed the way a careless generator would.
func TestValidatorRulesCatch(t *testing.T) {
	files := buildSite(t, nil).Files()
	tests := []struct {
		name, file, old, new, want string
	}{
		{"relative link", "atom.xml", "https://example.org/news/2025/03/04/harbour-bakery/oven.jpg", "oven.jpg", "ContainsRelRef"},
		{"two-digit year", "feed.xml", "Tue, 04 Mar 2025 08:00:00 +0100", "Tue, 04 Mar 25 08:00:00 +0100", "InvalidRFC2822Date"},
		{"named zone", "feed.xml", "Tue, 04 Mar 2025 08:00:00 +0100", "Tue, 04 Mar 2025 08:00:00 CET", "InvalidRFC2822Date"},
		{"wrong weekday", "feed.xml", "Tue, 04 Mar 2025 08:00:00 +0100", "Wed, 04 Mar 2025 08:00:00 +0100", "IncorrectDOW"},
		{"self elsewhere", "feed.xml", `href="https://example.org/news/feed.xml"`, `href="https://example.org/feed.xml"`, "SelfDoesntMatchLocation"},
		{"escaped title", "topics/world/feed.xml", "Magnitude &#x3C; 4", "Magnitude &lt; 4", "CharacterData"},
		{"random id", "atom.xml", "<id>https://example.org/news/2025/03/04/harbour-bakery/</id>", "<id>urn:uuid:1</id>", "InvalidIRI"},
		{"role attribute", "feed.json", `class=\"footnote-ref\"`, `class=\"footnote-ref\" role=\"doc-noteref\"`, "SecurityRiskAttr"},
		{"script", "feed.xml", "<p>The bakery on the quay", "<script>x()</script><p>The bakery on the quay", "SecurityRisk"},
		{"no feed_url", "feed.json", `"feed_url": "https://example.org/news/feed.json",`, "", "feed_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := string(files[tt.file])
			if !strings.Contains(data, tt.old) {
				t.Fatalf("%s lacks %q", tt.file, tt.old)
			}
			broken := strings.Replace(data, tt.old, tt.new, 1)
			problems := validate(tt.file, []byte(broken), baseURL+tt.file, now)
			if !strings.Contains(strings.Join(problems, "\n"), tt.want) {
				t.Errorf("no %s among %q", tt.want, problems)
			}
		})
	}
}

// TestValidatorRulesOnOutput checks a site built elsewhere, such as a
// generated corpus: FEEDCHECK_DIR=public FEEDCHECK_BASEURL=https://host/news/.
func TestValidatorRulesOnOutput(t *testing.T) {
	dir, base := os.Getenv("FEEDCHECK_DIR"), os.Getenv("FEEDCHECK_BASEURL")
	if dir == "" || base == "" {
		t.Skip("set FEEDCHECK_DIR and FEEDCHECK_BASEURL to check a built site's feeds")
	}
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isFeedName(d.Name()) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: gofeed: %v", rel, err)
		}
		for _, problem := range validate(rel, data, base+filepath.ToSlash(rel), time.Now()) {
			t.Errorf("%s: %s", rel, problem)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d feeds checked", n)
}

func isFeedName(n string) bool { return n == "feed.xml" || n == "atom.xml" || n == "feed.json" }

// validate returns the rule broken by a feed at self, one line each.
func validate(name string, data []byte, self string, now time.Time) []string {
	v := &validator{self: self, now: now}
	switch filepath.Base(name) {
	case "feed.xml":
		v.rss(data)
	case "atom.xml":
		v.atom(data)
	case "feed.json":
		v.json(data)
	default:
		v.fail("NotAFeed", "%s", name)
	}
	return v.problems
}

type validator struct {
	self     string
	now      time.Time
	problems []string
}

func (v *validator) fail(rule, format string, args ...any) {
	v.problems = append(v.problems, rule+": "+fmt.Sprintf(format, args...))
}

// absolute is the validator's rfc2396_full and InvalidIRI rules narrowed to
// what a site links to: an http(s) URL with a host.
func (v *validator) absolute(rule, what, s string) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(rule, "%s %q is not an absolute http(s) URL", what, s)
	}
}

var (
	// RFC 2822 as the RSS Best Practices Profile wants it: a weekday, a
	// four-digit year, seconds and a numeric zone.
	rfc2822  = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}$`)
	rfc3339  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
	language = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	endTag   = regexp.MustCompile(`</\w+>`)
)

func (v *validator) rfc822Date(what, s string) {
	if !rfc2822.MatchString(s) {
		v.fail("InvalidRFC2822Date", "%s %q", what, s)
		return
	}
	t, err := time.Parse(time.RFC1123Z, s)
	if err != nil {
		v.fail("InvalidRFC2822Date", "%s %q: %v", what, s, err)
		return
	}
	if t.Weekday().String()[:3] != s[:3] {
		v.fail("IncorrectDOW", "%s %q is a %s", what, s, t.Weekday())
	}
	v.plausible(what, t)
}

func (v *validator) rfc3339Date(what, s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if !rfc3339.MatchString(s) || err != nil {
		v.fail("InvalidRFC3339Date", "%s %q", what, s)
		return t
	}
	v.plausible(what, t)
	return t
}

func (v *validator) plausible(what string, t time.Time) {
	if t.Year() < 1990 || t.After(v.now.Add(10*time.Minute)) {
		v.fail("ImplausibleDate", "%s %s", what, t)
	}
}

// plainText is the nonhtml rule of titles: no HTML end tag in the text.
func (v *validator) plainText(rule, what, s string) {
	if s == "" {
		v.fail("NotBlank", "%s is empty", what)
	}
	if endTag.MatchString(s) {
		v.fail(rule, "%s %q holds HTML", what, s)
	}
}

// acceptable are the HTML elements and attributes the validator takes
// without a SecurityRisk warning, cut down to what articles use.
var (
	riskyElems = map[string]bool{
		"script": true, "style": true, "iframe": true, "object": true, "embed": true,
		"meta": true, "link": true, "base": true, "frame": true, "frameset": true, "applet": true,
	}
	acceptableAttrs = map[string]bool{
		"abbr": true, "align": true, "alt": true, "cite": true, "class": true, "colspan": true,
		"datetime": true, "decoding": true, "dir": true, "headers": true, "height": true,
		"href": true, "hreflang": true, "id": true, "lang": true, "loading": true,
		"longdesc": true, "name": true, "poster": true, "rel": true, "reversed": true,
		"rowspan": true, "scope": true, "sizes": true, "span": true, "src": true,
		"srcset": true, "start": true, "title": true, "type": true, "value": true, "width": true,
	}
)

// html holds escaped or embedded HTML to the validator's safeHtml rules:
// it parses, it carries no risky element or attribute, and every link and
// image is absolute (ContainsRelRef).
func (v *validator) html(what, fragment string) {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		v.fail("NotHtml", "%s: %v", what, err)
		return
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if riskyElems[n.Data] {
				v.fail("SecurityRisk", "%s has <%s>", what, n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					v.fail("DangerousStyleAttr", "%s: <%s style>", what, n.Data)
				case !acceptableAttrs[a.Key] && !strings.HasPrefix(a.Key, "data-"):
					v.fail("SecurityRiskAttr", "%s: <%s %s>", what, n.Data, a.Key)
				}
				if a.Key == "href" || a.Key == "src" {
					if u, err := url.Parse(a.Val); err != nil || u.Scheme == "" {
						v.fail("ContainsRelRef", "%s: <%s %s=%q>", what, n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

type rssDoc struct {
	Version string `xml:"version,attr"`
	Channel struct {
		// atom:link comes first: a field without a namespace takes an
		// element of any namespace.
		AtomLinks     []atomLink `xml:"http://www.w3.org/2005/Atom link"`
		Title         string     `xml:"title"`
		Link          string     `xml:"link"`
		Description   string     `xml:"description"`
		Language      string     `xml:"language"`
		PubDate       string     `xml:"pubDate"`
		LastBuildDate string     `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			Author      string `xml:"author"`
			PubDate     string `xml:"pubDate"`
			GUID        struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			Categories []string `xml:"category"`
			Content    string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creators   []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

var (
	rawTitle     = regexp.MustCompile(`<title>([^<]*)</title>`)
	descFirst    = regexp.MustCompile(`(?s)<item>.*?</item>`)
	namedEntity  = regexp.MustCompile(`&(lt|gt|amp);`)
	contentStart = "<content:encoded>"
)

func (v *validator) rss(data []byte) {
	var doc rssDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		v.fail("SAXError", "%v", err)
		return
	}
	ch := doc.Channel
	if doc.Version != "2.0" {
		v.fail("InvalidVersion", "rss version %q", doc.Version)
	}
	v.plainText("ContainsHTML", "channel title", ch.Title)
	v.absolute("InvalidURLAttribute", "channel link", ch.Link)
	if strings.TrimSpace(ch.Description) == "" {
		v.fail("MissingDescription", "channel description is empty")
	}
	if !language.MatchString(ch.Language) {
		v.fail("InvalidLanguage", "%q", ch.Language)
	}
	v.rfc822Date("channel pubDate", ch.PubDate)
	v.rfc822Date("channel lastBuildDate", ch.LastBuildDate)
	v.selfLink(ch.AtomLinks, "application/rss+xml")

	// The RSS profile's CharacterData rule: "<", "&" and ">" in plain text
	// are written as hexadecimal references, never as named ones.
	for _, m := range rawTitle.FindAllSubmatch(data, -1) {
		if namedEntity.Match(m[1]) {
			v.fail("CharacterData", "title %s uses a named entity", m[1])
		}
	}
	for _, item := range descFirst.FindAll(data, -1) {
		d, c := bytes.Index(item, []byte("<description>")), bytes.Index(item, []byte(contentStart))
		if c >= 0 && (d < 0 || d > c) {
			v.fail("NeedDescriptionBeforeContent", "%.80s", item)
		}
	}

	seen := map[string]bool{}
	for _, it := range ch.Items {
		what := "item " + it.Link
		v.plainText("ContainsHTML", what+" title", it.Title)
		v.absolute("InvalidURLAttribute", what+" link", it.Link)
		if it.GUID.IsPermaLink != "true" || it.GUID.Value != it.Link {
			v.fail("InvalidHttpGUID", "%s: guid %q isPermaLink=%q, want the link", what, it.GUID.Value, it.GUID.IsPermaLink)
		}
		if seen[it.GUID.Value] {
			v.fail("DuplicateValue", "guid %s", it.GUID.Value)
		}
		seen[it.GUID.Value] = true
		if it.Author != "" {
			v.fail("InvalidContact", "%s: author %q (RSS wants an e-mail address; names go in dc:creator)", what, it.Author)
		}
		v.rfc822Date(what+" pubDate", it.PubDate)
		for _, c := range append(append([]string(nil), it.Categories...), it.Creators...) {
			if strings.TrimSpace(c) == "" {
				v.fail("NotBlank", "%s: empty category or dc:creator", what)
			}
		}
		v.html(what+" description", it.Description)
		v.html(what+" content:encoded", it.Content)
	}
}

func (v *validator) selfLink(links []atomLink, typ string) {
	var self []atomLink
	for _, l := range links {
		if l.Rel == "self" {
			self = append(self, l)
		}
	}
	switch {
	case len(self) == 0:
		v.fail("MissingAtomSelfLink", "no link rel=self")
	case len(self) > 1:
		v.fail("DuplicateAtomLink", "%d links rel=self", len(self))
	case self[0].Href != v.self:
		v.fail("SelfDoesntMatchLocation", "self %s, served at %s", self[0].Href, v.self)
	case self[0].Type != typ:
		v.fail("SelfNotAtom", "self link type %q, want %q", self[0].Type, typ)
	}
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomDoc struct {
	ID      string     `xml:"id"`
	Title   atomText   `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     atomText   `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Links     []atomLink `xml:"link"`
		Content   *atomText  `xml:"content"`
		Summary   *atomText  `xml:"summary"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func (v *validator) atom(data []byte) {
	var doc atomDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		v.fail("SAXError", "%v", err)
		return
	}
	v.absolute("InvalidIRI", "feed id", doc.ID)
	v.textConstruct("feed title", doc.Title)
	v.rfc3339Date("feed updated", doc.Updated)
	v.selfLink(doc.Links, "application/atom+xml")
	v.alternate("feed", doc.Links)
	feedAuthor := len(doc.Authors) > 0 && doc.Authors[0].Name != ""

	ids, updated := map[string]bool{}, map[string]string{}
	for _, e := range doc.Entries {
		what := "entry " + e.ID
		v.absolute("InvalidIRI", "entry id", e.ID)
		if ids[e.ID] {
			v.fail("DuplicateIds", "%s", e.ID)
		}
		ids[e.ID] = true
		if other, dup := updated[e.Updated]; dup {
			v.fail("DuplicateUpdated", "%s and %s both updated %s", other, e.ID, e.Updated)
		}
		updated[e.Updated] = e.ID
		v.textConstruct(what+" title", e.Title)
		u := v.rfc3339Date(what+" updated", e.Updated)
		if p := v.rfc3339Date(what+" published", e.Published); u.Before(p) {
			v.fail("InvalidRFC3339Date", "%s updated %s before published %s", what, e.Updated, e.Published)
		}
		v.alternate(what, e.Links)
		if !feedAuthor && (len(e.Authors) == 0 || e.Authors[0].Name == "") {
			v.fail("MissingAuthor", "%s", what)
		}
		for _, c := range e.Categories {
			if c.Term == "" {
				v.fail("MissingAttribute", "%s: category without term", what)
			}
		}
		if e.Content == nil && e.Summary == nil {
			v.fail("MissingTextualContent", "%s", what)
		}
		if e.Content != nil {
			if e.Content.Type != "html" {
				v.fail("InvalidContentMode", "%s: content type %q", what, e.Content.Type)
			}
			v.html(what+" content", e.Content.Text)
		}
		if e.Summary != nil {
			v.textConstruct(what+" summary", *e.Summary)
		}
	}
}

// textConstruct: a text title or summary must not look like HTML
// (ContainsUndeclaredHTML).
func (v *validator) textConstruct(what string, t atomText) {
	if t.Type != "" && t.Type != "text" {
		v.fail("InvalidTextType", "%s type %q", what, t.Type)
	}
	v.plainText("ContainsUndeclaredHTML", what, t.Text)
}

func (v *validator) alternate(what string, links []atomLink) {
	n := 0
	for _, l := range links {
		if l.Rel == "alternate" || l.Rel == "" {
			n++
			v.absolute("InvalidIRI", what+" alternate link", l.Href)
		}
	}
	if n != 1 {
		v.fail("MissingAlternateLink", "%s has %d alternate links, want 1", what, n)
	}
}

// json holds a feed to JSON Feed 1.1: the validator has no JSON rules, so
// these are the spec's musts and shoulds.
func (v *validator) json(data []byte) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		v.fail("InvalidJSON", "%v", err)
		return
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if str(doc, "version") != "https://jsonfeed.org/version/1.1" {
		v.fail("version", "%q", doc["version"])
	}
	if str(doc, "title") == "" {
		v.fail("title", "missing")
	}
	v.absolute("home_page_url", "home_page_url", str(doc, "home_page_url"))
	if got := str(doc, "feed_url"); got != v.self {
		v.fail("feed_url", "%q, served at %s", got, v.self)
	}
	if _, old := doc["author"]; old {
		v.fail("author", "deprecated in 1.1; use authors")
	}
	v.jsonAuthors("feed", doc["authors"])
	items, ok := doc["items"].([]any)
	if !ok {
		v.fail("items", "missing")
	}
	seen := map[string]bool{}
	for _, x := range items {
		it, _ := x.(map[string]any)
		id := str(it, "id")
		what := "item " + id
		if id == "" || seen[id] {
			v.fail("id", "%q missing or repeated", id)
		}
		seen[id] = true
		v.absolute("url", what+" url", str(it, "url"))
		if ext, ok := it["external_url"]; ok {
			v.absolute("external_url", what+" external_url", fmt.Sprint(ext))
		}
		html, text := str(it, "content_html"), str(it, "content_text")
		if html == "" && text == "" {
			v.fail("content_html", "%s has neither content_html nor content_text", what)
		}
		if html != "" {
			v.html(what+" content_html", html)
		}
		for _, k := range []string{"date_published", "date_modified"} {
			v.rfc3339Date(what+" "+k, str(it, k))
		}
		if _, old := it["author"]; old {
			v.fail("author", "%s: deprecated in 1.1; use authors", what)
		}
		v.jsonAuthors(what, it["authors"])
		tags, _ := it["tags"].([]any)
		for _, tg := range tags {
			if s, _ := tg.(string); strings.TrimSpace(s) == "" {
				v.fail("tags", "%s: empty tag", what)
			}
		}
	}
}

func (v *validator) jsonAuthors(what string, x any) {
	authors, _ := x.([]any)
	if len(authors) == 0 {
		v.fail("authors", "%s has no authors", what)
	}
	for _, a := range authors {
		if m, _ := a.(map[string]any); m == nil || m["name"] == nil || m["name"] == "" {
			v.fail("authors", "%s: author without a name", what)
		}
	}
}
