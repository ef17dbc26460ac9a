package corpus

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
)

func TestSameSeedSameBytes(t *testing.T) {
	opts := Options{Seed: 7, Articles: 300}
	got, want := Files(opts), Files(opts)
	if len(got) != len(want) {
		t.Fatalf("got %d files, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("file %d differs between two runs: %s / %s", i, got[i].Name, want[i].Name)
		}
	}
	other := Files(Options{Seed: 8, Articles: 300})
	if bytes.Equal(other[0].Data, got[0].Data) {
		t.Errorf("seeds 7 and 8 gave the same first article")
	}
}

// A corpus's articles do not depend on its size, so 1k is a prefix of 10k.
func TestPrefixStable(t *testing.T) {
	small, large := Files(Options{Seed: 3, Articles: 50}), Files(Options{Seed: 3, Articles: 80})
	for i := range small {
		if small[i].Name != large[i].Name || !bytes.Equal(small[i].Data, large[i].Data) {
			t.Fatalf("file %d differs between corpora of 50 and 80", i)
		}
	}
}

func TestEveryArticleParses(t *testing.T) {
	opts := Options{Seed: 1, Articles: 2000}
	if testing.Short() {
		// Ten whole days; the corpus is prefix-stable, so these are the
		// first 300 of the 2000.
		opts.Articles = 300
	}
	files := Files(opts)
	perDay := map[string]int{}
	var bodyWords int
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".md") {
			continue
		}
		n++
		bundle := ""
		if path.Base(f.Name) == "index.md" {
			bundle = path.Dir(f.Name)
		}
		a, err := content.Parse(f.Name, bundle, f.Data, content.Options{Location: time.UTC})
		if err != nil {
			t.Fatalf("%s: %v\n%s", f.Name, err, f.Data)
		}
		if bytes.Contains(f.Data, []byte(`\x`)) || !utf8.ValidString(a.Title) {
			t.Errorf("%s: title %q holds a byte escape or a broken letter", f.Name, a.Title)
		}
		if a.Topic == "" || a.Title == "" || a.Summary == "" {
			t.Errorf("%s: topic %q, title %q, summary %q: want all set", f.Name, a.Topic, a.Title, a.Summary)
		}
		perDay[a.Day().Path()]++
		bodyWords += a.Words
	}
	if n != opts.Articles {
		t.Errorf("got %d articles, want %d", n, opts.Articles)
	}
	if got, want := len(perDay), len(Days(opts)); got != want {
		t.Errorf("articles fall on %d days, want %d", got, want)
	}
	oldest := Days(opts)[len(Days(opts))-1].Format("2006/01/02/")
	for day, k := range perDay {
		if k != 30 && day != oldest {
			t.Errorf("%s has %d articles, want 30", day, k)
		}
	}
	if avg := bodyWords / n; avg < 600 || avg > 800 {
		t.Errorf("bodies average %d words, want about 700", avg)
	}
}

// TestForms checks that a corpus of a few thousand articles uses every
// front matter form the benchmarks are meant to cover.
func TestForms(t *testing.T) {
	var all bytes.Buffer
	names := map[string]bool{}
	for _, f := range Files(Options{Seed: 1, Articles: 2000}) {
		all.Write(f.Data)
		all.WriteByte('\n')
		names[path.Base(f.Name)] = true
	}
	forms := []struct{ name, re string }{
		{"YAML", `(?m)^---\ntitle: `},
		{"TOML", `(?m)^\+\+\+\ntitle = `},
		{"date with offset", `(?m)^date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$`},
		{"date in UTC", `(?m)^date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`},
		{"date only", `(?m)^date: \d{4}-\d\d-\d\d$`},
		{"date and minutes", `(?m)^date: "\d{4}-\d\d-\d\d \d\d:\d\d"$`},
		{"updated", `(?m)^updated: `},
		{"topic", `(?m)^topic: `},
		{"no topic", `(?m)^---\ntitle: .*\ndate: .*\n(updated: .*\n)?tags`},
		{"tags inline", `(?m)^tags: \[`},
		{"tags as block", `(?m)^tags:\n  - `},
		{"authors", `(?m)^authors: \[`},
		{"author", `(?m)^author: `},
		{"dateline", `(?m)^dateline: `},
		{"slug", `(?m)^slug: `},
		{"bundle image", `(?m)^image: photo\.jpg$`},
		{"image URL", `(?m)^image: https://`},
		{"draft", `(?m)^draft: true$`},
		{"unknown key", `(?m)^priority: \d$`},
		{"heading", `(?m)^## `},
		{"list", `(?m)^- `},
		{"numbered list", `(?m)^1\. `},
		{"table", `(?m)^\| --- \|`},
		{"blockquote", `(?m)^> `},
		{"link", `\]\(https://`},
		{"footnote", `\[\^1\]: `},
		{"non-ASCII name", `Šťastný|Łęcki|Þórsson`},
	}
	for _, f := range forms {
		if !regexp.MustCompile(f.re).Match(all.Bytes()) {
			t.Errorf("no article has %s (%s)", f.name, f.re)
		}
	}
	for _, want := range []string{"index.md", "photo.jpg"} {
		if !names[want] {
			t.Errorf("no file named %s", want)
		}
	}
}

func TestDays(t *testing.T) {
	got := Days(Options{Articles: 61})
	want := []time.Time{
		time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 28, 0, 0, 0, 0, time.UTC),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Days (-want +got):\n%s", diff)
	}
}
