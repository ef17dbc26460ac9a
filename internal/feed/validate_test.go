package feed_test

import (
	"bytes"
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
