package serve

import (
	"bytes"
	"encoding/json"
	"html"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	_ "embed"

	"github.com/newsdigest/newsdigest/internal/output"
)

// snapshot is one whole built site. A new one replaces the old in one
// atomic store, so a request sees either the old site or the new one.
type snapshot struct {
	files    map[string][]byte
	built    bool     // files hold a site (false before the first good build)
	version  int64    // counts good builds
	page     int64    // the last version that changed more than stylesheets
	problems []string // shown over every page until a build is clean
}

// Paths under prefix belong to the server, not the site.
const (
	prefix     = "/_newsdigest/"
	eventsPath = prefix + "events"
)

//go:embed live.js
var liveJS string

// ServeHTTP serves the current snapshot.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		// A page on another site whose name was made to point here (DNS
		// rebinding) must not read the preview, drafts and all.
		http.Error(w, "forbidden: the preview answers only to localhost, an IP address or this machine's name", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		s.serveEvents(w, r)
		return
	}
	snap := s.site.Load()
	urlPath, inside := s.underBase(r.URL.Path)
	if !inside {
		if r.URL.Path == "/" || r.URL.Path+"/" == s.opts.BasePath {
			// The site lives under its base path, as on its host.
			http.Redirect(w, r, s.opts.BasePath, http.StatusFound)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	name, ok := fileName(urlPath)
	if !ok {
		s.notFound(w, r, snap)
		return
	}
	data, found := snap.files[name]
	if !found {
		if _, isDir := snap.files[name+"/index.html"]; isDir {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	s.serveFile(w, r, snap, name, data, http.StatusOK)
}

// underBase gives a request's path relative to the base path, starting
// with "/", and whether the path is under it at all.
func (s *Server) underBase(urlPath string) (string, bool) {
	base := s.opts.BasePath
	if base == "" || base == "/" {
		return urlPath, true
	}
	if !strings.HasPrefix(urlPath, base) {
		return "", false
	}
	return urlPath[len(base)-1:], true
}

// fileName maps a URL path to a file of the site: folder URLs to their
// index.html. Paths with "..", backslashes or NUL never name a file.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	name := strings.TrimPrefix(urlPath, "/")
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if path.Clean(name) != name {
		return "", false // empty segments: "a//b"
	}
	return name, true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if page, ok := snap.files["404.html"]; ok {
		s.serveFile(w, r, snap, "404.html", page, http.StatusNotFound)
		return
	}
	body := []byte("<!doctype html><title>Not found</title><body><p>404: no page here.</p></body>")
	if !snap.built {
		body = []byte("<!doctype html><title>Not built</title><body><p>The site could not be built yet; the errors are shown here.</p></body>")
	}
	s.serveFile(w, r, snap, "404.html", body, http.StatusNotFound)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, data []byte, status int) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, snap)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func contentType(name string) string {
	if t := output.ContentType(name); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject puts the live reload script before the page's last </body>, or at
// the end of a page without one. The built files are never changed.
func inject(page []byte, snap *snapshot) []byte {
	problems, _ := json.Marshal(append([]string{}, snap.problems...))
	tag := `<script data-version="` + itoa(snap.version) + `" data-page="` + itoa(snap.page) +
		`" data-events="` + eventsPath + `" data-problems="` + html.EscapeString(string(problems)) + `">` + liveJS + `</script>`
	at := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// hostAllowed reports whether a request's Host names this server as a
// browser on this machine or the network reaches it: an IP address, a
// localhost name, the address it is bound to, or the machine's own name.
// Any other name is a name someone else controls.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	switch {
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return true
	case net.ParseIP(host) != nil:
		return true
	case host == strings.ToLower(s.opts.Bind):
		return true
	}
	if name, err := os.Hostname(); err == nil {
		name = strings.ToLower(name)
		return host == name || host == name+".local"
	}
	return false
}
