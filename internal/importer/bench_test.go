package importer

import (
	"os"
	"testing"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/markdown"
)

// The import benchmarks are read against BenchmarkParseImported, the cost
// of parsing the article an import writes: cleaning a page should cost a
// small multiple of reading the clean result.

func benchPage(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile("testdata/golden/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParseImported(b *testing.B) {
	a, err := Import("page.txt", benchPage(b, "text-sample-shape.txt"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	md, err := Marshal(a)
	if err != nil {
		b.Fatal(err)
	}
	opts := content.Options{Markdown: markdown.New(markdown.Options{})}
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		if _, err := content.Parse("content/"+a.Path(), "", md, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportText(b *testing.B) {
	data := benchPage(b, "text-sample-shape.txt")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import("page.txt", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportTextFrench reads its date with go-dateparser: against
// BenchmarkImportText, the cost of a date in another language.
func BenchmarkImportTextFrench(b *testing.B) {
	data := benchPage(b, "text-french.txt")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import("page.txt", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportHTML(b *testing.B) {
	data := benchPage(b, "html-opengraph.html")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import("page.html", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindChrome(b *testing.B) {
	var dumps [][]byte
	for _, n := range []string{"text-sample-shape.txt", "text-top-nav.txt", "text-hard-wrapped.txt"} {
		for range 100 {
			dumps = append(dumps, benchPage(b, n))
		}
	}
	for b.Loop() {
		FindChrome(dumps)
	}
}
