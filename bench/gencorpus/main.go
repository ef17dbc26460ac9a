// Command gencorpus writes a deterministic news corpus for benchmarks:
//
//	go run ./bench/gencorpus -n 10000 -out DIR [-seed 1] [-hugo-days DIR2]
//
// DIR/content/ gets the articles. With -hugo-days, DIR2 gets one stub page
// per day (YYYY/MM/DD.md), which the Hugo comparison site needs because
// Hugo cannot make a page per day without a file behind it.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsdigest/newsdigest/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "site folder to write content/ into")
	seed := flag.Uint64("seed", 1, "random seed")
	days := flag.String("hugo-days", "", "folder for Hugo's per-day stub pages (optional)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR [-seed S] [-hugo-days DIR]")
		os.Exit(2)
	}
	opts := corpus.Options{Seed: *seed, Articles: *n}
	if err := corpus.Write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if *days != "" {
		if err := writeDays(*days, opts); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
}

func writeDays(dir string, opts corpus.Options) error {
	// The stubs' folder is a section to Hugo; it must not become a page.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\n_build:\n  render: never\n  list: never\n---\n"), 0o644); err != nil {
		return err
	}
	for _, d := range corpus.Days(opts) {
		p := filepath.Join(dir, d.Format("2006/01/02")+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		// list: never keeps the stubs out of Hugo's page lists and feeds.
		stub := fmt.Sprintf("---\ntitle: \"Edition of %s\"\ndate: %s\nday: \"%s\"\n_build:\n  list: never\n---\n",
			d.Format("Monday, 2 January 2006"), d.Format("2006-01-02"), d.Format("2006-01-02"))
		if err := os.WriteFile(p, []byte(stub), 0o644); err != nil {
			return err
		}
	}
	return nil
}
