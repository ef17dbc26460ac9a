package config

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreLocation compares Config without its loaded *time.Location, which
// is checked through Timezone and Location.String.
var ignoreLocation = cmpopts.IgnoreFields(Config{}, "Location")

func TestParseDefaults(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n"} {
		got, err := Parse([]byte(src))
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		want := &Config{
			Title:    "News Digest",
			BaseURL:  "http://localhost:1313/",
			Language: "en",
			Timezone: "UTC",
			Theme:    "default",
			Paginate: 20,
			Feeds:    Feeds{Items: 50, FullContent: true},
			Content:  Content{MaxFileSize: "10MiB", MaxBytes: 10 << 20},
			Stories:  Stories{Enabled: true, Window: "72h", Lists: "stories", WindowDuration: 72 * time.Hour},
			Fetch: Fetch{Topic: "News", PerHost: 2, Delay: "1s", Timeout: "30s", MaxSize: "10MiB",
				DelayDuration: time.Second, TimeoutDuration: 30 * time.Second, MaxBytes: 10 << 20},
			Import: Import{Topic: "News"},
			Search: Search{Enabled: true},
		}
		if diff := cmp.Diff(want, got, ignoreLocation); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", src, diff)
		}
		if got.Location.String() != "UTC" {
			t.Errorf("Location = %s, want UTC", got.Location)
		}
		if diff := cmp.Diff(Default(), got, ignoreLocation); diff != "" {
			t.Errorf("Parse(%q) differs from Default() (-want +got):\n%s", src, diff)
		}
	}
}

func TestParseEveryKey(t *testing.T) {
	src := `title = "The Ledger"
description = "Local news, daily."
baseURL = "https://example.com/news"
language = "fr"
timezone = "Europe/Paris"
theme = "paper"
author = "The Desk"
topics = ["Politics", "Économie"]
paginate = 5

[feeds]
items = 10
full_content = false

[markup]
unsafe = true

[content]
max_file_size = "512KiB"

[stories]
enabled = false
window = "36h30m"
lists = "articles"

[fetch]
topic = "Wire"
per_host = 1
delay = "2s"
timeout = "10s"
max_size = "2MiB"

[[sources]]
name = "City Hall"
url = "https://example.org/feed.xml"
topic = "Politics"
full = true

[[sources]]
url = "https://example.net/feed.json"

[import]
topic = "Dépêches"

[search]
enabled = false
`
	got, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Title:       "The Ledger",
		Description: "Local news, daily.",
		BaseURL:     "https://example.com/news/",
		Language:    "fr",
		Timezone:    "Europe/Paris",
		Theme:       "paper",
		Author:      "The Desk",
		Topics:      []string{"Politics", "Économie"},
		Paginate:    5,
		Feeds:       Feeds{Items: 10, FullContent: false},
		Markup:      Markup{Unsafe: true},
		Content:     Content{MaxFileSize: "512KiB", MaxBytes: 512 << 10},
		Stories:     Stories{Enabled: false, Window: "36h30m", Lists: "articles", WindowDuration: 36*time.Hour + 30*time.Minute},
		Fetch: Fetch{Topic: "Wire", PerHost: 1, Delay: "2s", Timeout: "10s", MaxSize: "2MiB",
			DelayDuration: 2 * time.Second, TimeoutDuration: 10 * time.Second, MaxBytes: 2 << 20},
		Sources: []Source{
			{Name: "City Hall", URL: "https://example.org/feed.xml", Topic: "Politics", Full: true},
			{URL: "https://example.net/feed.json"},
		},
		Import:     Import{Topic: "Dépêches"},
		Search:     Search{Enabled: false},
		BaseURLSet: true,
	}
	if diff := cmp.Diff(want, got, ignoreLocation); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	if got.Location.String() != "Europe/Paris" {
		t.Errorf("Location = %s, want Europe/Paris", got.Location)
	}
}

func TestParseBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com", "https://example.com/"},
		{"https://example.com/", "https://example.com/"},
		{"https://example.com/news", "https://example.com/news/"},
		{"  http://host:8080/a/b/  ", "http://host:8080/a/b/"},
		{"https://example.com/caf%C3%A9/", "https://example.com/caf%C3%A9/"},
	}
	for _, tt := range tests {
		c, err := Parse([]byte("baseURL = \"" + tt.in + "\"\n"))
		if err != nil {
			t.Errorf("baseURL %q: %v", tt.in, err)
			continue
		}
		if c.BaseURL != tt.want {
			t.Errorf("baseURL %q = %q, want %q", tt.in, c.BaseURL, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // parts of the message
	}{
		{"unknown key", "title = \"A\"\n\ntitel = \"B\"\n", []string{"newsdigest.toml:3:", `"titel"`}},
		{"unknown key in a table", "[feeds]\nitems = 3\nfull = true\n", []string{"newsdigest.toml:3:", `"feeds.full"`}},
		{"unknown table", "title = \"A\"\n[extra]\nx = 1\n", []string{"newsdigest.toml:", "extra"}},
		{"title of the wrong kind", "title = 3\n", []string{"newsdigest.toml:1:", "title"}},
		{"paginate of the wrong kind", "\npaginate = \"ten\"\n", []string{"newsdigest.toml:2:", "paginate"}},
		{"topics of the wrong kind", "topics = \"Sport\"\n", []string{"newsdigest.toml:1:", "topics"}},
		{"not toml", "title = \n", []string{"newsdigest.toml:1:"}},
		{"relative baseURL", "title = \"A\"\nbaseURL = \"/news/\"\n", []string{"newsdigest.toml:2:", "baseURL", "absolute"}},
		{"baseURL with a query", "baseURL = \"https://h/?a=b\"\n", []string{"newsdigest.toml:1:", "baseURL", "query"}},
		{"ftp baseURL", "baseURL = \"ftp://h/\"\n", []string{"newsdigest.toml:1:", "baseURL"}},
		{"unknown time zone", "title = \"A\"\ntimezone = \"Mars/Olympus\"\n", []string{"newsdigest.toml:2:", "timezone", "Mars/Olympus"}},
		{"local time zone", "timezone = \"Local\"\n", []string{"newsdigest.toml:1:", "timezone"}},
		{"empty time zone", "timezone = \"\"\n", []string{"newsdigest.toml:1:", "timezone"}},
		{"empty language", "language = \"\"\n", []string{"newsdigest.toml:1:", "language"}},
		{"paginate zero", "\n\npaginate = 0\n", []string{"newsdigest.toml:3:", "paginate", "at least 1"}},
		{"feed items zero", "[feeds]\nitems = 0\n", []string{"newsdigest.toml:2: feeds.items: must be at least 1"}},
		{"feed items zero as a dotted key", "title = \"A\"\nfeeds.items = 0\n", []string{"newsdigest.toml:2: feeds.items:"}},
		{"a key of the same name in another table", "[markup]\n# items = 3\n[feeds] # lists\nfull_content = true\n\"items\" = 0\n", []string{"newsdigest.toml:5: feeds.items:"}},
		{"quoted key", "\"paginate\" = 0\n", []string{"newsdigest.toml:1: paginate:"}},
		{"theme with a slash", "theme = \"../x\"\n", []string{"newsdigest.toml:1:", "theme"}},
		{"topic listed twice", "topics = [\"Sport\", \"sport\"]\n", []string{"newsdigest.toml:1:", "topics", "twice"}},
		{"empty topic", "topics = [\" \"]\n", []string{"newsdigest.toml:1:", "topics", "empty"}},
		{"bad size", "[content]\nmax_file_size = \"lots\"\n", []string{"newsdigest.toml:2: content.max_file_size:"}},
		{"negative size", "[content]\nmax_file_size = \"-1MiB\"\n", []string{"newsdigest.toml:2: content.max_file_size:"}},
		{"bad window", "[stories]\nwindow = \"3 days\"\n", []string{"newsdigest.toml:2: stories.window:"}},
		{"zero window", "[stories]\nwindow = \"0s\"\n", []string{"newsdigest.toml:2: stories.window:"}},
		{"bad lists", "[stories]\nenabled = true\nlists = \"events\"\n", []string{"newsdigest.toml:3: stories.lists:"}},
		{"import topic without letters", "[import]\ntopic = \"--\"\n", []string{"newsdigest.toml:2: import.topic:"}},
		{"escape in the title", "baseURL = \"https://h/\"\ntitle = \"Evil\\u001b digest\"\n", []string{"newsdigest.toml:2: title: holds the control character U+001B; remove it"}},
		{"bell in the description", "description = \"a\\u0007\"\n", []string{"newsdigest.toml:1: description:", "U+0007"}},
		{"vertical tab in the author", "author = \"a\\u000B\"\n", []string{"newsdigest.toml:1: author:", "U+000B"}},
		{"form feed in a topic", "topics = [\"Sport\", \"a\\fb\"]\n", []string{"newsdigest.toml:1: topics:", "U+000C"}},
		{"noncharacter in the title", "title = \"a\\uFFFE\"\n", []string{"newsdigest.toml:1: title: holds the noncharacter U+FFFE"}},
		{"source without a url", "[[sources]]\nname = \"A\"\n", []string{"newsdigest.toml:1: [[sources]] number 1 has no url"}},
		{"source of another scheme", "[[sources]]\nurl = \"https://a/feed\"\n\n[[sources]]\nurl = \"file:///etc/passwd\"\n", []string{"newsdigest.toml:4: sources.url:", "http or https"}},
		{"source listed twice", "[[sources]]\nurl = \"https://a/feed\"\n[[sources]]\nurl = \"https://a/feed\"\n", []string{"newsdigest.toml:3:", "twice"}},
		{"unknown key in a source", "[[sources]]\nurl = \"https://a/feed\"\nfull_text = true\n", []string{"newsdigest.toml:3:", "sources.full_text"}},
		{"zero per host", "[fetch]\nper_host = 0\n", []string{"newsdigest.toml:2: fetch.per_host:"}},
		{"bad delay", "[fetch]\ndelay = \"soon\"\n", []string{"newsdigest.toml:2: fetch.delay:"}},
		{"bad fetch size", "[fetch]\nmax_size = \"big\"\n", []string{"newsdigest.toml:2: fetch.max_size:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.src))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.src, c)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"2048", 2048},
		{"1B", 1},
		{"512KiB", 512 << 10},
		{"10MiB", 10 << 20},
		{"1GiB", 1 << 30},
		{"3KB", 3000},
		{"2MB", 2e6},
		{"1GB", 1e9},
		{" 4 MiB ", 4 << 20},
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"1.5MiB", 0},
		{"10 mib", 0},
		{"MiB", 0},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("ParseSize(%q) = %d, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	c, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatalf("Load without a file: %v", err)
	}
	if c.Title != "News Digest" || c.BaseURLSet {
		t.Errorf("Load without a file = %+v, want the defaults", c)
	}
	c, err = Load(fstest.MapFS{File: {Data: []byte("title = \"X\"\n")}})
	if err != nil || c.Title != "X" {
		t.Errorf("Load = %+v, %v; want title X", c, err)
	}
	if _, err := Load(fstest.MapFS{File: {Data: []byte("nope = 1\n")}}); err == nil {
		t.Error("Load with an unknown key: no error")
	}
}

func TestSetBaseURL(t *testing.T) {
	c := Default()
	if err := c.SetBaseURL("https://host/news"); err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://host/news/" || !c.BaseURLSet {
		t.Errorf("SetBaseURL = %q (set %v), want https://host/news/ (set true)", c.BaseURL, c.BaseURLSet)
	}
	if err := c.SetBaseURL("host/news"); err == nil || !strings.Contains(err.Error(), "--baseURL") {
		t.Errorf("SetBaseURL(host/news) = %v, want an error naming --baseURL", err)
	}
}

// Tabs and line breaks are whitespace in pages and feeds alike, so text
// keys keep them; only other control characters are refused.
func TestParseKeepsTabsAndNewlines(t *testing.T) {
	c, err := Parse([]byte("description = \"one\\ttwo\\r\\nthree\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "one\ttwo\r\nthree"; c.Description != want {
		t.Errorf("Description = %q, want %q", c.Description, want)
	}
}
