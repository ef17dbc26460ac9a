package search

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/corpus"
)

func TestWords(t *testing.T) {
	long := strings.Repeat("x", maxWord+1)
	for _, tc := range []struct {
		text   string
		markup bool
		want   []string
	}{
		{"Grocers bet on SMALLER stores", false, []string{"grocers", "bet", "on", "smaller", "stores"}},
		{"<p>Port <em>of</em> Hamburg</p><p>reopens</p>", true, []string{"port", "of", "hamburg", "reopens"}},
		{"<p>a<br>b</p>", true, []string{"a", "b"}},
		{"Don&rsquo;t panic &amp; the mayor&#39;s plan", true, []string{"dont", "panic", "the", "mayors", "plan"}},
		{"<a href=\"https://x.org/?a=1&amp;b=2\">link</a>", true, []string{"link"}},
		{"Café Müller in Zürich; Øresund, İstanbul", false, []string{"cafe", "muller", "in", "zurich", "øresund", "istanbul"}},
		{"dogs' bones, 'quoted' words", false, []string{"dogs", "bones", "quoted", "words"}},
		{"rock’n’roll 2025-06-30 3.5%", false, []string{"rocknroll", "2025", "06", "30", "3", "5"}},
		{"Москва и Київ", false, []string{"москва", "и", "киів"}},
		{"keep " + long + " out", false, []string{"keep", "out"}},
		{"AT&T <b>x", false, []string{"at", "t", "b", "x"}},
	} {
		var got []string
		var s splitter
		s.words(tc.text, tc.markup, func(w []byte, wide bool) {
			word := string(w)
			if wide {
				word = fold(word)
			}
			if word != "" && len(word) <= maxWord {
				got = append(got, word)
			}
		})
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}

// BenchmarkWords splits the bodies of the 1k corpus into words, on one
// core.
func BenchmarkWords(b *testing.B) {
	res, err := content.Load(context.Background(), corpus.FS(corpus.Options{Seed: 1, Articles: 1000}), content.Options{Location: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	var bodies []string
	for _, a := range res.Articles {
		bodies = append(bodies, string(a.Body))
	}
	b.ResetTimer()
	var s splitter
	n := 0
	for b.Loop() {
		for _, body := range bodies {
			s.words(body, true, func([]byte, bool) { n++ })
		}
	}
	b.ReportMetric(float64(n)/float64(b.N), "words/op")
}
