package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// testSite writes files (site-relative path → text) into a temp folder.
func testSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func article(title, date, body string) string {
	return "---\ntitle: \"" + title + "\"\ndate: " + date + "\n---\n" + body + "\n"
}

// start runs a server on a free loopback port until the test ends.
func start(t *testing.T, dir string, opts Options) *Server {
	t.Helper()
	opts.Source, opts.Port = dir, 0
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); s.Wait() })
	return s
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(t testing.TB, method, url string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// eventually polls check until it returns "" or the deadline passes; check
// returns what is still wrong.
func eventually(t testing.TB, what string, check func() string) {
	t.Helper()
	// Generous: on a loaded machine a rebuild and its full build can take
	// seconds, and this waits for a result, it does not time one.
	deadline := time.Now().Add(20 * time.Second)
	for {
		wrong := check()
		if wrong == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still wrong after 20s: %s", what, wrong)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// served checks that url answers 200 with a body holding want.
func served(t testing.TB, url, want string) func() string {
	return func() string {
		r := get(t, "GET", url)
		if r.status != http.StatusOK || !strings.Contains(r.body, want) {
			return "GET " + url + ": " + http.StatusText(r.status) + ", body without " + want
		}
		return ""
	}
}

// uninject removes the live reload script from a served page.
func uninject(body []byte) []byte {
	at := bytes.LastIndex(body, []byte(`<script data-version=`))
	if at < 0 {
		return body
	}
	end := bytes.Index(body[at:], []byte(liveJS+`</script>`))
	if end < 0 {
		return body
	}
	return append(body[:at:at], body[at+end+len(liveJS)+len(`</script>`):]...)
}

// coldBuild builds the site at dir from scratch into memory, served from
// url, as build would.
func coldBuild(tb testing.TB, dir, url string) map[string][]byte {
	tb.Helper()
	fsys := os.DirFS(dir)
	p, err := pipeline.Open(context.Background(), fsys, url)
	if err != nil {
		tb.Fatalf("cold build: %v", err)
	}
	mem := output.NewMemory()
	if _, err := p.Run(context.Background(), fsys, pipeline.Options{}, mem); err != nil {
		tb.Fatalf("cold build: %v", err)
	}
	return mem.Files()
}
