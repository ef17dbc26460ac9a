package render

import (
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/urls"
)

func TestAssetURL(t *testing.T) {
	u := urls.New("https://example.org/news/")
	a := &content.Article{Slug: "river-survey", Date: time.Date(2026, 10, 29, 10, 0, 0, 0, time.UTC)}
	tests := []struct {
		ref     string
		article *content.Article
		abs     bool
		want    string
	}{
		{"eel-counts.png", a, false, "/news/2026/10/29/river-survey/eel-counts.png"},
		{"img/eel-counts.png", a, true, "https://example.org/news/2026/10/29/river-survey/img/eel-counts.png"},
		{"/images/logo.png", a, false, "/news/images/logo.png"},
		{"/images/logo.png", a, true, "https://example.org/news/images/logo.png"},
		{"https://cdn.example.com/x.jpg", a, false, "https://cdn.example.com/x.jpg"},
		{"//cdn.example.com/x.jpg", a, true, "//cdn.example.com/x.jpg"},
		{"", a, false, ""},
		{"x.png", nil, false, "/news/x.png"},
	}
	for _, tt := range tests {
		got := assetURL(u, tt.article, tt.ref, tt.abs)
		if got != tt.want {
			t.Errorf("assetURL(%q, abs=%v) = %q, want %q", tt.ref, tt.abs, got, tt.want)
		}
	}
}
