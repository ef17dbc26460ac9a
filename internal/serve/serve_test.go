package serve

import (
	"context"
	"net"
	"strings"
	"testing"
)

func TestBindAddress(t *testing.T) {
	tests := []struct {
		bind     string
		loopback bool
		url      string
	}{
		{"127.0.0.1", true, "http://127.0.0.1:1313/"},
		{"localhost", true, "http://localhost:1313/"},
		{"::1", true, "http://[::1]:1313/"},
		{"0.0.0.0", false, "http://localhost:1313/"},
		{"::", false, "http://localhost:1313/"},
		{"192.168.1.20", false, "http://192.168.1.20:1313/"},
	}
	for _, tt := range tests {
		if got := IsLoopback(tt.bind); got != tt.loopback {
			t.Errorf("IsLoopback(%q) = %v, want %v", tt.bind, got, tt.loopback)
		}
		if got := siteURL(tt.bind, 1313); got != tt.url {
			t.Errorf("siteURL(%q) = %q, want %q", tt.bind, got, tt.url)
		}
	}
}

func TestTakenPortGivesTheNext(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	dir := testSite(t, map[string]string{"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body.")})
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Options{Source: dir, Port: port})
	if err != nil {
		cancel()
		t.Fatalf("port %d taken: %v, want the next free one", port, err)
	}
	defer func() { cancel(); s.Wait() }()
	if s.Port() <= port || s.Port() >= port+portTries {
		t.Errorf("served on port %d, want one after %d", s.Port(), port)
	}
	if want := siteURL("127.0.0.1", s.Port()); s.URL() != want {
		t.Errorf("URL() = %s, want %s", s.URL(), want)
	}
	eventually(t, "the site on the next port", served(t, s.URL()+"2025/01/06/ports/", "Ports reopen"))
}

func TestBasePath(t *testing.T) {
	dir := testSite(t, map[string]string{"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body.")})
	s := start(t, dir, Options{BasePath: "news"})
	root := siteURL("127.0.0.1", s.Port())
	if want := root + "news/"; s.URL() != want {
		t.Fatalf("URL() = %s, want %s", s.URL(), want)
	}
	tests := []struct {
		path     string
		status   int
		location string // want Location, when not ""
		body     string // the body holds this, when not ""
	}{
		{"/", 302, "/news/", ""},
		{"/news", 302, "/news/", ""},
		{"/news/", 200, "", `href="/news/2025/01/06/ports/"`},
		{"/news/2025/01/06/ports/", 200, "", "Ports reopen"},
		{"/news/2025/01/06/ports", 301, "/news/2025/01/06/ports/", ""},
		{"/news/style.css", 200, "", ""},
		{"/2025/01/06/ports/", 404, "", ""},
		{"/newsroom/", 404, "", ""},
	}
	for _, tt := range tests {
		r := get(t, "GET", root+strings.TrimPrefix(tt.path, "/"))
		if r.status != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, r.status, tt.status)
		}
		if tt.location != "" && r.header.Get("Location") != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, r.header.Get("Location"), tt.location)
		}
		if !strings.Contains(r.body, tt.body) {
			t.Errorf("GET %s: body without %s", tt.path, tt.body)
		}
	}
}
