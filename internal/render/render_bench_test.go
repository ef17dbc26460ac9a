package render_test

import (
	"context"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/cputime"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/render"
	"github.com/newsdigest/newsdigest/internal/urls"
	"github.com/newsdigest/newsdigest/themes"
)

type benchSite struct {
	fsys   fstest.MapFS
	digest *digest.Digest
}

// benchSizes are the corpus sizes every pipeline benchmark runs at; each
// corpus is generated, loaded and grouped once per test process.
var benchSizes = []struct {
	name string
	site func() benchSite
}{
	{"1k", sync.OnceValue(func() benchSite { return loadSite(1000) })},
	{"10k", sync.OnceValue(func() benchSite { return loadSite(10000) })},
}

func loadSite(n int) benchSite {
	fsys := corpus.FS(corpus.Options{Seed: 1, Articles: n})
	res, err := content.Load(context.Background(), fsys, content.Options{Location: time.UTC})
	if err != nil {
		panic(err)
	}
	return benchSite{fsys: fsys, digest: digest.New(res.Articles, digest.Options{})}
}

// BenchmarkSite renders every page of a loaded site into memory.
func BenchmarkSite(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			site := size.site()
			cfg := config.Default()
			r, err := render.New(context.Background(), cfg, urls.New(cfg.BaseURL), render.Layers(site.fsys, cfg.Theme, themes.Default()))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Process()
			pages := len(r.Jobs(site.digest, nil))
			for b.Loop() {
				_, err := r.Site(context.Background(), site.digest, site.fsys, output.NewMemory())
				if err != nil {
					b.Fatal(err)
				}
			}
			cputime.Report(b, cpu)
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
