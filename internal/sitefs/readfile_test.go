package sitefs

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// readFile reads what os.ReadFile reads, and fails the same ways.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{"empty": nil, "small": []byte("x"), "big": bytes.Repeat([]byte("ab\n"), 100000)} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p, everywhere)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: got %d bytes, %v; want %d bytes", name, len(got), err, len(data))
		}
	}
	if _, err := readFile(filepath.Join(dir, "missing"), everywhere); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := readFile(dir, everywhere); err == nil {
		t.Error("read a folder without an error")
	}
	s := New(dir)
	if _, err := s.ReadFile("../x"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("../x: %v, want fs.ErrInvalid", err)
	}
	var pe *fs.PathError
	if _, err := s.ReadFile("missing"); !errors.As(err, &pe) || pe.Path != "missing" {
		t.Errorf("missing: %v, want a PathError naming the path in the site", err)
	}
}

func everywhere(string) bool { return true }

// BenchmarkReadFile reads 1,000 small files with readFile and with
// os.ReadFile.
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	data := bytes.Repeat([]byte("Some words of an article.\n"), 200)
	for i := range 1000 {
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	site := New(dir)
	b.Run("FS.ReadFile", func(b *testing.B) {
		for b.Loop() {
			for _, e := range entries {
				if _, err := site.ReadFile(e.Name()); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	for _, r := range []struct {
		name string
		read func(string) ([]byte, error)
	}{{"readFile", func(name string) ([]byte, error) { return readFile(name, everywhere) }}, {"os.ReadFile", os.ReadFile}} {
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				for _, e := range entries {
					if _, err := r.read(filepath.Join(dir, e.Name())); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
