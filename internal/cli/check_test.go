package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/world/a.md": "---\ntitle: A\ndate: 2025-01-06\n---\nSee [b](../b/) and [c](../c/).\n",
		"content/world/b.md": "---\ntitle: B\ndate: 2025-01-06\n---\nText.\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"check", "--source", dir}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	want := `content/world/a.md:5: link "../c/": nothing at /2025/01/06/c/ in the built site`
	if !strings.Contains(stderr.String(), want+"\n") {
		t.Errorf("stderr lacks %q:\n%s", want, &stderr)
	}
	if !strings.HasPrefix(stdout.String(), "checked 2 articles, ") {
		t.Errorf("stdout = %q, want the summary", &stdout)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("check wrote into the site: %v", entries)
	}
}
