package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// index is a built index read back as search.js reads it.
type index struct {
	t     *testing.T
	files map[string][]byte
	m     Manifest
}

type entry struct {
	alias    string
	df       int
	postings []byte
	own      int // -1: postings inline
	pos      []byte
	hasPos   bool
}

func build(t *testing.T, site fstest.MapFS, withStories bool) *index {
	t.Helper()
	res, err := content.Load(context.Background(), site, content.Options{Location: time.UTC})
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("load: %v %v", err, res.Problems)
	}
	d := digest.New(res.Articles, digest.Options{})
	var s *stories.Set
	if withStories {
		s = stories.Group(d.Articles, stories.Options{Window: 72 * time.Hour, Language: "en"})
	}
	files, err := Build(context.Background(), d, s, Options{Language: "en", URLs: urls.New("https://example.org/news/")})
	if err != nil {
		t.Fatal(err)
	}
	ix := &index{t: t, files: map[string][]byte{}}
	for _, f := range files {
		if _, dup := ix.files[f.Name]; dup {
			t.Fatalf("%s written twice", f.Name)
		}
		ix.files[f.Name] = f.Data
	}
	if err := json.Unmarshal(ix.files["search/index.json"], &ix.m); err != nil {
		t.Fatal(err)
	}
	return ix
}

func (ix *index) file(name string) []byte {
	data, ok := ix.files["search/"+ix.m.Version+"/"+name]
	if !ok {
		ix.t.Fatalf("no file %s", name)
	}
	return data
}

// lookup reads the shard that holds key and returns its entry.
func (ix *index) lookup(key string) (entry, bool) {
	n := sort.Search(len(ix.m.Shards), func(i int) bool { return ix.m.Shards[i] > key }) - 1
	data := ix.file(fmt.Sprintf("t/%d.bin", n))
	r := bytes.NewReader(data)
	uv := func() int {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			ix.t.Fatal(err)
		}
		return int(v)
	}
	take := func(n int) []byte {
		b := make([]byte, n)
		if _, err := r.Read(b); err != nil && n > 0 {
			ix.t.Fatal(err)
		}
		return b
	}
	var prev []byte
	for range uv() {
		shared := uv()
		k := append(slices.Clone(prev[:shared]), take(uv())...)
		prev = k
		flags := uv()
		var e entry
		e.own = -1
		if flags&flagAlias != 0 {
			e.alias = string(take(uv()))
		}
		if flags&flagPostings != 0 {
			e.df = uv()
			if flags&flagOwnFile != 0 {
				e.own = uv()
				e.postings = ix.file(fmt.Sprintf("p/%d.bin", e.own))
				if flags&flagPositions != 0 {
					e.pos, e.hasPos = ix.file(fmt.Sprintf("p/%d.pos", e.own)), true
				}
			} else {
				e.postings = take(uv())
				if flags&flagPositions != 0 {
					off, size := uv(), uv()
					e.pos, e.hasPos = ix.file(fmt.Sprintf("t/%d.pos", n))[off:off+size], true
				}
			}
		}
		if string(k) == key {
			return e, true
		}
	}
	return entry{}, false
}

// docs returns the doc ids and impacts of a word as the client finds it.
func (ix *index) docs(word string) map[int]byte {
	e, ok := ix.lookup(word)
	if !ok {
		return nil
	}
	if e.alias != "" {
		if e, ok = ix.lookup(e.alias); !ok {
			ix.t.Fatalf("%s: alias %s missing", word, e.alias)
		}
	}
	out := map[int]byte{}
	id := 0
	for i := 0; i < len(e.postings); {
		d, n := binary.Uvarint(e.postings[i:])
		i += n
		if len(out) == 0 {
			id = int(d)
		} else {
			id += int(d)
		}
		out[id] = e.postings[i]
		i++
	}
	if len(out) != e.df {
		ix.t.Errorf("%s: df %d, %d postings", word, e.df, len(out))
	}
	return out
}

func (ix *index) records() []record {
	var all []record
	for n := 0; n*ix.m.Chunk < ix.m.Docs; n++ {
		var recs []record
		if err := json.Unmarshal(ix.file(fmt.Sprintf("r/%d.json", n)), &recs); err != nil {
			ix.t.Fatal(err)
		}
		all = append(all, recs...)
	}
	return all
}

func article(title, date, topic, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\ndate: %s\ntopic: %s\nsource: The Ledger\n---\n%s\n", title, date, topic, body))}
}

var site = fstest.MapFS{
	"content/a.md": article("Harbour cranes stand idle", "2025-01-06", "Business",
		"The port of *Hamburg* closed its container terminal after the strike. Workers’ unions said the strike would go on."),
	"content/b.md": article("Council votes on the new tram line", "2025-02-10", "City",
		"Councillors voted 31 to 9 for the tram. The line runs past the Café Müller and the old harbour."),
	"content/c.md": article("Elections: turnout rises", "2025-03-01", "Politics",
		"Turnout in the election rose to 71 percent, the highest since 1998, officials said."),
}

func TestIndexFindsWords(t *testing.T) {
	ix := build(t, site, false)
	recs := ix.records()
	if len(recs) != 3 || ix.m.Docs != 3 {
		t.Fatalf("%d records, %d docs", len(recs), ix.m.Docs)
	}
	// Docs are newest first.
	if recs[0].Title != "Elections: turnout rises" || recs[0].URL != "/news/2025/03/01/c/" || recs[0].Date != "2025-03-01" || recs[0].Source != "The Ledger" {
		t.Errorf("first record %+v", recs[0])
	}
	doc := func(title string) int {
		return slices.IndexFunc(recs, func(r record) bool { return r.Title == title })
	}
	harbour, tram, elect := doc("Harbour cranes stand idle"), doc("Council votes on the new tram line"), doc("Elections: turnout rises")
	for _, tc := range []struct {
		word string
		want []int
	}{
		{"hamburg", []int{harbour}},
		{"harbour", []int{harbour, tram}},
		{"strike", []int{harbour}},
		{"strikes", nil}, // a word as written is found only if some article has it
		{"elections", []int{elect}},
		{"election", []int{elect}},
		{"elect", []int{elect}}, // a stem is a key too
		{"cafe", []int{tram}},
		{"muller", []int{tram}},
		{"workers", []int{harbour}},
		{"ledger", []int{harbour, tram, elect}},
		{"the", nil}, // a stop word
		{"#city", []int{tram}},
	} {
		var got []int
		for id := range ix.docs(tc.word) {
			got = append(got, id)
		}
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: docs %v, want %v", tc.word, got, tc.want)
		}
	}
	if got := ix.docs("harbour"); got[harbour]&1 != 1 || got[tram]&1 != 0 {
		t.Errorf("harbour: title bits %v, want set in doc %d only", got, harbour)
	}
	if !slices.Contains(ix.m.Stop, "the") || slices.Contains(ix.m.Stop, "harbour") {
		t.Errorf("stop words %v", ix.m.Stop)
	}
	if len(ix.m.Months) != 3 || ix.m.Months[0] != (Month{"2025-03", 0}) {
		t.Errorf("months %v", ix.m.Months)
	}
	e, _ := ix.lookup("strike")
	if !e.hasPos {
		t.Fatal("strike: no positions")
	}
	// One doc: count 2, then the gaps; "strike" is the 11th and 16th
	// word of the body, after the title's 4 words and the field gap.
	count, n := binary.Uvarint(e.pos)
	first, m := binary.Uvarint(e.pos[n:])
	gap, _ := binary.Uvarint(e.pos[n+m:])
	if count != 2 || first != 4+fieldGap+10 || gap != 5 {
		t.Errorf("strike: positions %v", e.pos)
	}
}

func TestIndexVersioned(t *testing.T) {
	a, b := build(t, site, false), build(t, site, false)
	if a.m.Version != b.m.Version || len(a.files) != len(b.files) {
		t.Fatalf("two builds differ: %s, %s", a.m.Version, b.m.Version)
	}
	for name, data := range a.files {
		if !bytes.Equal(data, b.files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
		if name != "search/index.json" && !strings.HasPrefix(name, "search/"+a.m.Version+"/") {
			t.Errorf("%s is outside the version's folder", name)
		}
	}
	edited := fstest.MapFS{}
	for k, v := range site {
		edited[k] = v
	}
	edited["content/a.md"] = article("Harbour cranes stand idle", "2025-01-06", "Business", "The port of Kiel.")
	if c := build(t, edited, false); c.m.Version == a.m.Version {
		t.Errorf("an edited body kept version %s", c.m.Version)
	}
}

func TestIndexStories(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, src := range []string{"The Ledger", "Daily Post", "Evening Star"} {
		fsys[fmt.Sprintf("content/s%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Dockers strike shuts Hamburg container port\ndate: 2025-01-0%dT10:00:00Z\ntopic: Business\nsource: %s\n---\nDockers walked out.\n", i+6, src))}
	}
	fsys["content/other.md"] = article("Tram line opens", "2025-01-07", "City", "Trams run.")
	ix := build(t, fsys, true)
	n := 0
	for _, r := range ix.records() {
		if strings.HasPrefix(r.Title, "Dockers") {
			n++
			if !strings.HasPrefix(r.Story, "/news/stories/") || r.Reports != 3 {
				t.Errorf("%s: story %q, %d reports", r.Title, r.Story, r.Reports)
			}
		} else if r.Story != "" {
			t.Errorf("%s: story %q", r.Title, r.Story)
		}
	}
	if n != 3 {
		t.Errorf("%d reports of the story", n)
	}
}

func TestIndexEmpty(t *testing.T) {
	ix := build(t, fstest.MapFS{}, false)
	if ix.m.Docs != 0 || len(ix.m.Shards) != 1 {
		t.Fatalf("manifest %+v", ix.m)
	}
	if _, ok := ix.lookup("anything"); ok {
		t.Error("found a word in an empty index")
	}
}
