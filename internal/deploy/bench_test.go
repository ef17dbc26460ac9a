package deploy_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/corpus"
	"github.com/newsdigest/newsdigest/internal/deploy"
)

// buildCorpus generates n articles and builds them, once for every
// sub-benchmark of a size: a benchmark with sub-benchmarks runs its own
// body once.
func buildCorpus(b *testing.B, n int) (dir string, files int) {
	b.Helper()
	site := b.TempDir()
	if err := corpus.Write(site, corpus.Options{Seed: 1, Articles: n}); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(site, "public")
	res, err := build.Run(context.Background(), build.Options{Source: site, Destination: dest, NoCache: true, Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	return dest, res.Files
}

// BenchmarkDeploy times a first deploy and a deploy of an unchanged build
// (which plans, and sends nothing), to a folder and to the loopback S3
// server, against copying the build to a folder as the baseline: the least
// any first deploy to a folder can cost.
func BenchmarkDeploy(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir, files := buildCorpus(b, n)
			fsys := os.DirFS(dir)
			perFile := func(b *testing.B) {
				b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
			}
			deployOnce := func(b *testing.B, target string) {
				bk, err := deploy.Open(context.Background(), target)
				if err != nil {
					b.Fatal(err)
				}
				defer bk.Close()
				p, err := deploy.Prepare(context.Background(), bk, fsys, rules(), 8)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := deploy.Apply(context.Background(), bk, fsys, p, deploy.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			folder := func(b *testing.B) string {
				b.StopTimer()
				defer b.StartTimer()
				return (&url.URL{Scheme: "file", Path: filepath.ToSlash(b.TempDir())}).String()
			}

			b.Run("copy-baseline", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					out := filepath.Join(b.TempDir(), "out")
					b.StartTimer()
					if err := os.CopyFS(out, fsys); err != nil {
						b.Fatal(err)
					}
				}
				perFile(b)
			})
			b.Run("first/file", func(b *testing.B) {
				for b.Loop() {
					deployOnce(b, folder(b))
				}
				perFile(b)
			})
			b.Run("unchanged/file", func(b *testing.B) {
				target := folder(b)
				deployOnce(b, target)
				b.ResetTimer()
				for b.Loop() {
					deployOnce(b, target)
				}
				perFile(b)
			})
			b.Run("first/s3", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					s3 := newFakeS3(b)
					b.StartTimer()
					deployOnce(b, s3.URL)
				}
				perFile(b)
			})
			b.Run("unchanged/s3", func(b *testing.B) {
				s3 := newFakeS3(b)
				deployOnce(b, s3.URL)
				b.ResetTimer()
				for b.Loop() {
					deployOnce(b, s3.URL)
				}
				perFile(b)
			})
		})
	}
}
