package serve

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

// BenchmarkEditToVisible measures the time from writing an article to its
// new bytes being served: the debounce window, the rebuild and the swap.
// BenchmarkColdBuild, the baseline, builds the same site from scratch.
//
// The site is made by the generator script named in NEWSDIGEST_GEN_CORPUS
// (bench's gen_corpus.py) when set, else by a small generator of the same
// shape below.
func BenchmarkEditToVisible(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := benchSite(b, n)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s, err := Start(ctx, Options{Source: dir})
			if err != nil {
				b.Fatal(err)
			}
			defer func() { cancel(); s.Wait() }()
			file, url := someArticle(b, dir, s.URL())
			original, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(file, original, 0o644)
			// A rebuild of a large site on a busy machine takes seconds.
			states, _ := stream(b, s.URL()+strings.TrimPrefix(eventsPath, "/"), time.Minute)
			<-states // the state on connecting
			b.ResetTimer()
			for i := range b.N {
				token := fmt.Sprintf("Edited headline %d", i)
				edited := strings.Replace(string(original), "title:", "title: \""+token+"\"\nold_title:", 1)
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				// A page reloads on the state event; then it must get the edit.
				if st := <-states; st.err != nil {
					b.Fatal(st.err)
				}
				if r := get(b, "GET", url); !strings.Contains(r.body, token) {
					b.Fatalf("reload asked for before %s was served at %s", token, url)
				}
			}
		})
	}
}

func BenchmarkColdBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := benchSite(b, n)
			for b.Loop() {
				coldBuild(b, dir, "http://127.0.0.1:1313/")
			}
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range benchSites {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// benchSite makes a site of n articles, once per run of the benchmarks.
var benchSites = map[int]string{}

func benchSite(b *testing.B, n int) string {
	if dir, ok := benchSites[n]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "newsdigest-bench-")
	if err != nil {
		b.Fatal(err)
	}
	// The site outlives one sub-benchmark; TestMain removes it.
	if script := os.Getenv("NEWSDIGEST_GEN_CORPUS"); script != "" {
		out, err := exec.Command("python3", script, "--articles", fmt.Sprint(n), "--out", filepath.Join(dir, "content")).CombinedOutput()
		if err != nil {
			b.Fatalf("%s: %v\n%s", script, err, out)
		}
	} else {
		generate(b, filepath.Join(dir, "content"), n)
	}
	benchSites[n] = dir
	return dir
}

// generate writes n articles of about 700 words, about 30 a day, over 12
// topics and 200 tags.
func generate(b *testing.B, dir string, n int) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	words := strings.Fields("the council market report data study plan policy vote election minister " +
		"people public local national economic climate water health school court budget tax trade deal " +
		"talks summit crisis risk cost investment workers jobs industry energy season match record film " +
		"festival museum storm flood drought forest river coast carbon solar wind grid vaccine patients")
	sentence := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.ToUpper(w[0][:1]) + w[0][1:] + " " + strings.Join(w[1:], " ") + "."
	}
	end := time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC)
	days := max(1, n/30)
	for i := range n {
		topic := fmt.Sprintf("topic-%02d", i%12)
		date := end.AddDate(0, 0, -(i * days / n)).Add(-time.Duration(i%600) * time.Minute)
		var body strings.Builder
		for p := range 6 + rng.IntN(9) {
			if p == 3 {
				body.WriteString("## " + sentence(4) + "\n\n")
			}
			for range 5 {
				body.WriteString(sentence(6+rng.IntN(10)) + " ")
			}
			body.WriteString("\n\n")
		}
		text := fmt.Sprintf("---\ntitle: %q\ndate: %s\ntopic: %s\ntags: [tag-%03d, tag-%03d]\nauthor: \"A. Reporter\"\n---\n%s",
			sentence(6), date.Format(time.RFC3339), topic, rng.IntN(200), rng.IntN(200), body.String())
		p := filepath.Join(dir, topic, date.Format("2006/01"), fmt.Sprintf("story-%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// someArticle picks an article in the middle of the site and returns its
// file and URL.
func someArticle(b *testing.B, dir, base string) (string, string) {
	var files []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		b.Fatal("no articles")
	}
	file := files[len(files)/2]
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, file)
	a, err := content.Parse(filepath.ToSlash(rel), "", data, content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return file, base + a.Path()
}
