package serve

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchIndexFollowsEdits edits an article's body: the quick rebuild
// shows the page at once and leaves the search index as it was; the full
// build after it brings the index up to date, without reloading the page.
func TestSearchIndexFollowsEdits(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/world/ports.md": article("Ports reopen", "2025-01-06", "Cranes move again."),
		"content/world/ferry.md": article("Ferry returns", "2025-01-07", "Crossings resume."),
	})
	rec := &recorder{}
	s := start(t, dir, Options{OnBuild: rec.add})
	rec.settled(t, "first build", 0)
	before := indexVersion(t, s)

	n := rec.len()
	writeFile(t, dir, "content/world/ports.md", article("Ports reopen", "2025-01-06", "Cranes move again; quillwort grows by the quay."))
	reports := rec.settled(t, "body edited", n)
	quick, full := reports[0], reports[len(reports)-1]
	if !quick.Quick || quick.Indexed {
		t.Errorf("the edit's rebuild: %+v, want a quick one that leaves the index", quick)
	}
	if !full.Full || !full.Indexed || full.Differed != 0 || full.Reload != "" {
		t.Errorf("the full build after it: %+v, want the index brought up to date and no page reloaded", full)
	}
	after := indexVersion(t, s)
	if after == before {
		t.Fatalf("index version %s kept after an edit", after)
	}
	files := s.site.Load().files
	for name := range files {
		if strings.HasPrefix(name, "search/"+before+"/") {
			t.Errorf("%s of the old index still served", name)
		}
	}
	// Keys share their first bytes with the key before ("quay"), so the
	// word's tail is what a shard holds.
	found := false
	for name, data := range files {
		if strings.HasPrefix(name, "search/"+after+"/t/") && strings.Contains(string(data), "illwort") {
			found = true
		}
	}
	if !found {
		t.Error("the new word is in no shard of the served index")
	}
	sameFilesAsColdBuild(t, "body edited", s, dir, func(string) bool { return true })
}

func indexVersion(t *testing.T, s *Server) string {
	t.Helper()
	var m struct{ Version string }
	if err := json.Unmarshal(s.site.Load().files["search/index.json"], &m); err != nil || m.Version == "" {
		t.Fatalf("search/index.json: %v %q", err, m.Version)
	}
	return m.Version
}
