package serve

import "testing"

// A topic folder renamed and a file in it edited: the edit is served
// (serve once missed edits inside a renamed folder).
func TestEditInRenamedFolder(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/city/bridge.md": article("Bridge closes at night", "2025-01-06", "Works."),
		"content/city/tram.md":   article("Tram line approved", "2025-01-06", "Vote."),
	})
	s := start(t, dir, Options{})
	page := s.URL() + "2025/01/06/bridge/"
	eventually(t, "first build", served(t, page, "Bridge closes at night"))
	rename(t, dir, "content/city", "content/metro")
	eventually(t, "renamed", served(t, s.URL()+"topics/metro/", "Bridge closes at night"))
	for i, title := range []string{"Bridge reopens early", "Bridge reopens on Monday"} {
		writeFile(t, dir, "content/metro/bridge.md", article(title, "2025-01-06", "Done."))
		eventually(t, "edit after the rename", served(t, page, title))
		if i == 0 {
			sameAsColdBuild(t, "edit after the rename", s, dir)
		}
	}
}
