package stories_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/stories"
)

// benchSizes are the corpora BenchmarkGroup runs on, each generated and
// loaded once per test process.
var benchSizes = []struct {
	name     string
	articles func() []*content.Article
}{
	{"10k", sync.OnceValue(func() []*content.Article { return load(10000) })},
	{"100k", sync.OnceValue(func() []*content.Article { return load(100000) })},
}

func load(n int) []*content.Article {
	res, err := content.Load(context.Background(), corpus.FS(corpus.Options{Seed: 1, Articles: n}), content.Options{Location: time.UTC})
	if err != nil {
		panic(err)
	}
	return res.Articles
}

func BenchmarkGroup(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			articles := size.articles()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			for b.Loop() {
				set := stories.Group(articles, stories.Options{})
				if set.Of(articles[0]) == nil {
					b.Fatal("first article has no story")
				}
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(len(articles))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
