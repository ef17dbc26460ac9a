package search_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/search"
	"github.com/newsdigest/newsdigest/internal/urls"
)

var benchSizes = []struct {
	name   string
	digest func() *digest.Digest
}{
	{"1k", sync.OnceValue(func() *digest.Digest { return loadCorpus(1000) })},
	{"10k", sync.OnceValue(func() *digest.Digest { return loadCorpus(10000) })},
}

func loadCorpus(n int) *digest.Digest {
	fsys := corpus.FS(corpus.Options{Seed: 1, Articles: n})
	res, err := content.Load(context.Background(), fsys, content.Options{Location: time.UTC})
	if err != nil {
		panic(err)
	}
	return digest.New(res.Articles, digest.Options{})
}

// BenchmarkBuild makes the index of a loaded corpus, every file in
// memory; it reports the files' bytes and CPU time per build.
func BenchmarkBuild(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			d := size.digest()
			o := search.Options{Language: "en", URLs: urls.New("https://example.org/")}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			var bytes, files int
			for b.Loop() {
				fs, err := search.Build(context.Background(), d, nil, o)
				if err != nil {
					b.Fatal(err)
				}
				bytes, files = 0, len(fs)
				for _, f := range fs {
					bytes += len(f.Data)
				}
			}
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(bytes), "bytes")
			b.ReportMetric(float64(files), "files")
		})
	}
}
