package content

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

var validPath = regexp.MustCompile(`^\d{4}/\d{2}/\d{2}/[a-z0-9]+(-[a-z0-9]+)*/$`)

// FuzzParse checks that no file, however broken, panics the parser, and
// that every article it accepts has a title, a topic and a safe URL.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndate: 2025-01-06\n---\nBody with [a link](x) and ![img](y.png).\n",
		"+++\ntitle = \"A\"\ndate = 2025-01-06T09:00:00\ntags = [\"x\"]\n+++\n# Head\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"---\ntitle: A\ndate: 2025-01-06\nslug: ../x\n---\n",
		"---\ntitle: [\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: A\ndate: 2025-01-06\nauthors: {a: b}\n---\nText[^1]\n\n[^1]: Note.\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("content/topic/file.md", "", data, Options{})
		if err != nil {
			return
		}
		if a.Title == "" || a.TopicSlug == "" || !validPath.MatchString(a.Path()) {
			t.Fatalf("accepted an article with title %q, topic slug %q, path %q", a.Title, a.TopicSlug, a.Path())
		}
		if a.ReadingTime < 1 || utf8.RuneCountInString(a.Summary) > 300 {
			t.Fatalf("reading time %d, summary of %d characters", a.ReadingTime, utf8.RuneCountInString(a.Summary))
		}
	})
}
