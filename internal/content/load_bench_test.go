package content_test

import (
	"context"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/markdown"
)

// benchSizes are the corpus sizes every pipeline benchmark runs at; each
// corpus is generated once per test process.
var benchSizes = []struct {
	name string
	fsys func() fstest.MapFS
}{
	{"1k", sync.OnceValue(func() fstest.MapFS { return corpus.FS(corpus.Options{Seed: 1, Articles: 1000}) })},
	{"10k", sync.OnceValue(func() fstest.MapFS { return corpus.FS(corpus.Options{Seed: 1, Articles: 10000}) })},
}

func BenchmarkLoad(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			fsys := size.fsys()
			opts := content.Options{Location: time.UTC, Markdown: markdown.New(markdown.Options{})}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			var n int
			for b.Loop() {
				res, err := content.Load(context.Background(), fsys, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Problems) > 0 {
					b.Fatal(res.Problems[0])
				}
				n = len(res.Articles)
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
