package build_test

import (
	"context"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
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

// BenchmarkBuild runs the whole pipeline, config to the last page, into
// memory: what `newsdigest build` does, minus the disk.
func BenchmarkBuild(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			fsys := size.fsys()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			var res *pipeline.Result
			for b.Loop() {
				p, err := pipeline.Open(context.Background(), fsys, "")
				if err != nil {
					b.Fatal(err)
				}
				if res, err = p.Run(context.Background(), fsys, pipeline.Options{}, output.NewMemory()); err != nil {
					b.Fatal(err)
				}
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(len(res.Digest.Articles))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
