package output

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckPath(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"2025/01/06/grocers/index.html", true},
		{"", false},
		{"/etc/passwd", false},
		{"../outside.html", false},
		{"a/../../outside.html", false},
		{"a/./b.html", false},
		{`a\b.html`, false},
		{"a\x00b", false},
		{"..", false},
		{".", false},
	}
	for _, tt := range tests {
		got := CheckPath(tt.name) == nil
		if got != tt.ok {
			t.Errorf("CheckPath(%q) ok = %v, want %v", tt.name, got, tt.ok)
		}
	}
}

// tree lists the files under dir with their contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func stage(t *testing.T, dest string, files map[string]string) *Staging {
	t.Helper()
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := s.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCommitReplacesTheWholeDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := map[string]string{"index.html": "one", "old/gone.html": "gone"}
	if err := stage(t, dest, first).Commit(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, tree(t, dest)); diff != "" {
		t.Errorf("first build (-want +got):\n%s", diff)
	}
	second := map[string]string{"index.html": "two", "2025/01/06/index.html": "day"}
	if err := stage(t, dest, second).Commit(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(second, tree(t, dest)); diff != "" {
		t.Errorf("second build (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, names(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("beside the destination (-want +got):\n%s", diff)
	}
}

func TestAbortLeavesTheDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := stage(t, dest, map[string]string{"index.html": "one"}).Commit(); err != nil {
		t.Fatal(err)
	}
	if err := stage(t, dest, map[string]string{"index.html": "two"}).Abort(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"index.html": "one"}, tree(t, dest)); diff != "" {
		t.Errorf("after Abort (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, names(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("beside the destination (-want +got):\n%s", diff)
	}
}

func TestLeftoversAreCleanedNeverPublished(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := stage(t, dest, map[string]string{"index.html": "one"}).Commit(); err != nil {
		t.Fatal(err)
	}
	// A killed build's staging folder, half written.
	killed := filepath.Join(parent, stagingPrefix+"public-123")
	if err := os.MkdirAll(filepath.Join(killed, "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(killed, "index.html"), []byte("half"), 0o644)

	s := stage(t, dest, map[string]string{"index.html": "two"})
	if _, err := os.Stat(killed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("leftover staging folder still there: %v", err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"index.html": "two"}, tree(t, dest)); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}
}

// A build killed between the two renames of a commit without exchange
// leaves no destination and the previous output in the old folder.
func TestKilledRenameIsRestored(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	old := filepath.Join(parent, oldPrefix+"public-"+stagingPrefix+"public-1")
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(old, "index.html"), []byte("previous"), 0o644)
	CleanLeftovers(dest)
	if diff := cmp.Diff(map[string]string{"index.html": "previous"}, tree(t, dest)); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, names(t, parent)); diff != "" {
		t.Errorf("beside the destination (-want +got):\n%s", diff)
	}
}

func TestSecondBuildIsRefused(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := stage(t, dest, map[string]string{"index.html": "one"})
	if _, err := NewStaging(dest); !errors.Is(err, errBusy) {
		t.Errorf("second NewStaging error = %v, want errBusy", err)
	}
	if _, err := os.Stat(first.Dir()); err != nil {
		t.Errorf("the first build's staging folder was touched: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second := stage(t, dest, map[string]string{"index.html": "two"})
	if err := second.Commit(); err != nil {
		t.Errorf("after the first build: %v", err)
	}
}
