package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dest string
		want string // part of the error; "" for none
	}{
		{filepath.Join(site, "public"), ""},
		{filepath.Join(root, "elsewhere", "public"), ""},
		{filepath.Join(site, "contents"), ""},
		{site, "holds the site itself"},
		{root, "holds the site itself"},
		{"/", "holds the site itself"},
		{filepath.Join(root, "alias"), "holds the site itself"},
		{filepath.Join(site, "content"), "the site's content or lies inside it"},
		{filepath.Join(site, "content", "public"), "the site's content or lies inside it"},
		{filepath.Join(root, "alias", "static", "out"), "the site's static or lies inside it"},
		{filepath.Join(site, "themes"), "the site's themes or lies inside it"},
		{filepath.Join(site, "templates", "x"), "the site's templates or lies inside it"},
		{filepath.Join(site, "newsdigest.toml"), "the site's newsdigest.toml or lies inside it"},
	}
	for _, tt := range tests {
		err := checkDestination(site, tt.dest)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("checkDestination(%s) = %v, want nil", tt.dest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("checkDestination(%s) = %v, want an error with %q", tt.dest, err, tt.want)
		}
	}
}

// "build -d ." once swapped the site out of its own folder and deleted it.
func TestBuildIntoTheSiteKeepsIt(t *testing.T) {
	site := t.TempDir()
	article := filepath.Join(site, "content", "world", "a.md")
	if err := os.MkdirAll(filepath.Dir(article), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, []byte("---\ntitle: A\ndate: 2025-01-06\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{site, filepath.Join(site, "content")} {
		if _, err := Run(context.Background(), Options{Source: site, Destination: dest}); err == nil {
			t.Errorf("build into %s succeeded", dest)
		}
		if _, err := os.Stat(article); err != nil {
			t.Fatalf("after a build into %s: %v", dest, err)
		}
	}
}
