package serve

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsdigest/newsdigest/internal/browsertest"
)

// TestBrowserLiveReload opens an article in headless Chromium and changes
// the site under it: the page must follow each change by itself.
func TestBrowserLiveReload(t *testing.T) {
	browser := browsertest.Start(t).Context()
	dir := testSite(t, map[string]string{
		"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body."),
		"static/favicon.svg":     "<svg/>",
	})
	s := start(t, dir, Options{})

	if err := chromedp.Do(browser, chromedp.Navigate(s.URL()+"2025/01/06/ports/")); err != nil {
		t.Fatalf("open the article: %v", err)
	}
	const h1 = `document.querySelector("article h1")`
	waitFor(t, browser, "the article", h1+` && `+h1+`.textContent === "Ports reopen"`)

	// An edit reloads the page.
	evaluate(t, browser, `window.untouched = true`)
	writeFile(t, dir, "content/world/ports.md", article("Ports reopen at dawn", "2025-01-06", "Body."))
	waitFor(t, browser, "the edited title", h1+` && `+h1+`.textContent === "Ports reopen at dawn"`)
	if evaluate(t, browser, `window.untouched === true`) {
		t.Errorf("the page shows the edit but was not reloaded")
	}

	// A stylesheet change is applied without a reload.
	evaluate(t, browser, `window.untouched = true`)
	writeFile(t, dir, "static/style.css", "article h1 { color: rgb(1, 2, 3) }\n")
	waitFor(t, browser, "the new stylesheet", h1+` && getComputedStyle(`+h1+`).color === "rgb(1, 2, 3)"`)
	if !evaluate(t, browser, `window.untouched === true`) {
		t.Errorf("a stylesheet change reloaded the page")
	}

	// A broken template shows over the page, and goes once fixed.
	const box = `document.getElementById("newsdigest-errors")`
	writeFile(t, dir, "templates/partials/footer.html", "{{define \"footer\"}}{{end}")
	waitFor(t, browser, "the error overlay", box+` && `+box+`.textContent.includes("templates/partials/footer.html:1")`)
	if !evaluate(t, browser, h1+` && `+h1+`.textContent === "Ports reopen at dawn"`) {
		t.Errorf("the last good page is gone under the overlay")
	}
	writeFile(t, dir, "templates/partials/footer.html", "{{define \"footer\"}}<footer id=\"mended\"></footer>{{end}}")
	waitFor(t, browser, "the fixed page", `!`+box+` && document.getElementById("mended") !== null`)
}

// waitFor evaluates expr in the page until it is true, for up to 10s. It
// polls from Go rather than with chromedp.Poll, which ends when the page
// reloads, and a reload is what is being waited for.
func waitFor(t *testing.T, browser context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(browser, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: not true after 10s: %s (last error: %v)", what, expr, lastErr)
}

func evaluate(t *testing.T, browser context.Context, expr string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	b, _ := v.(bool)
	return b
}
