package deploy

import (
	"context"
	"crypto/md5"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestPhaseOf(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want Phase
	}{
		{"style.css", Assets},
		{"2026/10/29/river-survey/eel-counts.png", Assets},
		{"search/index-0.json", Assets},
		{"2026/10/29/river-survey/index.html", Articles},
		{"2026/10/29/index.html", Lists},
		{"topics/city/page/2/index.html", Lists},
		{"stories/abc123/index.html", Lists},
		{"404.html", Lists},
		{"index.html", Front},
		{"feed.xml", Front},
		{"topics/city/atom.xml", Front},
		{"editions/feed.json", Front},
		{"sitemap.xml", Front},
		{"news-sitemap.xml", Front},
		{"robots.txt", Front},
	} {
		if got := PhaseOf(tc.key); got != tc.want {
			t.Errorf("PhaseOf(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}

func sum(s string) []byte { h := md5.Sum([]byte(s)); return h[:] }

func TestMake(t *testing.T) {
	local := []Local{
		{Key: "index.html", Size: 4, MD5: sum("home")},
		{Key: "style.css", Size: 3, MD5: sum("css")},
		{Key: "2026/01/02/a/index.html", Size: 1, MD5: sum("a")},
		{Key: "2026/01/02/index.html", Size: 1, MD5: sum("e")},
	}
	remote := map[string]Remote{
		"index.html":              {Key: "index.html", Size: 4, MD5: sum("home")},
		"style.css":               {Key: "style.css", Size: 3, MD5: sum("old")},
		"2026/01/02/a/index.html": {Key: "2026/01/02/a/index.html", Size: 2, MD5: sum("a")},
		"gone.html":               {Key: "gone.html", Size: 1, MD5: sum("g")},
		".git/HEAD":               {Key: ".git/HEAD", Size: 1, MD5: sum("h")},
		"x/.well-known/a":         {Key: "x/.well-known/a", Size: 1, MD5: sum("w")},
	}
	p := Make(local, "r1", Listing{Objects: remote, Rules: "r1"})
	got := map[string]string{}
	for ph, ups := range p.Uploads {
		for _, u := range ups {
			got[u.Key] = Phase(ph).String() + " " + u.Reason
		}
	}
	want := map[string]string{
		"style.css":               "assets changed",
		"2026/01/02/a/index.html": "article pages changed",
		"2026/01/02/index.html":   "list pages new",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("uploads (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"gone.html"}, p.Deletes); diff != "" {
		t.Errorf("deletes (-want +got):\n%s", diff)
	}
	if p.Unchanged != 1 || p.RecordRules {
		t.Errorf("unchanged %d, record rules %t; want 1, false", p.Unchanged, p.RecordRules)
	}

	// Other rules than the bucket's: the stored headers decide.
	home := remote["index.html"]
	home.Headers = local[0].Headers.Digest()
	remote["index.html"] = home
	p = Make(local, "r2", Listing{Objects: remote, Rules: "r1"})
	if p.Count() != 3 || p.Unchanged != 1 || !p.RecordRules {
		t.Errorf("after a change of rules, same headers: %d uploads, %d unchanged, record %t; want 3, 1, true", p.Count(), p.Unchanged, p.RecordRules)
	}
	local[0].Headers.CacheControl = "no-cache"
	p = Make(local, "r2", Listing{Objects: remote, Rules: "r1"})
	if p.Count() != 4 || p.Uploads[Front][0].Reason != "headers changed" {
		t.Errorf("after a change of rules and headers: %d uploads, %+v; want 4, index.html's headers changed", p.Count(), p.Uploads[Front])
	}
}

func TestScanHeaders(t *testing.T) {
	page := "<!doctype html><title>x</title>"
	build := fstest.MapFS{
		".newsdigest-output":  {Data: []byte("")},
		"index.html":          {Data: []byte(page)},
		"style.css":           {Data: []byte("body{}")},
		"feed.xml":            {Data: []byte("<rss/>")},
		"blob":                {Data: []byte("\x89PNG\r\n\x1a\n....")},
		"2026/01/02/a/x.webp": {Data: []byte("RIFF")},
	}
	rules := []Rule{
		{Pattern: regexp.MustCompile(`\.html$`), CacheControl: "max-age=60", Gzip: true},
		{Pattern: regexp.MustCompile(`\.(css|webp)$`), CacheControl: "max-age=31536000, immutable"},
		{Pattern: regexp.MustCompile(`^feed\.xml$`), ContentType: "application/rss+xml"},
	}
	files, err := Scan(context.Background(), build, rules, 4)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Headers{}
	for _, f := range files {
		got[f.Key] = f.Headers
	}
	want := map[string]Headers{
		"index.html":          {ContentType: "text/html; charset=utf-8", CacheControl: "max-age=60", ContentEncoding: "gzip"},
		"style.css":           {ContentType: "text/css; charset=utf-8", CacheControl: "max-age=31536000, immutable"},
		"feed.xml":            {ContentType: "application/rss+xml"},
		"blob":                {ContentType: "image/png"},
		"2026/01/02/a/x.webp": {ContentType: "image/webp", CacheControl: "max-age=31536000, immutable"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}

	// Gzip leaves out the time, so a second scan gives the same bytes.
	again, err := Scan(context.Background(), build, rules, 4)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(files, again); diff != "" {
		t.Errorf("a second scan differs (-first +second):\n%s", diff)
	}
	for _, f := range files {
		if f.Key == "index.html" && f.Size == int64(len(page)) {
			t.Errorf("index.html: size %d is the plain size; want the compressed one", f.Size)
		}
	}
}
