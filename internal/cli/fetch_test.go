package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFetchSourcesAndOPML runs fetch with its feeds listed in the config
// and in an OPML file, as a cron job would, against a local server.
func TestFetchSourcesAndOPML(t *testing.T) {
	feed := func(title, slug string) string {
		return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>` + title + `</title><entry>` +
			`<id>urn:` + slug + `</id><title>` + title + ` reports ` + slug + `</title><link href="https://example.org/` + slug + `"/>` +
			`<updated>2026-12-07T08:00:00Z</updated><content type="html">&lt;p&gt;A report on ` + slug + `.&lt;/p&gt;</content></entry></feed>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/council.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, feed("Council", "budget")) })
	mux.HandleFunc("/schools.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, feed("Schools", "holidays")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	site := t.TempDir()
	config := fmt.Sprintf("title = \"Town\"\n\n[fetch]\ndelay = \"0s\"\n\n[[sources]]\nname = \"Town Council\"\nurl = %q\ntopic = \"Politics\"\n", srv.URL+"/council.xml")
	opml := fmt.Sprintf(`<opml version="2.0"><body><outline text="Education"><outline text="Schools" xmlUrl=%q/></outline></body></opml>`, srv.URL+"/schools.xml")
	for name, data := range map[string]string{"newsdigest.toml": config, "subs.opml": opml} {
		if err := os.WriteFile(filepath.Join(site, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"fetch", "--source", site, "--opml", filepath.Join(site, "subs.opml")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, &stdout, &stderr)
	}
	for _, file := range []string{
		"content/politics/2026/12/council-reports-budget.md",
		"content/education/2026/12/schools-reports-holidays.md",
	} {
		data, err := os.ReadFile(filepath.Join(site, file))
		if err != nil {
			t.Errorf("%s: %v\n%s", file, err, &stdout)
			continue
		}
		if strings.Contains(file, "council") && !strings.Contains(string(data), "source: Town Council\n") {
			t.Errorf("%s does not name its source from the config:\n%s", file, data)
		}
	}
	if !strings.Contains(stdout.String(), "fetched 2 sources: 2 new articles, 0 already taken, 0 skipped, 0 failed\n") {
		t.Errorf("stdout:\n%s", &stdout)
	}
	if _, err := os.Stat(filepath.Join(site, ".newsdigest", "fetch.json")); err != nil {
		t.Errorf("no state file: %v", err)
	}
}
