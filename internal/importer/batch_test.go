package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The batch dumps share a site's chrome that no general rule recognises:
// a tagline, a call for donations and an address, each written as a
// sentence.
var batchChrome = []string{
	"The Millbrook Ledger: independent news for the valley since 1921",
	"Our reporters cover the valley every day. Support them with a donation.",
	"Millbrook Ledger, 14 Mill Street, Millbrook. Letters welcome.",
}

func readBatch(t *testing.T) [][]byte {
	t.Helper()
	names, err := filepath.Glob("testdata/batch/*.txt")
	if err != nil || len(names) < 4 {
		t.Fatalf("batch fixtures: %v (%d files)", err, len(names))
	}
	var dumps [][]byte
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		dumps = append(dumps, data)
	}
	return dumps
}

func TestFindChrome(t *testing.T) {
	got := FindChrome(readBatch(t))
	want := Chrome{}
	for _, l := range batchChrome {
		want[normalize(l)] = true
	}
	// "Millbrook" (the dateline of three dumps) recurs too; it is chrome by
	// count, and the reader still finds it by its place beside the date.
	want["millbrook"] = true
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindChrome (-want +got):\n%s", diff)
	}
}

func TestFindChromeThreshold(t *testing.T) {
	other := []byte("A line of another site.\n")
	common := []byte("No one was hurt.\nA line of another site.\n")
	tests := []struct {
		name  string
		dumps [][]byte
		want  Chrome
	}{
		{"in two dumps only", [][]byte{common, common, other}, Chrome{"a line of another site.": true}},
		{"three of a mixed batch of twenty", append(repeat(common, 3), repeat([]byte("Elsewhere.\n"), 17)...), Chrome{"no one was hurt.": true, "a line of another site.": true, "elsewhere.": true}},
		{"three of forty", append(repeat(common, 3), repeat([]byte("Elsewhere.\n"), 37)...), Chrome{"elsewhere.": true}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, FindChrome(tt.dumps)); diff != "" {
			t.Errorf("%s: FindChrome (-want +got):\n%s", tt.name, diff)
		}
	}
}

func repeat(d []byte, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestBatchDropsRecurringLines(t *testing.T) {
	dumps := readBatch(t)
	// The batch's pages are imported among other sites' pages.
	for range 20 {
		dumps = append(dumps, []byte("A page of another site.\n"))
	}
	chrome := FindChrome(dumps)
	dumps = dumps[:len(dumps)-20]
	for i, d := range dumps {
		alone, err := Import("dump.txt", d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, err := Import("dump.txt", d, Options{Chrome: chrome})
		if err != nil {
			t.Fatal(err)
		}
		leftAlone := false
		for _, l := range batchChrome {
			if strings.Contains(a.Body, l) {
				t.Errorf("dump %d: chrome line %q kept in the batch import", i+1, l)
			}
			leftAlone = leftAlone || strings.Contains(alone.Body, l)
		}
		if !leftAlone {
			t.Errorf("dump %d: imported alone, no chrome line is left, so the batch proves nothing", i+1)
		}
		if a.Title != alone.Title || a.Dateline != alone.Dateline || a.Topic != alone.Topic || !a.Date.Equal(alone.Date) {
			t.Errorf("dump %d: the batch changed the header: %+v, alone %+v", i+1, a, alone)
		}
		first := strings.SplitN(strings.TrimSpace(string(d)), "\n\n", 5)[3]
		if !strings.HasPrefix(a.Body, first+"\n") {
			t.Errorf("dump %d: body does not open with its first paragraph %q:\n%s", i+1, first, a.Body)
		}
	}
}

// TestHTMLBatchChrome imports four pages of one site that each carry the
// same two paragraphs of the site's own, written as sentences that no
// general rule recognises: found in the batch, they leave every body.
func TestHTMLBatchChrome(t *testing.T) {
	stories := []string{
		"The lower quay closed on Friday after the river rose forty centimetres overnight, the port authority said.",
		"Two new cranes arrived at the container terminal on Monday, a month later than the port had planned.",
		"The ferry company froze its fares for a year, saying fuel costs had fallen since the spring.",
		"Dredging of the outer harbour will start next month and last until the end of the summer season.",
	}
	chrome := []string{
		"The Harbour Light is owned by the readers who fund it, one subscription at a time.",
		"Letters to the editor go to 3 Quay Road, Portmore, and are printed every Saturday.",
	}
	var pages [][]byte
	for i, s := range stories {
		page := fmt.Sprintf(`<html><head><title>Port news %d</title><meta property="article:published_time" content="2024-07-1%d"><meta property="article:section" content="Port"></head>
<body><article><h1>Port news %d</h1><p>%s</p><p>%s</p><p>The harbour master said more details would follow in %d days, once the board had met.</p><p>%s</p></article></body></html>`, i, i, i, s, chrome[0], i+2, chrome[1])
		pages = append(pages, []byte(page))
	}
	c := FindChrome(pages)
	for i, p := range pages {
		a, err := Import("page.html", p, Options{Chrome: c})
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%s\n\nThe harbour master said more details would follow in %d days, once the board had met.\n", stories[i], i+2)
		if diff := cmp.Diff(want, a.Body); diff != "" {
			t.Errorf("page %d body (-want +got):\n%s", i, diff)
		}
	}
}
