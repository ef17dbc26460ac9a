package urls

import "testing"

func TestURLs(t *testing.T) {
	tests := []struct {
		base, path, rel, abs string
	}{
		{"https://example.com/", "", "/", "https://example.com/"},
		{"https://example.com/", "2025/01/06/", "/2025/01/06/", "https://example.com/2025/01/06/"},
		{"https://host/news/", "2025/01/06/", "/news/2025/01/06/", "https://host/news/2025/01/06/"},
		{"https://host/news/", "/topics/", "/news/topics/", "https://host/news/topics/"},
		{"https://host/a/b/", "feed.xml", "/a/b/feed.xml", "https://host/a/b/feed.xml"},
		{"https://host/caf%C3%A9/", "tags/", "/caf%C3%A9/tags/", "https://host/caf%C3%A9/tags/"},
		{"http://localhost:1313/", "404.html", "/404.html", "http://localhost:1313/404.html"},
	}
	for _, tt := range tests {
		u := New(tt.base)
		if got := u.Rel(tt.path); got != tt.rel {
			t.Errorf("New(%q).Rel(%q) = %q, want %q", tt.base, tt.path, got, tt.rel)
		}
		if got := u.Abs(tt.path); got != tt.abs {
			t.Errorf("New(%q).Abs(%q) = %q, want %q", tt.base, tt.path, got, tt.abs)
		}
	}
}

func TestPaged(t *testing.T) {
	tests := []struct {
		base string
		n    int
		want string
	}{
		{"topics/world/", 0, "topics/world/"},
		{"topics/world/", 1, "topics/world/"},
		{"topics/world/", 2, "topics/world/page/2/"},
		{"tags/ai/", 12, "tags/ai/page/12/"},
	}
	for _, tt := range tests {
		if got := Paged(tt.base, tt.n); got != tt.want {
			t.Errorf("Paged(%q, %d) = %q, want %q", tt.base, tt.n, got, tt.want)
		}
	}
}
