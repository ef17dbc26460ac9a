package build_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/build"
)

// TestBuildWhileEditing builds again and again while another goroutine
// rewrites, truncates, deletes and adds articles and bundle files under it.
// Every build must end with a clear result: published, or an error that
// names what went wrong; never a panic or a hang.
func TestBuildWhileEditing(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test, fifteen builds under constant edits: slow; runs in the full suite")
	}
	site := t.TempDir()
	const n = 200
	article := func(i int, words string) []byte {
		return fmt.Appendf(nil, "---\ntitle: Story %d\ndate: 2025-01-%02dT09:00:00Z\n---\n%s\n", i, 1+i%28, words)
	}
	path := func(i int) string {
		if i%10 == 0 { // a bundle with a picture
			return filepath.Join(site, "content", "world", fmt.Sprintf("b%03d", i), "index.md")
		}
		return filepath.Join(site, "content", "world", fmt.Sprintf("s%03d.md", i))
	}
	write := func(p string, data []byte) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	for i := range n {
		write(path(i), article(i, "First words."))
		if i%10 == 0 {
			write(filepath.Join(filepath.Dir(path(i)), "pic.jpg"), []byte("jpeg"))
		}
	}

	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(7, 7))
		for ctx.Err() == nil {
			i := rng.IntN(n)
			p := path(i)
			switch rng.IntN(6) {
			case 0:
				write(p, article(i, strings.Repeat("more words ", rng.IntN(500))))
			case 1:
				data := article(i, "A story cut off half way through its front matter.")
				write(p, data[:rng.IntN(len(data))])
			case 2:
				os.Remove(p)
			case 3:
				os.RemoveAll(filepath.Dir(p)) // a whole bundle, or the topic folder
			case 4:
				write(p, article(i, "Back again."))
			case 5:
				os.Remove(filepath.Join(filepath.Dir(p), "pic.jpg"))
			}
			time.Sleep(time.Duration(rng.IntN(200)) * time.Microsecond)
		}
	}()

	dest := filepath.Join(t.TempDir(), "public")
	outcomes := map[string]int{}
	for range 15 {
		res, err := build.Run(context.Background(), build.Options{Source: site, Destination: dest})
		switch {
		case err == nil:
			outcomes["built"]++
		case errors.Is(err, build.ErrProblems):
			outcomes["built with problems"]++
			for _, p := range res.Problems {
				if !strings.HasPrefix(p.File, "content/") || p.Err == nil {
					t.Errorf("problem without a file or a cause: %#v", p)
				}
				t.Log(p)
			}
		case strings.Contains(err.Error(), "content/"):
			outcomes["named error"]++
			t.Log(err)
		default:
			t.Errorf("build ended with an error that names no file: %v", err)
		}
	}
	stop()
	wg.Wait()
	t.Logf("outcomes: %v", outcomes)
}
