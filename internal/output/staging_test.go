package output

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree lists the files under dir with their contents.
// The marker file every commit adds is left out; TestMarker covers it.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
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

// TestMarker: a build replaces only a destination that is missing, empty
// or marked as its own, so a mistyped --destination deletes nothing.
func TestMarker(t *testing.T) {
	parent := t.TempDir()
	docs := filepath.Join(parent, "Documents")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "letter.txt"), []byte("keep me"), 0o644)
	if _, err := NewStaging(docs); err == nil || !strings.Contains(err.Error(), "holds files that no build wrote") {
		t.Fatalf("NewStaging on a folder of documents: %v, want a refusal", err)
	}
	if got := tree(t, docs); got["letter.txt"] != "keep me" || len(got) != 1 {
		t.Errorf("documents after the refusal: %v", got)
	}
	if names := names(t, parent); len(names) != 1 {
		t.Errorf("the refusal left %v beside the folder", names)
	}

	empty := filepath.Join(parent, "empty")
	os.MkdirAll(empty, 0o755)
	s := stage(t, empty, map[string]string{"index.html": "one"})
	if err := s.Commit(); err != nil {
		t.Fatalf("commit into an empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, Marker)); err != nil {
		t.Errorf("the published folder has no marker: %v", err)
	}
	s = stage(t, empty, map[string]string{"index.html": "two"})
	if err := s.Commit(); err != nil {
		t.Fatalf("commit over a marked folder: %v", err)
	}
	if got := tree(t, empty)["index.html"]; got != "two" {
		t.Errorf("index.html = %q after the second commit, want two", got)
	}
}
