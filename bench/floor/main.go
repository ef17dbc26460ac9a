// Command floor measures the least any build of a corpus must spend: the
// Markdown bodies converted by goldmark, with the site's own settings, on
// every core, and nothing else. Files are read and split before the clock
// starts.
//
//	go run ./bench/floor DIR     (DIR holds content/)
//
// It prints one line: articles, body bytes, wall and CPU seconds.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/markdown"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DIR")
		os.Exit(2)
	}
	bodies, size, err := readBodies(filepath.Join(os.Args[1], content.Dir))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	md := markdown.Stock(markdown.Options{})
	cpu0, start := cpuTime(), time.Now()
	var wg sync.WaitGroup
	next := make(chan []byte)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for b := range next {
				buf.Reset()
				if err := md.Convert(b, &buf); err != nil {
					panic(err)
				}
			}
		}()
	}
	for _, b := range bodies {
		next <- b
	}
	close(next)
	wg.Wait()
	wall, cpu := time.Since(start), cpuTime()-cpu0
	fmt.Printf("FLOOR articles=%d body_bytes=%d wall_s=%.2f cpu_s=%.2f\n", len(bodies), size, wall.Seconds(), cpu.Seconds())
}

func readBodies(dir string) ([][]byte, int, error) {
	var bodies [][]byte
	size := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := content.Split(data)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		bodies = append(bodies, f.Body)
		size += len(f.Body)
		return nil
	})
	return bodies, size, err
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
