package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteNeverOverwritesWithoutForce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	rel := filepath.Join("world", "2025", "03", "story.md")
	if err := Write(dir, rel, []byte("first\n"), false); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, rel, []byte("second\n"), false)
	if !errors.Is(err, ErrExists) {
		t.Errorf("second write: err = %v, want ErrExists", err)
	}
	if got := readString(t, filepath.Join(dir, rel)); got != "first\n" {
		t.Errorf("after a refused write the file holds %q, want the first", got)
	}
	if err := Write(dir, rel, []byte("third\n"), true); err != nil {
		t.Fatalf("forced write: %v", err)
	}
	if got := readString(t, filepath.Join(dir, rel)); got != "third\n" {
		t.Errorf("after a forced write the file holds %q, want the third", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "world", "2025", "03", ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestWriteStaysInsideContent(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, "content")
	outside := t.TempDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A folder of content/ that is a link to somewhere else.
	if err := os.Symlink(outside, filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{
		"../escape.md",
		"/tmp/abs.md",
		filepath.Join("world", "..", "..", "escape.md"),
		filepath.Join("linked", "2025", "03", "story.md"),
	} {
		if err := Write(dir, rel, []byte("x\n"), true); err == nil {
			t.Errorf("Write(%q) succeeded, want it refused", rel)
		}
	}
	for _, d := range []string{site, outside} {
		if got, _ := filepath.Glob(filepath.Join(d, "*.md")); len(got) > 0 {
			t.Errorf("written outside content/: %v", got)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written through the link: %v", entries)
	}
}

func TestPath(t *testing.T) {
	loc := time.FixedZone("", -5*3600)
	tests := []struct {
		a    Article
		want string
	}{
		{Article{Title: "Zürich & Łódź sign a rail deal", Topic: "Middle East", Date: time.Date(2025, 1, 2, 0, 0, 0, 0, loc)}, "middle-east/2025/01/zurich-and-lodz-sign-a-rail-deal.md"},
		{Article{Title: "東京の新しい駅", Topic: "World", Date: time.Date(2024, 12, 31, 23, 0, 0, 0, loc)}, "world/2024/12/story-5acc86ef.md"},
		{Article{Title: "../../etc/passwd", Topic: "../x", Date: time.Date(2024, 7, 1, 0, 0, 0, 0, loc)}, "x/2024/07/etc-passwd.md"},
	}
	for _, tt := range tests {
		if got := tt.a.Path(); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.a.Title, got, tt.want)
		}
	}
}

func readString(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
