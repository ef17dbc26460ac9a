package build_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/cli"
)

// badSite copies testdata/bad into a fresh folder and adds the cases that
// git keeps poorly: raw bytes, a large file and symbolic links.
func badSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS("testdata/bad")); err != nil {
		t.Fatal(err)
	}
	world := filepath.Join(dir, "content", "world")
	head := "---\ntitle: x\ndate: 2025-01-06\n---\n"
	files := map[string]string{
		"utf8.md":   head + "caf\xe9 in Latin-1\n",
		"binary.md": head + "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"big.md":    head + strings.Repeat("word ", 4000),
		"n\xe9e.md": head + "A Latin-1 file name.\n",
		"deep.md":   "---\ntitle: x\ndate: 2025-01-06\nz: " + strings.Repeat("[", 10001) + "\n---\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(world, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"loop.md":     "loop.md",
		"dangling.md": "nowhere.md",
		"up":          "..", // a folder loop: never followed, never reported
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(world, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// badProblems is every message the bad site must give, in order.
var badProblems = []string{
	`content/tech/imgup.md:7: image "../../../etc/passwd" leaves the article's folder; put the image in the bundle or give a full URL`,
	`content/world/aliasbomb.md:7: invalid YAML: document contains excessive aliasing`,
	`content/world/big.md: file is 20034 bytes, over the limit of 16384 (content.max_file_size)`,
	`content/world/binary.md:7: binary file (NUL byte): articles must be UTF-8 text`,
	`content/world/dangling.md: symbolic link cannot be followed: no such file or directory`,
	`content/world/datelist.md:3: date: want a date such as 2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00, got a list`,
	`content/world/datenum.md:3: date: want a date such as 2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00, got a number`,
	`content/world/datetext.md:3: date: "yesterday" is not a date: want 2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00`,
	`content/world/deep.md:4: invalid YAML: exceeded max depth of 10000`,
	`content/world/dup2.md: same URL /2025/01/06/same/ as content/world/dup1.md; rename one or set its slug`,
	`content/world/empty.md:1: empty file`,
	`content/world/imgscheme.md:4: image: "javascript:alert(1)" is not a file in the bundle, a path from the site root or an http(s) URL`,
	`content/world/loop.md: symbolic link cannot be followed: too many levels of symbolic links`,
	`content/world/nested.md:7: quotes or lists nested 120 deep; at most 100`,
	`content/world/nodate.md:1: date: missing; every article needs a date such as 2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00`,
	`content/world/nofront.md:1: no front matter: the file must start with a "---" (YAML) or "+++" (TOML) line`,
	`content/world/notitle.md:1: title: missing; every article needs a title`,
	`"content/world/n\xe9e.md": the file name is not UTF-8; rename the file`,
	`content/world/photos/index.md:4: image: "../../secret.jpg" leaves the article's folder; put the image in the bundle or give a full URL`,
	`content/world/slugabs.md:4: slug: "/etc/passwd" must be one URL segment: no slashes and no ".."`,
	`content/world/slugdots.md:4: slug: "../../etc" must be one URL segment: no slashes and no ".."`,
	`content/world/slugslash.md:4: slug: "a/b" must be one URL segment: no slashes and no ".."`,
	`content/world/srcurl.md:4: source_url: "javascript:alert(1)" is not an http or https URL`,
	`content/world/toml.md:4: invalid TOML: array is incomplete`,
	`content/world/unclosed.md:1: front matter opened with "---" is never closed`,
	`content/world/utf8.md:5: invalid UTF-8 (byte 0xe9): articles must be UTF-8`,
	`content/world/yaml.md:4: invalid YAML: found unexpected end of stream (a quote or bracket left open above?)`,
}

// goodFiles must be published despite the bad articles.
var goodFiles = []string{
	"2025/01/06/good/index.html",
	"2025/01/06/same/index.html", // dup1.md, the first of the two
	"2025/01/06/chips/index.html",
	"2025/01/06/chips/wafer.jpg",
	"index.html",
}

func TestBadArticles(t *testing.T) {
	site := badSite(t)
	dest := filepath.Join(t.TempDir(), "out", "public")
	before := snapshot(t, filepath.Dir(site))

	res, err := build.Run(context.Background(), build.Options{Source: site, Destination: dest, CacheDir: t.TempDir()})
	if !errors.Is(err, build.ErrProblems) {
		t.Fatalf("build.Run error = %v, want ErrProblems", err)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
	}
	if diff := cmp.Diff(badProblems, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !res.Published || res.Articles != 3 {
		t.Errorf("published %v with %d articles, want true with 3", res.Published, res.Articles)
	}
	for _, f := range goodFiles {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("good article not published: %v", err)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, filepath.Dir(site))); diff != "" {
		t.Errorf("the build changed the source folder (-before +after):\n%s", diff)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 || entries[0].Name() != "public" {
		t.Errorf("beside the destination: %v, want only public", entries)
	}
}

func TestBadArticlesCLI(t *testing.T) {
	site := badSite(t)
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), []string{"build", "--source", site, "--quiet"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	want := append(append([]string(nil), badProblems...), "newsdigest: 27 bad articles: some articles were left out")
	got := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "2025/01/06/good/index.html")); err != nil {
		t.Errorf("good article not published: %v", err)
	}
}

// snapshot maps every path under root to its contents (or link target), so
// that two snapshots compare whole trees byte for byte.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "link:" + target
			return err
		case d.IsDir():
			out[rel+"/"] = ""
		default:
			data, err := os.ReadFile(p)
			out[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStrictLeavesDestination(t *testing.T) {
	site := badSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := cli.Main(context.Background(), []string{"build", "-s", site, "-d", dest, "-q"}, &stdout, &stderr); code != 1 {
		t.Fatalf("first build: exit status %d, want 1\n%s", code, &stderr)
	}
	before := snapshot(t, filepath.Dir(dest))
	// A change that would show if anything were published.
	good := filepath.Join(site, "content", "world", "good.md")
	if err := os.WriteFile(good, []byte("---\ntitle: Rewritten\ndate: 2025-01-07\n---\nNew.\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	stderr.Reset()
	code := cli.Main(context.Background(), []string{"build", "-s", site, "-d", dest, "--strict"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("--strict: exit status %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), badProblems[0]) || !strings.Contains(stderr.String(), "nothing published (--strict)") {
		t.Errorf("--strict stderr lacks the problems or the verdict:\n%s", &stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("--strict changed the destination (-before +after):\n%s", diff)
	}
}
