package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/newsdigest/newsdigest/internal/corpus"
)

// linkifyCases are bodies where linkify finds something, or nearly does.
var linkifyCases = []string{
	"Plain text, no links at all.\n",
	"Read more at https://example.org/report and www.example.com.\n",
	"Mail desk@example.org or (news@example.org), not a@b.\n",
	"*http://example.org/x* and _www.example.org_ and ~~ftp://x.org~~\n",
	"(https://example.org/a_(b)) [https://label.example](https://dest.example)\n",
	"`https://code.example` and <https://auto.example>\n",
	"# Heading with https://example.org\n\n| a | http://t.example |\n|---|---|\n| x@y.org | www.z.org |\n",
	"Note[^1].\n\n[^1]: See https://example.org/footnote.\n",
	"A line ending in http\nhttps://next.example\n",
	"x@y email-ish @ signs @@ and wwwx. and http without colon\n",
	"> quoted www.example.org\n> - list https://example.org\n",
	"Escaped \\http://example.org and \\*www.example.org\\*\n",
}

func linkifyBodies(t testing.TB) []string {
	bodies := append([]string(nil), linkifyCases...)
	fsys := corpus.FS(corpus.Options{Seed: 3, Articles: 300})
	add := func(fsys fs.FS, root string) {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			bodies = append(bodies, body(data))
			return nil
		})
	}
	add(fsys, ".")
	if _, err := os.Stat(filepath.Join("..", "..", "content")); err == nil {
		add(os.DirFS(filepath.Join("..", "..")), "content")
	}
	return bodies
}

// Parsing without linkify first, and with it only when the text may need
// it, and writing plain text through textWriter, converts every body
// exactly as goldmark does.
func TestLinkifyLastMatchesGoldmark(t *testing.T) {
	fast, slow := New(Options{BasePath: "/news/"}), Stock(Options{BasePath: "/news/"})
	skipped := 0
	for _, body := range linkifyBodies(t) {
		got, err := Convert(fast, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		want, err := Convert(slow, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (-goldmark +linkify last):\n%s", body, diff)
		}
		if !mayLinkify(fast.(*markdown).parser.(*linkifyLast).plain.Parse(textReader(body)), []byte(body)) {
			skipped++
		}
	}
	// The generated articles have no bare links: most must be parsed once.
	if skipped < 250 {
		t.Errorf("%d bodies parsed once, want most of the 300 generated ones", skipped)
	}
}

// FuzzLinkifyLast compares New with goldmark on any body.
func FuzzLinkifyLast(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s)
	}
	fast, slow := New(Options{}), Stock(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		got, err1 := Convert(fast, []byte(body))
		want, err2 := Convert(slow, []byte(body))
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v, %v", err1, err2)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (-goldmark +linkify last):\n%s", body, diff)
		}
	})
}

func textReader(s string) text.Reader { return text.NewReader([]byte(s)) }

// BenchmarkConvert converts 300 generated bodies with linkify last and
// with goldmark's linkify always on.
func BenchmarkConvert(b *testing.B) {
	bodies := linkifyBodies(b)
	for _, m := range []struct {
		name string
		md   goldmark.Markdown
	}{{"linkify-last", New(Options{})}, {"goldmark", Stock(Options{})}} {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				for _, body := range bodies {
					if _, err := Convert(m.md, []byte(body)); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// body is what follows a file's front matter: the text after the second
// fence line ("---" or "+++"), or the whole file when it has none.
func body(file []byte) string {
	s := string(file)
	for _, fence := range []string{"---\n", "+++\n"} {
		if rest, ok := strings.CutPrefix(s, fence); ok {
			if i := strings.Index(rest, "\n"+fence); i >= 0 {
				return rest[i+1+len(fence):]
			}
		}
	}
	return s
}
