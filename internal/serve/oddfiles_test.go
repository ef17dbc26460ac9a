//go:build unix

package serve

import (
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestPipesAreNotWaitedOn starts serve on a site with a named pipe for an
// article and one in static/: the first build names both and serves the
// rest, and an edit after it is still rebuilt.
func TestPipesAreNotWaitedOn(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("named pipes are made with mkfifo(2) on Linux")
	}
	dir := testSite(t, map[string]string{
		"content/world/ports.md": article("Ports reopen", "2025-01-06", "Ports body."),
		"static/about.txt":       "about",
	})
	for _, name := range []string{"content/world/pipe.md", "static/pipe.txt"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := &recorder{}
	s := start(t, dir, Options{OnBuild: rec.add})
	eventually(t, "the first build", func() string {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if len(rec.reports) == 0 {
			return "no build yet"
		}
		got := strings.Join(rec.reports[0].Problems, "\n")
		for _, want := range []string{"content/world/pipe.md: not a regular file", "static/pipe.txt: not a regular file"} {
			if !strings.Contains(got, want) {
				return "problems " + got + ", want " + want
			}
		}
		return ""
	})
	eventually(t, "the article served", served(t, s.URL()+"2025/01/06/ports/", "Ports body."))
	writeFile(t, dir, "content/world/ports.md", article("Ports reopen", "2025-01-06", "Edited body."))
	eventually(t, "the edit served", served(t, s.URL()+"2025/01/06/ports/", "Edited body."))
}
