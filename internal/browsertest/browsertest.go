// Package browsertest drives headless Chromium for tests: it opens a page
// at a window size and colour scheme, measures horizontal overflow and
// runs the axe-core accessibility checks in it. A missing browser or
// axe-core skips the test, except under CI=true, where it fails: CI
// installs both (.ci/run) and must not pass without running them.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Missing skips the test for want of a tool, or fails it on CI.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format+" (skipping; .ci/run installs it)", args...)
}

// Chromium returns the browser's path, or skips the test without one.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(t, "chromium is not installed (apt-get install chromium)")
	return ""
}

// Browser is a headless Chromium that lives until the test ends.
type Browser struct {
	ctx context.Context
}

// Start starts Chromium with a profile of its own.
func Start(t testing.TB) *Browser {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(Chromium(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()))
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return &Browser{ctx: ctx}
}

// Context is the browser's first tab, for tests that drive it themselves.
func (b *Browser) Context() context.Context { return b.ctx }

// View is how a page is looked at: a window width and height in CSS
// pixels, and the colour scheme the reader's system prefers.
type View struct {
	Width, Height int
	Dark          bool
}

func (v View) String() string {
	scheme := "light"
	if v.Dark {
		scheme = "dark"
	}
	return fmt.Sprintf("%dpx %s", v.Width, scheme)
}

// Open loads url in the browser's tab at the view, and waits until the
// page has loaded.
func (b *Browser) Open(t testing.TB, url string, v View) {
	t.Helper()
	scheme := "light"
	if v.Dark {
		scheme = "dark"
	}
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(v.Width), int64(v.Height)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, media)
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("open %s at %s: %v", url, v, err)
	}
}

// Eval evaluates a JavaScript expression in the open page, awaiting it
// when it is a promise.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}

// Overflow is how far the open page is wider than the window, in CSS
// pixels; 0 when it fits, as a page must on a phone.
func (b *Browser) Overflow(t testing.TB) int {
	t.Helper()
	return Eval[int](t, b, `Math.max(0, document.documentElement.scrollWidth - window.innerWidth)`)
}

// Screenshot captures the open page, as much of it as the window shows.
func (b *Browser) Screenshot(t testing.TB) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return png
}

// Violation is one axe-core rule a page breaks, with the elements that
// break it.
type Violation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", v.ID, v.Help)
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// AxeScript returns axe.min.js: $AXE_JS, or the copy .ci/run installs with
// npm under .cache/npm at the repository root. It skips the test when
// neither is there.
func AxeScript(t testing.TB) string {
	t.Helper()
	path := os.Getenv("AXE_JS")
	if path == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		Missing(t, "axe-core not found at %s (set AXE_JS or run npm install --prefix .cache/npm axe-core)", path)
	}
	return string(data)
}

// Axe runs axe-core's default rules (WCAG A and AA, and best practices
// such as landmark-unique) in the open page and returns what they find.
func (b *Browser) Axe(t testing.TB, script string) []Violation {
	t.Helper()
	if !Eval[bool](t, b, `typeof window.axe === "object"`) {
		Eval[any](t, b, script+"\n;true")
	}
	out := Eval[string](t, b, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`)
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("reading axe's results: %v", err)
	}
	return vs
}

// repoRoot is the folder with go.mod, from the test's folder up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test's folder")
		}
		dir = parent
	}
}
