package importer

import (
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

func TestBatchDropsRecurringLines(t *testing.T) {
	dumps := readBatch(t)
	chrome := FindChrome(dumps)
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
