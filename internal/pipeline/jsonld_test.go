package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// schemaOrg stands in for schema.org's context, which a test may not
// fetch: its terms are the vocabulary's names, which is what the pages
// use it for.
type schemaOrg struct{}

func (schemaOrg) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if strings.TrimSuffix(u, "/") != "https://schema.org" {
		return nil, fmt.Errorf("no document %s offline", u)
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: map[string]any{
		"@context": map[string]any{"@vocab": "https://schema.org/"},
	}}, nil
}

var ldScript = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

// expanded reads a page's JSON-LD through a JSON-LD processor and returns
// its nodes by type, with every property as a full IRI.
func expanded(t *testing.T, page string, html []byte) map[string][]map[string]any {
	t.Helper()
	m := ldScript.FindAllSubmatch(html, -1)
	if len(m) != 1 {
		t.Errorf("%s: %d JSON-LD scripts, want 1", page, len(m))
		return nil
	}
	var doc any
	if err := json.Unmarshal(m[0][1], &doc); err != nil {
		t.Errorf("%s: JSON-LD is no JSON: %v", page, err)
		return nil
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = schemaOrg{}
	nodes, err := ld.NewJsonLdProcessor().Expand(doc, opts)
	if err != nil {
		t.Errorf("%s: JSON-LD does not expand: %v", page, err)
		return nil
	}
	out := map[string][]map[string]any{}
	for _, n := range nodes {
		node := n.(map[string]any)
		for _, typ := range node["@type"].([]any) {
			out[typ.(string)] = append(out[typ.(string)], node)
		}
	}
	return out
}

// value is the first value of an expanded property: a literal's @value
// or a node's @id.
func value(node map[string]any, prop string) string {
	vs, _ := node["https://schema.org/"+prop].([]any)
	if len(vs) == 0 {
		return ""
	}
	v := vs[0].(map[string]any)
	if s, ok := v["@value"]; ok {
		return fmt.Sprint(s)
	}
	if s, ok := v["@id"]; ok {
		return fmt.Sprint(s)
	}
	return fmt.Sprint(v)
}

// TestStructuredData builds the sample site and reads every page's
// JSON-LD with a JSON-LD processor: each article is a NewsArticle whose
// fields match the page, lists are CollectionPages of their items, the
// front page is the WebSite, and pages below it have a breadcrumb trail.
func TestStructuredData(t *testing.T) {
	ctx := context.Background()
	fsys := os.DirFS("../..")
	p, err := pipeline.Open(ctx, fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := p.Run(ctx, fsys, pipeline.Options{Now: now}, mem)
	if err != nil {
		t.Fatal(err)
	}
	files := mem.Files()
	for _, a := range res.Digest.Articles {
		page := a.Path() + "index.html"
		nodes := expanded(t, page, files[page])
		articles := nodes["https://schema.org/NewsArticle"]
		if len(articles) != 1 {
			t.Errorf("%s: %d NewsArticles", page, len(articles))
			continue
		}
		n := articles[0]
		permalink := p.URLs.Abs(a.Path())
		for prop, want := range map[string]string{
			"headline":         a.Title,
			"datePublished":    a.Date.Format("2006-01-02T15:04:05Z07:00"),
			"mainEntityOfPage": permalink,
			"inLanguage":       p.Config.Language,
		} {
			if got := value(n, prop); got != want {
				t.Errorf("%s: %s %q, want %q", page, prop, got, want)
			}
		}
		if len(a.Authors) > 0 {
			authors, _ := n["https://schema.org/author"].([]any)
			first, _ := authors[0].(map[string]any)
			if len(authors) != len(a.Authors) || value(first, "name") != a.Authors[0] {
				t.Errorf("%s: authors %v, want %v", page, authors, a.Authors)
			}
		}
		pubs, _ := n["https://schema.org/publisher"].([]any)
		if len(pubs) != 1 || value(pubs[0].(map[string]any), "name") != p.Config.Title {
			t.Errorf("%s: publisher %v", page, pubs)
		}
		if a.SourceURL != "" && value(n, "isBasedOn") != a.SourceURL {
			t.Errorf("%s: isBasedOn %q, want %q", page, value(n, "isBasedOn"), a.SourceURL)
		}
		if len(nodes["https://schema.org/BreadcrumbList"]) != 1 {
			t.Errorf("%s: no breadcrumb trail", page)
		}
	}
	home := expanded(t, "index.html", files["index.html"])
	if sites := home["https://schema.org/WebSite"]; len(sites) != 1 || value(sites[0], "name") != p.Config.Title {
		t.Errorf("front page: WebSite %v", sites)
	}
	for _, e := range res.Digest.Editions[:3] {
		page := fmt.Sprintf("%04d/%02d/%02d/index.html", e.Day.Year, e.Day.Month, e.Day.Day)
		lists := expanded(t, page, files[page])["https://schema.org/CollectionPage"]
		if len(lists) != 1 {
			t.Errorf("%s: %d CollectionPages", page, len(lists))
			continue
		}
		entity, _ := lists[0]["https://schema.org/mainEntity"].([]any)
		if len(entity) != 1 || value(entity[0].(map[string]any), "numberOfItems") != fmt.Sprint(len(e.Articles)) {
			t.Errorf("%s: mainEntity %v, want %d items", page, entity, len(e.Articles))
		}
	}
}

// TestStructuredDataIsSafeInAScript: a title that tries to close the
// script cannot, and still reads back whole.
func TestStructuredDataIsSafeInAScript(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	title := `Quotes </script><script>alert("x")</script> & more`
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/world/a.md", "---\ntitle: '"+title+"'\ndate: 2025-01-06\n---\nBody.\n")
	write("newsdigest.toml", "baseURL = \"https://example.org/news/\"\nlogo = \"/img/logo.png\"\n")
	fsys := os.DirFS(dir)
	p, err := pipeline.Open(ctx, fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	if _, err := p.Run(ctx, fsys, pipeline.Options{Now: now}, mem); err != nil {
		t.Fatal(err)
	}
	page := mem.Files()["2025/01/06/a/index.html"]
	if strings.Contains(string(page), `</script><script>alert`) {
		t.Fatalf("the title closed the script:\n%s", page)
	}
	n := expanded(t, "a", page)["https://schema.org/NewsArticle"]
	if len(n) != 1 || value(n[0], "headline") != title {
		t.Fatalf("headline read back as %v", n)
	}
	// The config's logo is the publisher's, as an absolute URL.
	pub := n[0]["https://schema.org/publisher"].([]any)[0].(map[string]any)
	logo, _ := pub["https://schema.org/logo"].([]any)
	if len(logo) != 1 || value(logo[0].(map[string]any), "url") != "https://example.org/news/img/logo.png" {
		t.Errorf("publisher logo %v", logo)
	}
}
