package serve

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestRequests(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body."),
		"static/img/logo.svg":    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"static/data.json":       "{}",
	})
	s := start(t, dir, Options{})
	notFound := "Page not found"
	tests := []struct {
		method, path string
		status       int
		ctype        string // want Content-Type, when not ""
		location     string // want Location, when not ""
		body         string // the body holds this, when not ""
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "", `data-events="/_newsdigest/events"`},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "", "Ports reopen"},
		{"GET", "/2025/01/06/ports/", 200, "text/html; charset=utf-8", "", "Ports reopen"},
		{"HEAD", "/2025/01/06/ports/", 200, "text/html; charset=utf-8", "", ""},
		{"GET", "/style.css", 200, "text/css; charset=utf-8", "", ""},
		{"GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", "", "<urlset"},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "", "Sitemap:"},
		{"GET", "/data.json", 200, "application/json; charset=utf-8", "", "{}"},
		{"GET", "/img/logo.svg", 200, "image/svg+xml", "", "<svg"},
		// Folders: index.html or nothing, never a listing.
		{"GET", "/img/", 404, "text/html; charset=utf-8", "", notFound},
		{"GET", "/img", 404, "", "", notFound},
		{"GET", "/2025/01/06/ports", 301, "", "/2025/01/06/ports/", ""},
		{"GET", "/topics?page=2", 301, "", "/topics/?page=2", ""},
		{"GET", "/no/such/page/", 404, "text/html; charset=utf-8", "", notFound},
		{"HEAD", "/no/such/page/", 404, "", "", ""},
		// Traversal gets the 404 page, nothing else.
		{"GET", "/../../etc/passwd", 404, "", "", notFound},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd", 404, "", "", notFound},
		{"GET", "/..%2f..%2fetc%2fpasswd", 404, "", "", notFound},
		{"GET", "/2025/../../../etc/passwd", 404, "", "", notFound},
		{"GET", "/img/..%5c..%5cetc%5cpasswd", 404, "", "", notFound},
		{"GET", "/./index.html", 404, "", "", notFound},
		{"GET", "/2025//01/06/ports/", 404, "", "", notFound},
		// Only GET and HEAD.
		{"POST", "/", 405, "", "", ""},
		{"PUT", "/2025/01/06/ports/", 405, "", "", ""},
		{"DELETE", "/", 405, "", "", ""},
		{"OPTIONS", "/", 405, "", "", ""},
		{"POST", eventsPath, 405, "", "", ""},
	}
	for _, tt := range tests {
		r := get(t, tt.method, s.URL()+strings.TrimPrefix(tt.path, "/"))
		where := tt.method + " " + tt.path
		if r.status != tt.status {
			t.Errorf("%s: status %d, want %d", where, r.status, tt.status)
		}
		if got := r.header.Get("Content-Type"); tt.ctype != "" && got != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", where, got, tt.ctype)
		}
		if got := r.header.Get("Location"); tt.location != "" && got != tt.location {
			t.Errorf("%s: Location %q, want %q", where, got, tt.location)
		}
		if !strings.Contains(r.body, tt.body) {
			t.Errorf("%s: body does not hold %q:\n%.300s", where, tt.body, r.body)
		}
		if strings.Contains(r.body, "root:") {
			t.Errorf("%s: body shows a system file", where)
		}
		if tt.method == "HEAD" && r.body != "" {
			t.Errorf("%s: HEAD has a body", where)
		}
		if tt.status == http.StatusMethodNotAllowed && r.header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q, want \"GET, HEAD\"", where, r.header.Get("Allow"))
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		path string
		want string // "" when refused
	}{
		{"/", "index.html"},
		{"/topics/", "topics/index.html"},
		{"/style.css", "style.css"},
		{"/2025/01/06/ports/photo.jpg", "2025/01/06/ports/photo.jpg"},
		{"/..", ""},
		{"/../etc/passwd", ""},
		{"/a/../../b", ""},
		{"/a/./b", ""},
		{"/a//b", ""},
		{`/a\..\b`, ""},
		{"/a\x00b", ""},
		{"relative", ""},
	}
	for _, tt := range tests {
		got, ok := fileName(tt.path)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestInjectLeavesBuildUntouched(t *testing.T) {
	page := []byte("<html><body><p>x</p></BODY></html>")
	orig := string(page)
	got := inject(page, &snapshot{version: 3, page: 2, problems: []string{`content/a.md:3: date: "nope"`}})
	if string(page) != orig {
		t.Errorf("inject changed the built page to %s", page)
	}
	if string(uninject(got)) != orig {
		t.Errorf("the script is not where expected:\n%s", got)
	}
	for _, want := range []string{`data-version="3"`, `data-page="2"`, `content/a.md:3: date: \&#34;nope\&#34;`, "<script data-version=\"3\""} {
		if !strings.Contains(string(got), want) {
			t.Errorf("injected page lacks %s:\n%s", want, got)
		}
	}
	if at := strings.Index(string(got), "<script"); at > strings.Index(string(got), "</BODY>") {
		t.Errorf("script after </body>:\n%s", got)
	}
}

// The preview answers to the names a browser on this machine or the
// network uses, and refuses any other name: a page whose domain was made
// to resolve here (DNS rebinding) must not read it.
func TestHostChecked(t *testing.T) {
	dir := testSite(t, map[string]string{"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body.")})
	s := start(t, dir, Options{})
	host, _ := os.Hostname()
	for _, tt := range []struct {
		host   string
		status int
	}{
		{"", 200}, // the address the test dialled
		{"localhost:1313", 200},
		{"preview.localhost", 200},
		{"127.0.0.1:8080", 200},
		{"[::1]:1313", 200},
		{"192.168.1.20:1313", 200},
		{host, 200},
		{"attacker.example:1313", 403},
		{"localhost.attacker.example", 403},
	} {
		req, err := http.NewRequest("GET", s.URL(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("Host %q: status %d, want %d", tt.host, resp.StatusCode, tt.status)
		}
	}
}
