package feed_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

func TestEveryFeedIsWritten(t *testing.T) {
	mem := buildSite(t, nil)
	var want []string
	for _, dir := range feedDirs {
		for _, name := range []string{"atom.xml", "feed.json", "feed.xml"} {
			want = append(want, dir+name)
		}
	}
	got := feedFiles(mem)
	if diff := cmp.Diff(sortedCopy(want), got); diff != "" {
		t.Errorf("feed files (-want +got):\n%s", diff)
	}
}

// TestFeedsParse reads every feed with gofeed, the parser many Go readers
// use, and checks the elements each spec requires or this site promises.
func TestFeedsParse(t *testing.T) {
	mem := buildSite(t, nil)
	files := mem.Files()
	for _, dir := range feedDirs {
		t.Run("/"+dir, func(t *testing.T) {
			home := baseURL + dir
			if dir == "editions/" {
				home = baseURL + "archive/"
			}
			rssIDs := checkRSS(t, files[dir+"feed.xml"], home, baseURL+dir+"feed.xml")
			// An author's feed carries summaries; the others full content.
			full := !strings.HasPrefix(dir, "authors/")
			atomIDs := checkAtom(t, files[dir+"atom.xml"], home, baseURL+dir+"atom.xml", full)
			jsonIDs := checkJSON(t, files[dir+"feed.json"], home, baseURL+dir+"feed.json", full)
			if len(rssIDs) == 0 {
				t.Error("feed has no items")
			}
			if diff := cmp.Diff(rssIDs, atomIDs); diff != "" {
				t.Errorf("Atom ids differ from RSS guids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(rssIDs, jsonIDs); diff != "" {
				t.Errorf("JSON ids differ from RSS guids (-want +got):\n%s", diff)
			}
			for _, name := range []string{"feed.xml", "atom.xml", "feed.json"} {
				if _, err := gofeed.NewParser().Parse(bytes.NewReader(files[dir+name])); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
}

func checkRSS(t *testing.T, data []byte, home, self string) []string {
	t.Helper()
	f, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if f.Version != "2.0" || f.Title == "" || f.Link != home || f.Description == "" || f.Language != "en" {
		t.Errorf("channel: version %q title %q link %q description %q language %q", f.Version, f.Title, f.Link, f.Description, f.Language)
	}
	if f.PubDateParsed == nil || f.LastBuildDateParsed == nil {
		t.Errorf("channel dates: pubDate %q lastBuildDate %q", f.PubDate, f.LastBuildDate)
	}
	if links := f.Extensions["atom"]["link"]; len(links) != 1 || links[0].Attrs["href"] != self || links[0].Attrs["rel"] != "self" {
		t.Errorf("atom:link: %+v, want one rel=self to %s", links, self)
	}
	var ids []string
	for _, it := range f.Items {
		if it.Title == "" || it.Link == "" || it.Description == "" {
			t.Errorf("item %q: title, link or description missing", it.Link)
		}
		if it.GUID == nil || it.GUID.Value != it.Link || it.GUID.IsPermalink != "true" {
			t.Errorf("item %q: guid %+v, want the permalink", it.Link, it.GUID)
		}
		if it.PubDateParsed == nil {
			t.Errorf("item %q: pubDate %q", it.Link, it.PubDate)
		}
		if len(it.Categories) == 0 {
			t.Errorf("item %q: no category", it.Link)
		}
		if it.DublinCoreExt == nil || len(it.DublinCoreExt.Creator) == 0 {
			t.Errorf("item %q: no dc:creator", it.Link)
		}
		ids = append(ids, it.GUID.Value)
	}
	return ids
}

func checkAtom(t *testing.T, data []byte, home, self string, full bool) []string {
	t.Helper()
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	if f.Title == "" || f.ID != home || f.UpdatedParsed == nil || f.Language != "en" {
		t.Errorf("feed: title %q id %q updated %q language %q", f.Title, f.ID, f.Updated, f.Language)
	}
	if got := atomLinks(f.Links); got["self"] != self || got["alternate"] != home {
		t.Errorf("feed links %v, want self %s and alternate %s", got, self, home)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name == "" {
		t.Errorf("feed authors %+v", f.Authors)
	}
	var ids []string
	for _, e := range f.Entries {
		if e.Title == "" || e.UpdatedParsed == nil || e.PublishedParsed == nil {
			t.Errorf("entry %q: title %q updated %q published %q", e.ID, e.Title, e.Updated, e.Published)
		}
		if got := atomLinks(e.Links); got["alternate"] != e.ID {
			t.Errorf("entry %q: alternate link %q, want the id", e.ID, got["alternate"])
		}
		if len(e.Authors) == 0 || e.Authors[0].Name == "" {
			t.Errorf("entry %q: no author", e.ID)
		}
		if len(e.Categories) == 0 || e.Categories[0].Term == "" {
			t.Errorf("entry %q: categories %+v", e.ID, e.Categories)
		}
		if full && (e.Content == nil || e.Content.Type != "html" || e.Content.Value == "") || !full && e.Content != nil || e.Summary == "" {
			t.Errorf("entry %q: content %+v summary %q", e.ID, e.Content, e.Summary)
		}
		ids = append(ids, e.ID)
	}
	return ids
}

func atomLinks(links []*atom.Link) map[string]string {
	m := map[string]string{}
	for _, l := range links {
		m[l.Rel] = l.Href
	}
	return m
}

func checkJSON(t *testing.T, data []byte, home, self string, full bool) []string {
	t.Helper()
	f, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || f.Title == "" || f.HomePageURL != home || f.FeedURL != self || f.Language != "en" {
		t.Errorf("feed: version %q title %q home_page_url %q feed_url %q language %q", f.Version, f.Title, f.HomePageURL, f.FeedURL, f.Language)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name == "" {
		t.Errorf("feed authors %+v", f.Authors)
	}
	var ids []string
	for _, it := range f.Items {
		if it.ID != it.URL || it.Title == "" || full == (it.ContentHTML == "") || it.Summary == "" {
			t.Errorf("item %q: url %q title %q content_html %d bytes summary %q", it.ID, it.URL, it.Title, len(it.ContentHTML), it.Summary)
		}
		if it.DatePublished == "" || it.DateModified == "" {
			t.Errorf("item %q: date_published %q date_modified %q", it.ID, it.DatePublished, it.DateModified)
		}
		if len(it.Authors) == 0 || it.Authors[0].Name == "" || len(it.Tags) == 0 {
			t.Errorf("item %q: authors %+v tags %v", it.ID, it.Authors, it.Tags)
		}
		ids = append(ids, it.ID)
	}
	return ids
}

// TestArticleFields follows two stories through the three formats: the
// one with everything set and the one that falls back to the defaults.
func TestArticleFields(t *testing.T) {
	files := buildSite(t, nil).Files()
	a, err := (&atom.Parser{}).Parse(bytes.NewReader(files["atom.xml"]))
	if err != nil {
		t.Fatal(err)
	}
	j, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(files["feed.json"]))
	if err != nil {
		t.Fatal(err)
	}
	r, err := (&rss.Parser{}).Parse(bytes.NewReader(files["feed.xml"]))
	if err != nil {
		t.Fatal(err)
	}
	type story struct {
		Title, Published, Updated, External string
		Authors, Categories                 []string
	}
	tests := []struct {
		id   string
		want story
	}{
		{baseURL + "2025/03/04/zurich-tremor/", story{
			Title:     "Magnitude < 4 tremor wakes Zürich",
			Published: "2025-03-04T06:15:00+01:00", Updated: "2025-03-04T09:00:00+01:00",
			External:   "https://courier.example.com/tremor",
			Authors:    []string{"Léa Müller", "Jon Berg"},
			Categories: []string{"World", "earthquakes", "Switzerland"},
		}},
		{baseURL + "2025/03/03/port-strike/", story{
			Title:     "Dockers in Gdańsk & Rotterdam end strike",
			Published: "2025-03-03T18:40:00+01:00", Updated: "2025-03-03T18:40:00+01:00",
			Authors:    []string{"Harbour Desk"},
			Categories: []string{"World", "labour", "ports"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			var fromAtom, fromJSON, fromRSS story
			for _, e := range a.Entries {
				if e.ID == tt.id {
					fromAtom = story{Title: e.Title, Published: e.Published, Updated: e.Updated}
					for _, p := range e.Authors {
						fromAtom.Authors = append(fromAtom.Authors, p.Name)
					}
					for _, c := range e.Categories {
						fromAtom.Categories = append(fromAtom.Categories, c.Term)
					}
					fromAtom.External = atomLinks(e.Links)["related"]
				}
			}
			for _, it := range j.Items {
				if it.ID == tt.id {
					fromJSON = story{Title: it.Title, Published: it.DatePublished, Updated: it.DateModified, External: it.ExternalURL, Categories: it.Tags}
					for _, p := range it.Authors {
						fromJSON.Authors = append(fromJSON.Authors, p.Name)
					}
				}
			}
			for _, it := range r.Items {
				if it.Link == tt.id {
					// RSS has no update date nor external URL; its pubDate
					// is in RFC 822, so it is compared as a time.
					pub := it.PubDate
					if it.PubDateParsed != nil && it.PubDateParsed.Equal(mustTime(t, tt.want.Published)) {
						pub = tt.want.Published
					}
					fromRSS = story{Title: it.Title, Published: pub, Updated: tt.want.Updated, External: tt.want.External, Authors: it.DublinCoreExt.Creator}
					for _, c := range it.Categories {
						fromRSS.Categories = append(fromRSS.Categories, c.Value)
					}
				}
			}
			for name, got := range map[string]story{"atom": fromAtom, "json": fromJSON, "rss": fromRSS} {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// TestRSSTitleReferences checks the bytes, which a parser hides: a plain
// text RSS title writes <, & and > as hexadecimal references.
func TestRSSTitleReferences(t *testing.T) {
	data := string(buildSite(t, nil).Files()["topics/world/feed.xml"])
	for _, want := range []string{
		"<title>Magnitude &#x3C; 4 tremor wakes Zürich</title>",
		"<title>Dockers in Gdańsk &#x26; Rotterdam end strike</title>",
	} {
		if !strings.Contains(data, want) {
			t.Errorf("topics/world/feed.xml lacks %s", want)
		}
	}
}
