package render

import (
	"context"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

func TestSharedNames(t *testing.T) {
	funcs := template.FuncMap{"partialCached": func(string, any, ...any) (template.HTML, error) { return "", nil }}
	root := template.Must(template.New("").Funcs(funcs).Parse(`
{{define "meta"}}m{{end}}
{{define "item"}}<li>{{template "meta" .}}</li>{{end}}
{{define "cacheditem"}}{{partialCached "meta" .}}{{end}}
{{define "any"}}{{partialCached .Name .}}{{end}}
{{define "list"}}{{range .}}{{template "item" .}}{{end}}{{end}}`))
	tests := []struct {
		name string
		page string
		want map[string]bool
	}{
		{
			name: "page defines main only",
			page: `{{define "main"}}{{template "list" .}}{{end}}`,
			want: map[string]bool{"": true, "meta": true, "item": true, "cacheditem": true, "list": true},
		},
		{
			name: "page redefines a partial",
			page: `{{define "main"}}x{{end}}{{define "meta"}}other{{end}}`,
			want: map[string]bool{"": true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := template.Must(template.Must(root.Clone()).New("page.html").Parse(tt.page))
			got := sharedNames(root, set)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("shared (-want +got):\n%s", diff)
			}
		})
	}
}

// A page template that redefines a partial gets its own version even where
// other pages share theirs through partialCached.
func TestPartialCachedKeepsPageOverrides(t *testing.T) {
	site := fstest.MapFS{
		"content/business/grocers.md": {Data: []byte("---\ntitle: Grocers\ndate: 2025-01-06\ntags: [retail]\n---\nBody.\n")},
		"templates/tag.html": {Data: []byte(`{{define "main"}}{{template "storylist" .Articles}}{{end}}` +
			`{{define "storymeta"}}<p>tagged story</p>{{end}}`)},
	}
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := content.Load(context.Background(), site, content.Options{})
	if err != nil || len(loaded.Problems) > 0 {
		t.Fatalf("load: %v %v", err, loaded.Problems)
	}
	r, err := New(context.Background(), cfg, urls.New(cfg.BaseURL), Layers(site, cfg.Theme, themes.Default()))
	if err != nil {
		t.Fatal(err)
	}
	out := output.NewMemory()
	if _, err := r.Site(context.Background(), digest.New(loaded.Articles, digest.Options{}), site, out); err != nil {
		t.Fatal(err)
	}
	files := out.Files()
	tests := []struct {
		file   string
		tagged bool
	}{
		{"topics/business/index.html", false},
		{"tags/retail/index.html", true},
		{"2025/01/06/index.html", false},
	}
	for _, tt := range tests {
		page := string(files[tt.file])
		if page == "" {
			t.Fatalf("%s not written", tt.file)
		}
		if got := strings.Contains(page, "tagged story"); got != tt.tagged {
			t.Errorf("%s shows the tag page's storymeta: %v, want %v", tt.file, got, tt.tagged)
		}
		if got := strings.Contains(page, `<p class="meta">`); got == tt.tagged {
			t.Errorf("%s shows the theme's storymeta: %v, want %v", tt.file, got, !tt.tagged)
		}
	}
}
