package digest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/digest"
)

// benchSizes are the corpus sizes every pipeline benchmark runs at; each
// corpus is generated and loaded once per test process.
var benchSizes = []struct {
	name     string
	articles func() []*content.Article
}{
	{"1k", sync.OnceValue(func() []*content.Article { return load(1000) })},
	{"10k", sync.OnceValue(func() []*content.Article { return load(10000) })},
}

func load(n int) []*content.Article {
	res, err := content.Load(context.Background(), corpus.FS(corpus.Options{Seed: 1, Articles: n}), content.Options{Location: time.UTC})
	if err != nil {
		panic(err)
	}
	return res.Articles
}

func BenchmarkNew(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			articles := size.articles()
			opts := digest.Options{TopicOrder: []string{"World", "Politics", "Business"}}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			for b.Loop() {
				d := digest.New(articles, opts)
				if len(d.Articles) != len(articles) {
					b.Fatalf("digest has %d articles, want %d", len(d.Articles), len(articles))
				}
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(len(articles))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
