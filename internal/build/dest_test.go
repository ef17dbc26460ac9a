package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDestinationMustNotHoldSource checks that a destination which the
// swap into place would destroy, or which the build would read back, is
// refused before anything is written, and that the site is untouched.
func TestDestinationMustNotHoldSource(t *testing.T) {
	tests := []struct {
		name string
		dest string // relative to the temp folder; the site is at site/
		want string // part of the error; "" for a build that must work
	}{
		{"the source itself", "site", "holds the site's source"},
		{"the source, spelled another way", "site/./content/..", "holds the site's source"},
		{"a folder above the source", ".", "holds the site's source"},
		{"through a symbolic link", "link", "holds the site's source"},
		{"inside content", "site/content/out", "inside the site's content/ folder"},
		{"inside static", "site/static/public", "inside the site's static/ folder"},
		// static/ and content/ are links to folders beside the site, and
		// the destination is inside their targets.
		{"inside the target of a linked static", "shared-static/out", "inside the site's static/ folder"},
		{"inside the target of a linked content", "shared-content/out", "inside the site's content/ folder"},
		{"the default", "site/public", ""},
		{"beside the source", "public", ""},
		{"a name that starts like the source", "site-public", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "site")
			writeFiles(t, root, map[string]string{"shared-content/harbour/ferry.md": goodArticle, "shared-static/about.txt": "about"})
			for link, target := range map[string]string{"link": "site", "site/content": "shared-content", "site/static": "shared-static"} {
				os.MkdirAll(filepath.Dir(filepath.Join(root, link)), 0o755)
				if err := os.Symlink(filepath.Join(root, target), filepath.Join(root, link)); err != nil {
					t.Fatal(err)
				}
			}
			// The site's own folders are links: the files are in their targets.
			before := snapshot(t, filepath.Join(root, "shared-content"))
			_, err := Run(context.Background(), Options{Source: src, Destination: filepath.Join(root, tt.dest)})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("build into %s: %v", tt.dest, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("build into %s: error %v, want one containing %q", tt.dest, err, tt.want)
			}
			if diff := diffTrees(before, snapshot(t, filepath.Join(root, "shared-content"))); len(diff) > 0 {
				t.Errorf("the refused build changed the site: %v", diff)
			}
		})
	}
}

func TestSourceMustBeAFolder(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"file.md": goodArticle})
	tests := []struct{ source, want string }{
		{filepath.Join(root, "missing"), "no such file or directory"},
		{filepath.Join(root, "file.md"), "is not a folder"},
	}
	for _, tt := range tests {
		_, err := Run(context.Background(), Options{Source: tt.source})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("build of %s: error %v, want one containing %q", tt.source, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "missing")); !os.IsNotExist(err) {
		t.Errorf("a build of a missing source made it: %v", err)
	}
}
