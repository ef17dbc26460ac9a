package search_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
)

func article(title, date, topic, source, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: %s\ntopic: %s\nsource: %s\n---\n%s\n", title, date, topic, source, body))}
}

// searchSite is a small site whose words are chosen for the browser
// test: "quayside" is in one body only, "outer wall" is a phrase in one
// article and two loose words in another, three sources report one story.
var searchSite = fstest.MapFS{
	"newsdigest.toml": {Data: []byte("title = \"Harbour Digest\"\nbaseURL = \"https://example.org/news/\"\n")},
	"content/a.md": article("Sensors along the outer wall", "2025-03-04", "Technology", "Eastbank Ledger",
		"Twenty sensors now line the outer wall of the harbour."),
	"content/b.md": article("Wall murals return to the outer estates", "2025-03-03", "Culture", "Millbrook Weekend",
		"The murals cover a wall near the outer ring road."),
	"content/c.md": article("Fish market opens early", "2025-02-10", "Business", "Harbour Radio",
		"Traders set up on the quayside at four in the morning."),
	"content/d.md": article("Harbour ferry returns after repairs", "2025-01-20", "City", "Eastbank Ledger",
		"The ferry crosses the harbour every twenty minutes again."),
	"content/e.md": article("Harbourmaster retires after 30 years", "2025-01-05", "City", "Millbrook Weekend",
		"The harbourmaster thanked the crews."),
	"content/s1.md": article("Dockers strike shuts the container port", "2025-01-14T08:00:00Z", "Business", "Eastbank Ledger", "Dockers walked out."),
	"content/s2.md": article("Dockers strike shuts the container port", "2025-01-14T10:00:00Z", "Business", "Harbour Radio", "Dockers walked out at dawn."),
	"content/s3.md": article("Dockers strike shuts the container port", "2025-01-14T12:00:00Z", "Business", "Millbrook Weekend", "Dockers walked out again."),
}

// TestBrowserSearch types queries into the search page in headless
// Chromium: results appear with their words marked, the topic filter
// narrows them, a phrase and a prefix work, and the arrow keys move from
// the field to the results.
func TestBrowserSearch(t *testing.T) {
	chromium := findChromium(t)
	ctx := context.Background()
	p, err := pipeline.Open(ctx, searchSite, "")
	if err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := p.Run(ctx, searchSite, pipeline.Options{}, mem)
	if err != nil || len(res.Loaded.Problems) > 0 {
		t.Fatalf("build: %v %v", err, res.Loaded.Problems)
	}
	dir := t.TempDir()
	for name, data := range mem.Files() {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := string(mem.Files()["search/index.html"])
	for _, want := range []string{"<noscript>", `role="status"`, `<label for="search-q">`, `action="/news/search/" method="get"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	srv := httptest.NewServer(http.StripPrefix("/news", http.FileServer(http.Dir(dir))))
	defer srv.Close()

	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	// The first run starts the browser, and must not have a timeout of
	// its own: that would stop the browser with it.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	// The masthead's form is a plain GET form: it leads to the search
	// page with the query in the address, which runs it.
	run(t, browser, chromedp.Navigate(srv.URL+"/news/"),
		chromedp.SendKeys(chromedp.CSS("#masthead-q"), "quayside"+kb.Enter))
	results(t, browser, "quayside", []string{"Fish market opens early"})
	if got := evaluate[string](t, browser, `location.pathname + location.search`); got != "/news/search/?q=quayside" {
		t.Errorf("the masthead form led to %s", got)
	}
	if got := evaluate[string](t, browser, `document.querySelector(".search-result .excerpt mark").textContent`); got != "quayside" {
		t.Errorf("marked in the excerpt: %q", got)
	}
	if got := evaluate[string](t, browser, `document.getElementById("search-status").textContent`); got != "1 result for “quayside”." {
		t.Errorf("status: %q", got)
	}

	// A prefix while typing: "harb" finds harbour, harbourmaster.
	query(t, browser, "harb")
	got := results(t, browser, "harb", nil)
	if len(got) != 5 {
		t.Errorf("harb: %d results %q, want the five with harbour or harbourmaster (two by their source)", len(got), got)
	}
	// Two titles hold such words; "Harbour Radio", a source, is not marked.
	if got := evaluate[[]string](t, browser, `[...document.querySelectorAll("#search-results h2 mark")].map(m => m.textContent).sort()`); strings.Join(got, " ") != "Harbour Harbourmaster" {
		t.Errorf("harb: marked in titles %q", got)
	}

	// The topic filter narrows them, and goes into the address.
	pick(t, browser, "#search-topic", "city")
	got = results(t, browser, "harb in City", nil)
	slices.Sort(got)
	if want := []string{"Harbour ferry returns after repairs", "Harbourmaster retires after 30 years"}; !slices.Equal(got, want) {
		t.Errorf("harb in City: %q, want %q", got, want)
	}
	if got := evaluate[string](t, browser, `location.search`); got != "?q=harb&topic=city" {
		t.Errorf("address after the filter: %s", got)
	}
	pick(t, browser, "#search-topic", "")

	// The months narrow them to a range of dates.
	pick(t, browser, "#search-from", "2025-02")
	pick(t, browser, "#search-to", "2025-03")
	got = results(t, browser, "harb from February to March", nil)
	slices.Sort(got)
	if want := []string{"Fish market opens early", "Sensors along the outer wall"}; !slices.Equal(got, want) {
		t.Errorf("harb from February to March: %q, want %q", got, want)
	}
	pick(t, browser, "#search-from", "")
	pick(t, browser, "#search-to", "")

	// Two loose words find both articles; the phrase only the one where
	// they stand together.
	query(t, browser, "outer wall ")
	results(t, browser, "outer wall", []string{"Sensors along the outer wall", "Wall murals return to the outer estates"})
	query(t, browser, `"outer wall"`)
	results(t, browser, `"outer wall"`, []string{"Sensors along the outer wall"})

	// The arrow key moves from the field to the first result.
	run(t, browser, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(kb.ArrowDown))
	if got := evaluate[string](t, browser, `document.activeElement.textContent`); got != "Sensors along the outer wall" {
		t.Errorf("focus after the down arrow: %q", got)
	}

	// The reports of one story are shown under the first of them.
	query(t, browser, "dockers ")
	if got := results(t, browser, "dockers", nil); len(got) != 1 {
		t.Errorf("dockers: %q, want one story", got)
	}
	if n := evaluate[int](t, browser, `document.querySelectorAll("#search-results ul.also li").length`); n != 2 {
		t.Errorf("dockers: %d other reports under the first", n)
	}
	if got := evaluate[string](t, browser, `document.querySelector("#search-results .story-link a").getAttribute("href")`); !strings.HasPrefix(got, "/news/stories/") {
		t.Errorf("dockers: story link %q", got)
	}

	// Stop words in a phrase hold their places.
	query(t, browser, `"outer wall of the harbour"`)
	results(t, browser, `"outer wall of the harbour"`, []string{"Sensors along the outer wall"})
	query(t, browser, `"wall of the outer harbour"`)
	results(t, browser, `"wall of the outer harbour"`, []string{})

	// No hit.
	query(t, browser, "zeppelin ")
	if got := results(t, browser, "zeppelin", nil); len(got) != 0 {
		t.Errorf("zeppelin: %q", got)
	}
	if got := evaluate[string](t, browser, `document.getElementById("search-status").textContent`); got != "No results for “zeppelin”." {
		t.Errorf("status: %q", got)
	}
}

// pick chooses an option of a select, as a user does.
func pick(t *testing.T, browser context.Context, sel, value string) {
	t.Helper()
	evaluate[bool](t, browser, fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		s.value = %q;
		return s.dispatchEvent(new Event("change"));
	})()`, sel, value))
}

// query replaces the field's text, as typing does.
func query(t *testing.T, browser context.Context, q string) {
	t.Helper()
	evaluate[string](t, browser, `document.getElementById("search-q").value = ""`)
	run(t, browser, chromedp.SendKeys(chromedp.CSS("#search-q"), q))
}

// results waits until the page has run the query in the field and returns
// the titles shown; with want, they must be those, in that order.
func results(t *testing.T, browser context.Context, what string, want []string) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		done := evaluate[bool](t, browser, `(() => {
			const s = document.getElementById("search"); // absent while the page loads
			return !!s && s.dataset.state === "done" && s.dataset.query === document.getElementById("search-q").value.trim();
		})()`)
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no results after 10s (status %q)", what,
				evaluate[string](t, browser, `document.getElementById("search-status")?.textContent ?? "no search page"`))
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := evaluate[[]string](t, browser, `[...document.querySelectorAll("#search-results > li > h2")].map(h => h.textContent)`)
	if want != nil && strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: results %q, want %q", what, got, want)
	}
	return got
}

func run(t *testing.T, browser context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func evaluate[T any](t *testing.T, browser context.Context, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// findChromium returns the browser's path, or skips the test without one;
// CI installs it, so there a missing browser fails.
func findChromium(t *testing.T) string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); skipping the browser test")
	return ""
}
