// Command search measures queries on a built site's search page in
// headless Chromium: the bytes each query fetches, gzipped as a static
// host serves them, and the time the page spends on it besides waiting for
// the network, with the CPU throttled (4× by default, a phone). Every query
// is a cold load of /search/?q=…: nothing is cached between queries.
// Time is wall time in the page, so a busy machine inflates it: the least
// of the runs is printed beside the median.
//
//	go run ./bench/search -public DIR -expect 'needle=/2021/03/04/slug/' needle officials zeppelin
//
// DIR is the output of `newsdigest build` (served from /, so build it
// with --baseURL http://localhost/). -expect names a query whose first
// result must be that URL, or the command fails.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func main() {
	public := flag.String("public", "", "the built site")
	runs := flag.Int("runs", 5, "loads of each query; the median is reported")
	throttle := flag.Float64("throttle", 4, "CPU slowdown factor")
	expect := flag.String("expect", "", "query=URL: the query's first result must be URL")
	flag.Parse()
	if *public == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: search -public DIR [-runs N] [-throttle F] [-expect q=URL] QUERY...")
		os.Exit(2)
	}
	if err := run(*public, *runs, *throttle, *expect, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(1)
	}
}

// counter serves a folder with gzip, as a static host does, and counts
// the compressed bytes of each response.
type counter struct {
	dir string
	mu  sync.Mutex
	got map[string]int // path → gzipped bytes sent
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(filepath.Clean("/"+name))))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	c.mu.Lock()
	c.got[r.URL.Path] += gz.Len()
	c.mu.Unlock()
	types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json"}
	if t, ok := types[filepath.Ext(name)]; ok {
		w.Header().Set("Content-Type", t)
	} else {
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(gz.Bytes())
}

func (c *counter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	got := c.got
	c.got = map[string]int{}
	return got
}

type result struct {
	index, page  int // gzipped bytes: the index's files; the page, its script and style
	files        int
	compute, all float64 // ms
	first        string
	total        string
	phases       string
}

func run(public string, runs int, throttle float64, expect string, queries []string) error {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("chromium not found: %w", err)
	}
	c := &counter{dir: public, got: map[string]int{}}
	srv := httptest.NewServer(c)
	defer srv.Close()

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true))
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: throttle})
		return err
	})); err != nil {
		return err
	}
	wantQ, wantURL, _ := strings.Cut(expect, "=")

	fmt.Printf("%s: CPU throttled %g×, %d cold loads a query (the median's bytes and phases); bytes gzipped (level 6); load average %s\n",
		public, throttle, runs, loadavg())
	fmt.Printf("%-18s %8s %6s %8s %12s %12s %9s %9s  %s\n", "query", "index_B", "files", "page_B", "compute_min", "compute_med", "total_ms", "results", "first result [phases]")
	for _, q := range queries {
		var rs []result
		for range runs {
			r, err := load(browser, srv.URL, q, c)
			if err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
			rs = append(rs, r)
		}
		slices.SortFunc(rs, func(a, b result) int { return int(a.compute*1000 - b.compute*1000) })
		m := rs[len(rs)/2]
		fmt.Printf("%-18s %8d %6d %8d %12.1f %12.1f %9.1f %9s  %s [%s]\n", q, m.index, m.files, m.page, rs[0].compute, m.compute, m.all, m.total, m.first, m.phases)
		if q == wantQ && m.first != wantURL {
			return fmt.Errorf("%s: first result %q, want %q", q, m.first, wantURL)
		}
	}
	return nil
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

// load opens the search page for q and waits for its results.
func load(browser context.Context, base, q string, c *counter) (result, error) {
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	c.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+url.QueryEscape(q))); err != nil {
		return result{}, err
	}
	var state map[string]string
	for {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => {
			const s = document.getElementById("search");
			const first = document.querySelector("#search-results h2 a");
			return {state: s.dataset.state || "", query: s.dataset.query || "", compute: s.dataset.computeMs || "",
				total: s.dataset.totalMs || "", phases: s.dataset.phases || "", first: first ? first.getAttribute("href") : "",
				status: document.getElementById("search-status").textContent};
		})()`))
		if err != nil {
			return result{}, fmt.Errorf("%w (last seen: %v)", err, state)
		}
		state = s
		if s["state"] == "error" {
			return result{}, fmt.Errorf("the page says: %s", s["status"])
		}
		if s["state"] == "done" && s["query"] == q {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var r result
	fmt.Sscan(state["compute"], &r.compute)
	fmt.Sscan(state["total"], &r.all)
	r.first, r.phases = state["first"], state["phases"]
	r.total = strings.Fields(state["status"] + " -")[0]
	for path, n := range c.take() {
		switch {
		case path == "/search/index.json" || strings.Count(path, "/") > 2 && strings.HasPrefix(path, "/search/"):
			r.index += n
			r.files++
		default:
			r.page += n
		}
	}
	return r, nil
}
