package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEventStream reads the event stream over HTTP while the site changes:
// each state must come after the new bytes are served, a stylesheet change
// must not ask for a page reload, and errors must come and go.
func TestEventStream(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/world/ports.md": article("Ports reopen", "2025-01-06", "Body."),
		"static/favicon.svg":     "<svg/>",
	})
	rec := &recorder{}
	s := start(t, dir, Options{OnBuild: rec.add})
	states, ctype := stream(t, s.URL()+strings.TrimPrefix(eventsPath, "/"), 5*time.Second)
	if ctype != "text/event-stream" {
		t.Errorf("Content-Type %q, want text/event-stream", ctype)
	}
	ports := s.URL() + "2025/01/06/ports/"
	steps := []struct {
		name   string
		change func()
		want   state
		check  func() string // must already hold when the state arrives
	}{
		{"connected", func() {}, state{Version: 1, Page: 1, Problems: []string{}}, nil},
		{
			"article edited",
			func() {
				writeFile(t, dir, "content/world/ports.md", article("Ports reopen at dawn", "2025-01-06", "Body."))
			},
			state{Version: 2, Page: 2, Problems: []string{}},
			served(t, ports, "Ports reopen at dawn"),
		},
		{
			"stylesheet only",
			func() { writeFile(t, dir, "static/style.css", "body { color: rebeccapurple }\n") },
			state{Version: 3, Page: 2, Problems: []string{}},
			served(t, s.URL()+"style.css", "rebeccapurple"),
		},
		{
			"bad article",
			func() { writeFile(t, dir, "content/world/bad.md", "---\ntitle: Bad\ndate: nope\n---\n") },
			state{Version: 4, Page: 4, Problems: []string{`content/world/bad.md:3: date: "nope" is not a date: want 2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00`}},
			served(t, ports, "content/world/bad.md:3"),
		},
		{
			"bad article removed",
			func() { remove(t, dir, "content/world/bad.md") },
			state{Version: 5, Page: 5, Problems: []string{}},
			missing(t, ports, "bad.md"),
		},
		{
			"broken template",
			func() { writeFile(t, dir, "templates/partials/footer.html", "{{define \"footer\"}}{{end}") },
			state{Version: 5, Page: 5, Problems: []string{`templates/partials/footer.html:1: bad character U+007D '}'`}},
			served(t, ports, "Ports reopen at dawn"),
		},
		{
			"template fixed",
			func() {
				writeFile(t, dir, "templates/partials/footer.html", "{{define \"footer\"}}<footer>mended</footer>{{end}}")
			},
			state{Version: 6, Page: 6, Problems: []string{}},
			served(t, ports, "<footer>mended</footer>"),
		},
	}
	for _, step := range steps {
		// A full build still under way would read the change from disk and
		// send a state of its own before the rebuild the change asks for.
		idle(t, rec)
		step.change()
		got := <-states
		if got.err != nil {
			t.Fatalf("%s: %v", step.name, got.err)
		}
		if diff := cmpState(step.want, got.state); diff != "" {
			t.Fatalf("%s: state %s", step.name, diff)
		}
		if step.check != nil {
			if wrong := step.check(); wrong != "" {
				t.Errorf("%s: state sent before the new site was served: %s", step.name, wrong)
			}
		}
	}
}

func cmpState(want, got state) string {
	if want.Version != got.Version || want.Page != got.Page || !slices.Equal(want.Problems, got.Problems) {
		return fmt.Sprintf("%+v, want %+v", got, want)
	}
	return ""
}

type streamed struct {
	state state
	err   error
}

// stream opens the event stream and sends each state event it reads; a
// read that takes longer than timeout sends an error instead.
func stream(t testing.TB, url string, timeout time.Duration) (<-chan streamed, string) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	raw := make(chan streamed)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "state":
				var st state
				err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &st)
				select {
				case raw <- streamed{st, err}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	out := make(chan streamed)
	go func() {
		for {
			select {
			case st := <-raw:
				out <- st
			case <-time.After(timeout):
				out <- streamed{err: fmt.Errorf("no event within %v", timeout)}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, resp.Header.Get("Content-Type")
}
