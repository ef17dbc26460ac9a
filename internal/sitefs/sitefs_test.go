//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles checks that every way of reading a pipe, a link out
// of the site or a link to a folder fails at once with an error that says
// why, and that links inside the site and into a linked input folder work.
func TestOnlyRegularFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("named pipes are made with mkfifo(2) on Linux")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for name, data := range map[string]string{
		"site/content/a.md": "a", "shared/b.md": "b", "secret": "secret",
	} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"site/content/pipe.md", "site/newsdigest.toml"} {
		if err := syscall.Mkfifo(filepath.Join(root, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"site/content/in.md":     "a.md",
		"site/content/out.md":    "../../secret",
		"site/content/abs.md":    filepath.Join(root, "secret"),
		"site/content/dotdot":    "..",
		"site/static":            "../shared",
		"site/content/shared.md": "../static/b.md",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	s := New(site)
	tests := []struct {
		name string
		want error // nil: reads "a" or "b"
	}{
		{"content/a.md", nil},
		{"content/in.md", nil},
		{"static/b.md", nil},
		{"content/shared.md", nil},
		{"content/pipe.md", ErrNotRegular},
		{"newsdigest.toml", ErrNotRegular},
		{"content/out.md", ErrOutside},
		{"content/abs.md", ErrOutside},
		{"content/dotdot/content/a.md", nil},
		{"content", ErrNotRegular}, // a folder, read as a file
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, err := s.ReadFile(tt.name)
				if !errors.Is(err, tt.want) {
					t.Errorf("ReadFile: %v, want %v", err, tt.want)
				}
				if tt.want == ErrOutside {
					if _, err := s.Stat(tt.name); !errors.Is(err, ErrOutside) {
						t.Errorf("Stat: %v, want %v", err, ErrOutside)
					}
				}
				if tt.want != nil {
					if f, err := s.Open(tt.name); !errors.Is(err, tt.want) && !(tt.name == "content" && err == nil) {
						t.Errorf("Open: %v, want %v", err, tt.want)
					} else if f != nil {
						f.Close()
					}
				}
				var pe *fs.PathError
				if tt.want != nil {
					_, err := s.ReadFile(tt.name)
					if !errors.As(err, &pe) || pe.Path != tt.name {
						t.Errorf("ReadFile: %v, want a PathError naming %s", err, tt.name)
					}
				}
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("still reading after 5s: waiting on a pipe")
			}
		})
	}
}
