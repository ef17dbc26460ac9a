package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/newsdigest/newsdigest/internal/deploy"
)

// rules are the matchers the README recommends.
func rules() []deploy.Rule {
	return []deploy.Rule{
		{Pattern: regexp.MustCompile(`\.(css|js|png|jpe?g|gif|webp|avif|svg|woff2?)$`), CacheControl: "public, max-age=604800"},
		{Pattern: regexp.MustCompile(`\.html$`), CacheControl: "public, max-age=300"},
		{Pattern: regexp.MustCompile(`\.(xml|json)$`), CacheControl: "public, max-age=300", Gzip: true},
	}
}

func gzipped(key string) bool {
	return strings.HasSuffix(key, ".xml") || strings.HasSuffix(key, ".json")
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keysOf(log []string) []string {
	var keys []string
	for _, l := range log {
		_, key, _ := strings.Cut(l, " ")
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// TestS3 is the request's "done when", over the S3 wire protocol: the first
// deploy of the sample site sends every file with its configured headers,
// pages after what they link to; a second sends nothing; an edited article
// sends only the files whose bytes changed.
func TestS3(t *testing.T) {
	ctx := context.Background()
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	site := sampleSite(t)
	dir := buildSite(t, site)
	built := files(t, dir)

	_, res, err := run(ctx, t, b, dir, rules())
	if err != nil {
		t.Fatal(err)
	}
	log := s3.take()
	if res.Uploaded != len(built) || len(log) != len(built) {
		t.Errorf("first deploy: %d uploaded, %d PUTs; want %d, every file", res.Uploaded, len(log), len(built))
	}
	sameAsBuild(t, b, dir, gzipped)
	checkHeaders(t, built, func(key string) ([3]string, error) {
		h := s3.headers(key)
		return [3]string{h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("Content-Encoding")}, nil
	})
	checkOrder(t, log, built)

	_, res, err = run(ctx, t, b, dir, rules())
	if err != nil {
		t.Fatal(err)
	}
	if log := s3.take(); res.Uploaded != 0 || res.Deleted != 0 || len(log) != 0 {
		t.Errorf("second deploy of the same build: %d uploaded, %d deleted, requests %q; want none", res.Uploaded, res.Deleted, log)
	}

	// Edit one article's body and build again.
	article := filepath.Join(site, "content", "environment", "river-survey", "index.md")
	src, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, append(src, []byte("\nA late count added one more eel.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	dir = buildSite(t, site)
	var changed []string
	now := files(t, dir)
	for k, data := range now {
		if !bytes.Equal(data, built[k]) {
			changed = append(changed, k)
		}
	}
	// Files the build no longer has are deleted: the search index of the
	// last build, whose folder is named by its content.
	for k := range built {
		if _, ok := now[k]; !ok {
			changed = append(changed, k)
		}
	}
	sort.Strings(changed)
	if !slices.Contains(changed, "2026/10/29/river-survey/index.html") || len(changed) > len(built)/4 {
		t.Fatalf("the edit changed %d of %d files: %q; want the article's page among a few", len(changed), len(built), changed)
	}
	t.Logf("the edit changed %d of %d files", len(changed), len(built))
	_, res, err = run(ctx, t, b, dir, rules())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(changed, keysOf(s3.take())); diff != "" {
		t.Errorf("after one edit, uploads (-files whose bytes changed +uploaded):\n%s", diff)
	}
	sameAsBuild(t, b, dir, gzipped)
}

// checkHeaders compares each object's Content-Type, Cache-Control and
// Content-Encoding with what rules() says.
func checkHeaders(t *testing.T, built map[string][]byte, headers func(key string) ([3]string, error)) {
	t.Helper()
	want := map[string][3]string{
		"index.html":                             {"text/html; charset=utf-8", "public, max-age=300", ""},
		"style.css":                              {"text/css; charset=utf-8", "public, max-age=604800", ""},
		"2026/10/29/river-survey/eel-counts.png": {"image/png", "public, max-age=604800", ""},
		"feed.xml":                               {"application/xml; charset=utf-8", "public, max-age=300", "gzip"},
		"feed.json":                              {"application/json; charset=utf-8", "public, max-age=300", "gzip"},
		"robots.txt":                             {"text/plain; charset=utf-8", "", ""},
	}
	for key := range built {
		got, err := headers(key)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if w, ok := want[key]; ok && got != w {
			t.Errorf("%s: headers %q, want %q", key, got, w)
		}
		if strings.HasSuffix(key, ".html") && got[0] != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", key, got[0])
		}
	}
}

// checkOrder fails when the uploads do not follow the phases, or when a
// page was uploaded before a file of an earlier phase it links to: an
// image, the stylesheet, an article a list names. (Pages of one phase may
// link each other, and an article links its topic; those go up together.)
func checkOrder(t *testing.T, log []string, built map[string][]byte) {
	t.Helper()
	at := map[string]int{} // index in the log
	last := deploy.Assets
	for i, l := range log {
		_, key, _ := strings.Cut(l, " ")
		at[key] = i
		ph := deploy.PhaseOf(key)
		if ph < last {
			t.Errorf("%s (%v) uploaded after a file of the %v", key, ph, last)
		}
		last = max(last, ph)
	}
	links := 0
	for key, data := range built {
		if !strings.HasSuffix(key, ".html") {
			continue
		}
		for _, target := range localLinks(key, data) {
			if _, ok := built[target]; !ok || deploy.PhaseOf(target) >= deploy.PhaseOf(key) {
				continue
			}
			links++
			i, ok := at[key]
			if !ok {
				continue // not uploaded (yet)
			}
			if j, ok := at[target]; !ok || j > i {
				t.Errorf("%s was uploaded before %s, which it links to", key, target)
			}
		}
	}
	t.Logf("%d links to files of earlier phases checked", links)
	if links < 100 {
		t.Errorf("only %d links between the sample's files were checked", links)
	}
}

// localLinks are the files of the site a page links to: href and src under
// the sample's base path.
const samplePath = "/millbrook/" // of the sample's baseURL

func localLinks(key string, page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if a := string(k); (a == "href" || a == "src") && strings.HasPrefix(string(v), samplePath) {
				p, _, _ := strings.Cut(strings.TrimPrefix(string(v), samplePath), "#")
				if p == "" || strings.HasSuffix(p, "/") {
					p += "index.html"
				}
				out = append(out, path.Clean(p))
			}
			if !more {
				break
			}
		}
	}
}
