package serve

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestEditsAreServed makes real changes in a site folder, one after the
// other, and checks over HTTP that each is served, and that what is served
// equals a cold build of the same files.
func TestEditsAreServed(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/business/grocers.md": article("Grocers bet on smaller stores", "2025-01-06", "First body."),
		"content/world/ports.md":      article("Ports reopen", "2025-01-06", "Ports body."),
	})
	s := start(t, dir, Options{})
	grocers := s.URL() + "2025/01/06/grocers/"
	steps := []struct {
		name   string
		change func()
		check  func() string
		cold   bool // served site must equal a cold build afterwards
	}{{
		name: "edit in place",
		change: func() {
			writeFile(t, dir, "content/business/grocers.md", article("Grocers bet on smaller shops", "2025-01-06", "First body."))
		},
		check: served(t, grocers, "smaller shops"),
		cold:  true,
	}, {
		name: "rename-save",
		change: func() {
			writeFile(t, dir, "content/business/grocers.md.tmp", article("Grocers bet on smaller shops", "2025-01-06", "Saved by rename."))
			rename(t, dir, "content/business/grocers.md.tmp", "content/business/grocers.md")
		},
		check: served(t, grocers, "Saved by rename."),
		cold:  true,
	}, {
		name: "new nested folder with files",
		change: func() {
			if err := os.MkdirAll(filepath.Join(dir, "content/science/space/2025"), 0o755); err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				writeFile(t, dir, fmt.Sprintf("content/science/space/2025/probe-%d.md", i), article(fmt.Sprintf("Probe %d launches", i), "2025-01-07", "Liftoff."))
			}
		},
		check: all(served(t, s.URL()+"2025/01/07/probe-0/", "Probe 0"), served(t, s.URL()+"2025/01/07/probe-2/", "Probe 2")),
		cold:  true,
	}, {
		// Only seen when the new folders got watches of their own.
		name: "edit in the new folder",
		change: func() {
			writeFile(t, dir, "content/science/space/2025/probe-1.md", article("Probe 1 reaches orbit", "2025-01-07", "Orbit."))
		},
		check: served(t, s.URL()+"2025/01/07/probe-1/", "Probe 1 reaches orbit"),
		cold:  true,
	}, {
		name:   "folder renamed",
		change: func() { rename(t, dir, "content/science/space", "content/science/orbit") },
		check:  served(t, s.URL()+"2025/01/07/probe-1/", "Probe 1 reaches orbit"),
		cold:   true,
	}, {
		// Only seen when the renamed folder is watched under its new name.
		name: "edit in the renamed folder",
		change: func() {
			writeFile(t, dir, "content/science/orbit/2025/probe-1.md", article("Probe 1 sends first images", "2025-01-07", "Images."))
		},
		check: served(t, s.URL()+"2025/01/07/probe-1/", "Probe 1 sends first images"),
		cold:  true,
	}, {
		name:   "delete",
		change: func() { remove(t, dir, "content/world/ports.md") },
		check:  status(t, s.URL()+"2025/01/06/ports/", http.StatusNotFound),
		cold:   true,
	}, {
		name:   "broken template",
		change: func() { writeFile(t, dir, "templates/article.html", "{{define \"main\"}}\n{{.Article.Title\n{{end}}") },
		// The last good page stays, with the error over it.
		check: all(served(t, grocers, "Saved by rename."), served(t, grocers, "templates/article.html:3: unexpected")),
	}, {
		name: "fixed template",
		change: func() {
			writeFile(t, dir, "templates/article.html", "{{define \"main\"}}<h1 class=\"fixed\">{{.Article.Title}}</h1>{{end}}")
		},
		check: all(served(t, grocers, `class="fixed"`), missing(t, grocers, "templates/article.html:")),
		cold:  true,
	}, {
		name:   "config change",
		change: func() { writeFile(t, dir, "newsdigest.toml", "title = \"Renamed Digest\"\n") },
		check:  served(t, s.URL(), "Renamed Digest"),
		cold:   true,
	}, {
		name: "bad article beside a good one",
		change: func() {
			writeFile(t, dir, "content/business/broken.md", "---\ntitle: Broken\ndate: nope\n---\nx\n")
			writeFile(t, dir, "content/business/fresh.md", article("Fresh story", "2025-01-08", "New."))
		},
		check: all(served(t, s.URL()+"2025/01/08/fresh/", "Fresh story"), served(t, s.URL(), "content/business/broken.md:3")),
		cold:  true,
	}, {
		name:   "bad article fixed",
		change: func() { writeFile(t, dir, "content/business/broken.md", article("Mended", "2025-01-08", "Fixed.")) },
		check:  all(served(t, s.URL()+"2025/01/08/broken/", "Mended"), missing(t, s.URL(), "broken.md:3")),
		cold:   true,
	}}
	for _, step := range steps {
		step.change()
		eventually(t, step.name, step.check)
		if step.cold {
			sameAsColdBuild(t, step.name, s, dir)
		}
	}
}

// sameAsColdBuild builds dir from scratch and checks that every file is
// served with the same bytes (less the reload script), and no other. The
// search index is left out: a quick rebuild leaves it to the full build
// after it (TestSearchIndexFollowsEdits checks it then).
func sameAsColdBuild(t *testing.T, step string, s *Server, dir string) {
	t.Helper()
	sameFilesAsColdBuild(t, step, s, dir, func(name string) bool { return !isIndex(name) })
}

// sameFilesAsColdBuild is sameAsColdBuild for the files that keep accepts.
func sameFilesAsColdBuild(t *testing.T, step string, s *Server, dir string, keep func(name string) bool) {
	t.Helper()
	want := coldBuild(t, dir, s.URL())
	maps.DeleteFunc(want, func(name string, _ []byte) bool { return !keep(name) })
	for name, wantData := range want {
		r := get(t, "GET", s.URL()+name)
		got := []byte(r.body)
		if strings.HasSuffix(name, ".html") {
			got = uninject(got)
		}
		if r.status != http.StatusOK {
			t.Errorf("%s: GET /%s: status %d, want 200", step, name, r.status)
		}
		if !bytes.Equal(got, wantData) {
			t.Errorf("%s: /%s differs from a cold build (-want +got):\n%s", step, name, cmp.Diff(string(wantData), string(got)))
		}
	}
	for name := range s.site.Load().files {
		if _, ok := want[name]; !ok && keep(name) {
			t.Errorf("%s: /%s is served but a cold build has no such file", step, name)
		}
	}
}

// TestBurstGivesOneRebuild writes a thousand files into a new folder, as a
// checkout would, and expects a single rebuild.
func TestBurstGivesOneRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test, a thousand files and a build of them: slow; runs in the full suite")
	}
	dir := testSite(t, map[string]string{"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body.")})
	var mu sync.Mutex
	var reports []Report
	// A quiet window wider than the default, so that a machine busy with
	// other work cannot pause the writes long enough to split the burst.
	start(t, dir, Options{Quiet: 400 * time.Millisecond, MaxWait: 20 * time.Second, OnBuild: func(r Report) {
		if !r.Full {
			mu.Lock()
			reports = append(reports, r)
			mu.Unlock()
		}
	}})
	const n = 1000
	began := time.Now()
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("content/bulk/part/story-%04d.md", i), article(fmt.Sprintf("Story %d", i), "2025-01-06", "Body."))
	}
	t.Logf("writes took %v", time.Since(began))
	eventually(t, "all stories built", func() string {
		mu.Lock()
		defer mu.Unlock()
		last := reports[len(reports)-1]
		if last.Articles != n+1 {
			return fmt.Sprintf("%d builds, the last without all %d articles", len(reports), n+1)
		}
		return ""
	})
	mu.Lock()
	defer mu.Unlock()
	if got, want := len(reports), 2; got != want {
		t.Errorf("%d builds for one burst of %d files, want %d (the first build and one rebuild)", got, n, want)
	}
	// The full build that checks the first one may parse some of the new
	// files first; the old article is never parsed again.
	if got := reports[len(reports)-1].Reparsed; got > n {
		t.Errorf("rebuild parsed %d articles, want at most the %d new ones", got, n)
	}
}

func TestRelevant(t *testing.T) {
	w := &watcher{root: "/site"}
	tests := []struct {
		path string
		want bool
	}{
		{"/site/newsdigest.toml", true},
		{"/site/content/world/ports.md", true},
		{"/site/content/world", true},
		{"/site/templates/article.html", true},
		{"/site/themes/paper/static/style.css", true},
		{"/site/static/logo.svg", true},
		{"/site/public/index.html", false},
		{"/site/README.md", false},
		{"/site/.git/index", false},
		{"/site/content/world/.ports.md.swp", false},
		{"/site/content/world/ports.md~", false},
		{"/site/content/world/4913", false},
		{"/site/content/world/#ports.md#", false},
		{"/site/content/world/ports.md.tmp", false},
		{"/elsewhere/content/x.md", false},
	}
	for _, tt := range tests {
		_, got := w.relevant(tt.path)
		if got != tt.want {
			t.Errorf("relevant(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestWatchLimitErrorSaysHowToRaiseIt(t *testing.T) {
	err := watchError("/site/content/x", fmt.Errorf("add: %w", syscall.ENOSPC))
	for _, want := range []string{"/site/content/x", "fs.inotify.max_user_watches", "sysctl"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %q does not wrap ENOSPC", err)
	}
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func all(checks ...func() string) func() string {
	return func() string {
		for _, c := range checks {
			if wrong := c(); wrong != "" {
				return wrong
			}
		}
		return ""
	}
}

func missing(t *testing.T, url, unwanted string) func() string {
	return func() string {
		if r := get(t, "GET", url); strings.Contains(r.body, unwanted) {
			return "GET " + url + ": body still holds " + unwanted
		}
		return ""
	}
}

func status(t *testing.T, url string, want int) func() string {
	return func() string {
		if r := get(t, "GET", url); r.status != want {
			return fmt.Sprintf("GET %s: status %d, want %d", url, r.status, want)
		}
		return ""
	}
}
