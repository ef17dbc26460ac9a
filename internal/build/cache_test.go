package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// writeSite makes a small site of n articles under dir.
func writeSite(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		name := filepath.Join(dir, "content", []string{"world", "business", "science"}[i%3], fmt.Sprintf("story-%02d.md", i))
		text := fmt.Sprintf("---\ntitle: \"Story %d\"\ndate: 2025-03-%02dT10:%02d:00Z\ntags: [t%d]\n---\nParagraph one of story %d, with a [link](https://example.com/%d).\n\n## More\n\nParagraph two.\n", i, 1+i%5, i, i%4, i, i)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBodyCache(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, 12)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	run := func(dest string, noCache bool) *Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Source: site, Destination: dest, NoCache: noCache, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cold := filepath.Join(t.TempDir(), "cold")
	run(cold, true)
	if _, err := os.Stat(filepath.Join(site, CacheDir)); err == nil {
		t.Fatal("a build with NoCache wrote a cache")
	}

	dest := filepath.Join(t.TempDir(), "public")
	if got := run(dest, false).Converted; got != 12 {
		t.Errorf("first build converted %d bodies, want 12", got)
	}
	if got := run(dest, false).Converted; got != 0 {
		t.Errorf("second build converted %d bodies, want 0", got)
	}
	if diff := cmp.Diff(readTree(t, cold), readTree(t, dest)); diff != "" {
		t.Errorf("cached build differs from a cold build (-want +got):\n%s", diff)
	}

	// One edited article is converted again, and only it.
	edited := filepath.Join(site, "content", "world", "story-00.md")
	b, _ := os.ReadFile(edited)
	os.WriteFile(edited, append(b, []byte("\nA new last paragraph.\n")...), 0o644)
	if got := run(dest, false).Converted; got != 1 {
		t.Errorf("build after one edit converted %d bodies, want 1", got)
	}
	run(cold, true)
	if diff := cmp.Diff(readTree(t, cold), readTree(t, dest)); diff != "" {
		t.Errorf("build after an edit differs from a cold build (-want +got):\n%s", diff)
	}
}

func TestBodyCacheCorrupt(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, 6)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Destination: dest, Now: now}); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, dest)
	file := filepath.Join(site, CacheDir, bodyCacheFile)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for name, corrupt := range map[string][]byte{
		"garbage":     []byte("not a cache"),
		"flipped":     flip(data, len(data)/2),
		"truncated":   data[:len(data)-10],
		"fingerprint": flip(data, len(bodyCacheMagic)+3),
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(file, corrupt, 0o644)
			res, err := Run(context.Background(), Options{Source: site, Destination: dest, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if res.CacheNote == "" || res.Converted != 6 {
				t.Errorf("corrupt cache: note %q, converted %d; want a note and 6 conversions", res.CacheNote, res.Converted)
			}
			if diff := cmp.Diff(want, readTree(t, dest)); diff != "" {
				t.Errorf("output after a corrupt cache differs (-want +got):\n%s", diff)
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}
