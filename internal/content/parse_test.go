package content

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// parsed is the part of an Article that Parse derives, as text.
type parsed struct {
	Title, Topic, TopicSlug, Slug, Path string
	Date                                string
	Authors, Tags                       []string
	Summary                             string
	Words, ReadingTime                  int
	Draft                               bool
}

func parsedOf(a *Article) parsed {
	return parsed{
		Title: a.Title, Topic: a.Topic, TopicSlug: a.TopicSlug, Slug: a.Slug, Path: a.Path(),
		Date:    a.Date.Format(time.RFC3339),
		Authors: a.Authors, Tags: a.Tags,
		Summary: a.Summary, Words: a.Words, ReadingTime: a.ReadingTime, Draft: a.Draft,
	}
}

func TestParse(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("lorem ipsum dolor sit amet ", 30) // 810 bytes, 150 words
	tests := []struct {
		name, file, bundle, src string
		loc                     *time.Location
		want                    parsed
	}{
		{
			name: "topic from the folder, slug from the file name",
			file: "content/Business/Grocers Bet.md",
			src:  "---\ntitle: Grocers bet small\ndate: 2025-01-06T09:30:00-06:00\n---\nStores shrink.\n",
			want: parsed{
				Title: "Grocers bet small", Topic: "Business", TopicSlug: "business",
				Slug: "grocers-bet", Path: "2025/01/06/grocers-bet/", Date: "2025-01-06T15:30:00Z",
				Summary: "Stores shrink.", Words: 2, ReadingTime: 1,
			},
		},
		{
			name: "front matter topic and slug win over the file's place",
			file: "content/misc/draft-1.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\ntopic: Science & Tech\nslug: Ça Marche\n---\nBody.\n",
			want: parsed{
				Title: "T", Topic: "Science & Tech", TopicSlug: "science-and-tech",
				Slug: "ca-marche", Path: "2025/01/06/ca-marche/", Date: "2025-01-06T00:00:00Z",
				Summary: "Body.", Words: 1, ReadingTime: 1,
			},
		},
		{
			name:   "a bundle takes its folder's name; the topic is the folder above",
			file:   "content/world/Dam Opens/index.md",
			bundle: "content/world/Dam Opens",
			src:    "---\ntitle: A dam opens\ndate: 2025-01-06\n---\nWater.\n",
			want: parsed{
				Title: "A dam opens", Topic: "world", TopicSlug: "world",
				Slug: "dam-opens", Path: "2025/01/06/dam-opens/", Date: "2025-01-06T00:00:00Z",
				Summary: "Water.", Words: 1, ReadingTime: 1,
			},
		},
		{
			name: "a file name without letters gives way to the title",
			file: "content/sport/2025.md",
			src:  "---\ntitle: \"Ünited win\"\ndate: 2025-01-06\n---\n",
			want: parsed{
				Title: "Ünited win", Topic: "sport", TopicSlug: "sport",
				Slug: "2025", Path: "2025/01/06/2025/", Date: "2025-01-06T00:00:00Z",
				ReadingTime: 1,
			},
		},
		{
			name: "a file name of another script gives way to the title",
			file: "content/sport/Москва.md",
			src:  "---\ntitle: \"Moscow marathon\"\ndate: 2025-01-06\n---\n",
			want: parsed{
				Title: "Moscow marathon", Topic: "sport", TopicSlug: "sport",
				Slug: "moscow-marathon", Path: "2025/01/06/moscow-marathon/", Date: "2025-01-06T00:00:00Z",
				ReadingTime: 1,
			},
		},
		{
			name: "author and authors join without repeats",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\nauthors: [Ana Ruiz, Bo Li]\nauthor: bo li\ntags: [Budget, budget, Town Hall]\n---\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", Authors: []string{"Ana Ruiz", "Bo Li"},
				Tags: []string{"Budget", "Town Hall"}, ReadingTime: 1,
			},
		},
		{
			name: "a single author",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\nauthor: Ana Ruiz\ntags: solo\n---\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", Authors: []string{"Ana Ruiz"}, Tags: []string{"solo"},
				ReadingTime: 1,
			},
		},
		{
			name: "summary: first paragraph as plain text",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\n---\n# Heading\n\nThe *mayor* said\n`no` to [the plan](https://example.com).\n\nSecond paragraph.\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", Summary: "The mayor said no to the plan.",
				Words: 10, ReadingTime: 1,
			},
		},
		{
			name: "summary: cut under 300 bytes at a word",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\n---\n" + long + "\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date:    "2025-01-06T00:00:00Z",
				Summary: strings.TrimSpace(strings.Repeat("lorem ipsum dolor sit amet ", 11)) + "…",
				Words:   150, ReadingTime: 1,
			},
		},
		{
			name: "summary: typographer quotes and dashes as characters",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\n---\nShe said \"no\" -- twice... & left at 5 < 6.\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", Summary: "She said “no” – twice… & left at 5 < 6.",
				Words: 10, ReadingTime: 1,
			},
		},
		{
			name: "summary given in front matter",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\nsummary: \"  One line.  \"\n---\nOther text.\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", Summary: "One line.", Words: 2, ReadingTime: 1,
			},
		},
		{
			name: "reading time at 200 words a minute, rounded up",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\n---\n" + strings.Repeat("word ", 401) + "\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date:    "2025-01-06T00:00:00Z",
				Summary: Summarize(strings.Repeat("word ", 401), 300),
				Words:   401, ReadingTime: 3,
			},
		},
		{
			name: "draft",
			file: "content/local/a.md",
			src:  "---\ntitle: T\ndate: 2025-01-06\ndraft: true\n---\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T00:00:00Z", ReadingTime: 1, Draft: true,
			},
		},
		{
			name: "toml front matter, local date-time in the site's zone",
			file: "content/local/a.md",
			loc:  newYork,
			src:  "+++\ntitle = \"T\"\ndate = 2025-01-06T23:30:00\ntags = [\"x\"]\n+++\nBody.\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T23:30:00-05:00", Tags: []string{"x"},
				Summary: "Body.", Words: 1, ReadingTime: 1,
			},
		},
		{
			name: "toml offset date-time moved into the site's zone",
			file: "content/local/a.md",
			src:  "+++\ntitle = \"T\"\ndate = 2025-01-06T23:30:00-05:00\n+++\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/07/a/",
				Date: "2025-01-07T04:30:00Z", ReadingTime: 1,
			},
		},
		{
			name: "yaml date without offset in the site's zone",
			file: "content/local/a.md",
			loc:  newYork,
			src:  "---\ntitle: T\ndate: 2025-01-06 23:30\n---\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T23:30:00-05:00", ReadingTime: 1,
			},
		},
		{
			name: "yaml date with offset lands on the site's day",
			file: "content/local/a.md",
			loc:  newYork,
			src:  "---\ntitle: T\ndate: 2025-01-07T02:00:00Z\n---\n",
			want: parsed{
				Title: "T", Topic: "local", TopicSlug: "local", Slug: "a", Path: "2025/01/06/a/",
				Date: "2025-01-06T21:00:00-05:00", ReadingTime: 1,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, tt.bundle, []byte(tt.src), Options{Location: tt.loc})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, parsedOf(a)); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int
		msg             string // a part of the message
	}{
		{"no title", "content/a/x.md", "---\ndate: 2025-01-06\n---\n", 1, "title: missing"},
		{"no date", "content/a/x.md", "---\ntitle: T\n---\n", 1, "date: missing"},
		{"bad date", "content/a/x.md", "---\ntitle: T\n\ndate: someday\n---\n", 4, "date:"},
		{"updated before date", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\nupdated: 2025-01-05\n---\n", 4, "before the date"},
		{"no topic at the content root", "content/x.md", "---\ntitle: T\ndate: 2025-01-06\n---\n", 1, "topic: missing"},
		{"topic without letters", "content/x.md", "---\ntitle: T\ndate: 2025-01-06\ntopic: \"!!\"\n---\n", 4, "topic"},
		{"slug with a slash", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\nslug: ../../etc\n---\n", 4, "one URL segment"},
		{"title is a list", "content/a/x.md", "---\ntitle: [a, b]\ndate: 2025-01-06\n---\n", 2, "want text"},
		{"title is a number in TOML", "content/a/x.md", "+++\ntitle = 12\ndate = 2025-01-06\n+++\n", 2, "want text"},
		{"draft is text", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\ndraft: maybe\n---\n", 4, "true or false"},
		{"tags hold a table", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\ntags: [a, {b: c}]\n---\n", 4, "tags"},
		{"bad yaml", "content/a/x.md", "---\ntitle: T\ndate: [\n---\n", 3, "invalid YAML"},
		{"bad toml", "content/a/x.md", "+++\ntitle = \"T\"\ndate = \n+++\n", 3, "invalid TOML"},
		{"duplicate key", "content/a/x.md", "---\ntitle: T\ntitle: U\n---\n", 3, "twice"},
		{"image leaves the bundle", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\n---\n\n![x](../../secret.png)\n", 6, "leaves"},
		{"invalid utf-8", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\n---\nok\n\xff\n", 6, "UTF-8"},
		{"NUL byte", "content/a/x.md", "---\ntitle: T\x00\n", 2, "binary"},
		{"escape in the title", "content/a/x.md", "---\ndate: 2025-01-06\ntitle: \"Red \\e[31m\"\n---\n", 3, "title: holds the control character U+001B; remove it"},
		{"raw bell in the title", "content/a/x.md", "---\ntitle: Ding\x07\ndate: 2025-01-06\n---\n", 2, "control characters"},
		{"form feed in the summary", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\nsummary: \"a\\fb\"\n---\n", 4, "summary: holds the control character U+000C"},
		{"vertical tab in TOML", "content/a/x.md", "+++\ntitle = \"T\"\ndate = 2025-01-06\nsource = \"Wire\\u000B\"\n+++\n", 4, "source: holds the control character U+000B"},
		{"noncharacter in the source", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\nsource: \"Wire\\uFFFF\"\n---\n", 4, "noncharacter U+FFFF"},
		{"escape in a tag", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\ntags: [a, \"b\\e\"]\n---\n", 4, "tags: holds the control character U+001B"},
		{"C1 control in an author", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\nauthor: \"A\\x85\"\n---\n", 4, "author: holds the control character U+0085"},
		// Lines as an editor shows them: a lone \r ends one, as \r\n does.
		{"bad yaml after a lone CR", "content/a/x.md", "---\rtitle: T\rdate: [\r---\r", 3, "invalid YAML"},
		{"bad date after CRLF", "content/a/x.md", "---\r\ntitle: T\r\n\r\ndate: someday\r\n---\r\n", 4, "date:"},
		{"duplicate key after a lone CR", "content/a/x.md", "---\ntitle: T\r\rtitle: U\n---\n", 4, "twice"},
		{"image after a lone CR", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\n---\r\r![x](../../secret.png)\n", 6, "leaves"},
		{"invalid utf-8 after a lone CR", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\n---\rok\r\xff\n", 6, "UTF-8"},
		// yaml.v3 ends a line at U+2028 and U+0085 too, editors do not.
		{"bad yaml after U+2028", "content/a/x.md", "---\ntitle: T\u2028x\ndate: 2025-01-06\n---\n", 2, "expected ':'"},
		{"duplicate key after U+0085", "content/a/x.md", "---\ntitle: \"T\u0085x\"\ntitle: U\n---\n", 3, "twice"},
		{"unknown anchor", "content/a/x.md", "---\ntitle: T\ndate: 2025-01-06\n\ntags: [a, *nowhere]\n---\n", 5, "unknown anchor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, "", []byte(tt.src), Options{})
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("Parse = %v, want an error at line %d", err, tt.line)
			}
			if le.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse error %q, want line %d and %q", err, tt.line, tt.msg)
			}
		})
	}
}

// YAML reads some unquoted text as numbers, booleans or dates; in text
// fields the words as written are what the author meant.
func TestParseUnquotedScalars(t *testing.T) {
	src := "---\ntitle: 1984\ndate: 2025-01-06\ntopic: Books\ntags: [2024, elections, yes]\ndateline: 2025\n---\nBody.\n"
	a, err := Parse("content/books/x.md", "", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "1984" || a.Dateline != "2025" {
		t.Errorf("title %q, dateline %q; want 1984 and 2025", a.Title, a.Dateline)
	}
	if diff := cmp.Diff([]string{"2024", "elections", "yes"}, a.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}

// Tabs and line breaks inside text fields are whitespace, not control
// characters to refuse.
func TestParseKeepsTabsAndNewlines(t *testing.T) {
	src := "---\ntitle: \"One\\ttwo\"\ndate: 2025-01-06\nsummary: |\n  Line one\n  line two\n---\n"
	a, err := Parse("content/a/x.md", "", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "One\ttwo" || a.Summary != "Line one\nline two" {
		t.Errorf("Title %q, Summary %q", a.Title, a.Summary)
	}
}
