package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdigest/newsdigest/internal/cputime"
)

// BenchmarkRebuild measures one rebuild after a one-article edit, without
// the watcher and its quiet window: the part of BenchmarkEditToVisible
// that profiles show.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := benchSite(b, n)
			ctx := context.Background()
			var last Report
			s := &Server{opts: Options{Source: dir, OnBuild: func(r Report) { last = r }}, root: dir, url: "http://127.0.0.1:1313/",
				parses: newParses(), disk: newFiles(dir), pending: make(chan *batch, 1)}
			s.site.Store(&snapshot{})
			if !s.rebuild(ctx, &batch{all: true}) {
				b.Fatal("first build failed")
			}
			file, _ := someArticle(b, dir, s.URL())
			original, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(file, original, 0o644)
			rel, _ := filepath.Rel(dir, file)
			b.ResetTimer()
			cpu := cputime.Process()
			for i := range b.N {
				edited := strings.Replace(string(original), "title:", fmt.Sprintf("title: \"Edited %d\"\nold_title:", i), 1)
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				bt := &batch{}
				bt.add(filepath.ToSlash(rel))
				if !s.rebuild(ctx, bt) {
					b.Fatal("rebuild failed")
				}
				if !last.Quick {
					b.Fatal("the rebuild rendered every page")
				}
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(last.Pages), "pages/op")
			b.ReportMetric(float64(last.Reparsed), "parsed/op")
		})
	}
}
