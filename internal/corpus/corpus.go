// Package corpus generates a deterministic site of news articles for
// benchmarks and tests. The same Options always give the same files, byte
// for byte; articles use every front matter form the content package
// accepts (YAML and TOML, the three date forms, optional topic, summary,
// slug and authors, bundles with an image) and bodies of about 700 words
// with headings, lists, links, tables and quotes.
package corpus

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing/fstest"
	"time"
)

// Options shape a corpus.
type Options struct {
	Seed     uint64
	Articles int
	// End is the day of the newest articles; the corpus runs back from it.
	// Default: 30 June 2025.
	End time.Time
	// PerDay is the number of articles on each day; default 30.
	PerDay int
}

func (o Options) withDefaults() Options {
	if o.End.IsZero() {
		o.End = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	}
	if o.PerDay < 1 {
		o.PerDay = 30
	}
	return o
}

// File is one generated file, named relative to the site root
// ("content/world/2025/06/30/….md").
type File struct {
	Name string
	Data []byte
}

// Files returns the whole corpus, in article order. Articles are generated
// on every core, each from its own random stream, so the result does not
// depend on scheduling.
func Files(opts Options) []File {
	opts = opts.withDefaults()
	per := make([][]File, opts.Articles)
	each(opts.Articles, func(i int) { per[i] = article(opts, i) })
	var out []File
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}

// FS returns the corpus as an in-memory site.
func FS(opts Options) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range Files(opts) {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// Write writes the corpus under dir (dir/content/…), generating and writing
// articles in parallel so that large corpora do not sit in memory at once.
func Write(dir string, opts Options) error {
	opts = opts.withDefaults()
	var mu sync.Mutex
	var first error
	each(opts.Articles, func(i int) {
		for _, f := range article(opts, i) {
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			err := os.MkdirAll(filepath.Dir(p), 0o755)
			if err == nil {
				err = os.WriteFile(p, f.Data, 0o644)
			}
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}
	})
	return first
}

// Days returns the calendar days (UTC) that hold articles, newest first.
func Days(opts Options) []time.Time {
	opts = opts.withDefaults()
	n := (opts.Articles + opts.PerDay - 1) / opts.PerDay
	days := make([]time.Time, n)
	for i := range days {
		days[i] = opts.End.AddDate(0, 0, -i)
	}
	return days
}

// each calls f(0) … f(n-1) on every core.
func each(n int, f func(i int)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// rng gives article i its own stream, so that article i is the same in a
// corpus of any size.
func rng(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)*0x9e3779b97f4a7c15+1))
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance is true with probability p percent.
func chance(r *rand.Rand, p int) bool { return r.IntN(100) < p }

func dayOf(opts Options, i int) time.Time { return opts.End.AddDate(0, 0, -i/opts.PerDay) }
