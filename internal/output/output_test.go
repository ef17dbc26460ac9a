package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPath(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"2025/01/06/slug/index.html", true},
		{"tags/ai/page/2/index.html", true},
		{"", false},
		{".", false},
		{"..", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/../x", false}, // not clean
		{"a//x", false},
		{"./x", false},
		{"/etc/passwd", false},
		{`a\..\x`, false},
		{"a/\x00/x", false},
	}
	for _, tt := range tests {
		if err := CheckPath(tt.name); (err == nil) != tt.ok {
			t.Errorf("CheckPath(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	if err := m.Write("b/index.html", []byte("b")); err != nil {
		t.Fatal(err)
	}
	if err := m.Write("a.txt", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := m.Write("a.txt", []byte("again")); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("writing a.txt twice: %v, want an error", err)
	}
	if err := m.Write("../x", nil); err == nil {
		t.Error("Memory wrote ../x")
	}
	if got := strings.Join(m.Names(), " "); got != "a.txt b/index.html" {
		t.Errorf("Names = %s", got)
	}
}

func TestStaging(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(dest, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "old", "page.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, Marker), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	// A staging folder that is aborted leaves the destination alone.
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("new/page.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Write("../escape.html", []byte("x")); err == nil {
		t.Error("Staging wrote ../escape.html")
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, parent, "public/old/page.html=old")

	// A committed one replaces it whole.
	s, err = NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("new/page.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, parent, "public/new/page.html=new")

	// Leftovers of a killed build are cleaned by the next one.
	left := filepath.Join(parent, stagingPrefix+"public-123")
	if err := os.MkdirAll(left, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err = NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("leftover staging folder still there: %v", err)
	}
	s.Abort()
	assertTree(t, parent, "public/new/page.html=new")
}

// assertTree checks that dir holds exactly the files given as "path=text",
// less the marker every commit adds (TestMarker covers it).
func assertTree(t *testing.T, dir string, want ...string) {
	t.Helper()
	var got []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel)+"="+string(data))
		return nil
	})
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files under %s: %v, want %v", dir, got, want)
	}
}
