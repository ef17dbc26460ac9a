package content

import (
	"bytes"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/newsdigest/newsdigest/internal/output"
)

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzParse feeds arbitrary bytes to Parse. Every failure must be a
// LineError on a line of the file; every success must have a title, a date
// and a URL that stays inside the output.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndate: 2025-01-06\n---\nBody.\n",
		"+++\ntitle = \"A\"\ndate = 2025-01-06T09:00:00Z\ntags = [\"x\"]\n+++\nBody.\n",
		"---\ntitle: A\ndate: 2025-01-06\nslug: ../../x\n---\n",
		"---\ntitle: \"A\ndate: [1]\n---\n",
		"\xef\xbb\xbf---\ntitle: A\ndate: '2025-01-06 09:30'\nimage: ../x.png\n---\n![a](../b.png)\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: A\ndate: 2025-01-06\nsource_url: javascript:x\n---\n",
		"",
		"\x00",
		"---\rtitle: A\rdate: [\r---\r",
		"---\ntitle: A\ndate: 2025-01-06\ntags: [*x]\n---\n",
	} {
		f.Add([]byte(s))
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("content/world/x.md", "", data, Options{Markdown: md})
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %q is not a LineError", err)
			}
			if lines := editorLines(data); le.Line < 1 || le.Line > lines+1 {
				t.Fatalf("error %q on line %d of a %d-line file", err, le.Line, lines)
			}
			// The line must be the same with other line endings: no count
			// may see a line break that another does not.
			for _, nl := range []string{"\r\n", "\r"} {
				_, err2 := Parse("content/world/x.md", "", bytes.ReplaceAll(normalizeNewlines(data), []byte("\n"), []byte(nl)), Options{Markdown: md})
				var le2 *LineError
				if errors.As(err2, &le2) && le2.Line != le.Line {
					t.Fatalf("error %q on line %d; with %q line endings %q on line %d", err, le.Line, nl, err2, le2.Line)
				}
			}
			return
		}
		if a.Title == "" {
			t.Fatalf("parsed without a title: %+v", a)
		}
		if !slugShape.MatchString(a.Slug) || !slugShape.MatchString(a.TopicSlug) {
			t.Fatalf("slug %q, topic slug %q", a.Slug, a.TopicSlug)
		}
		if err := output.CheckPath(a.Path() + "index.html"); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower([]byte(a.Body)), []byte("<script")) {
			t.Fatalf("body holds a script: %s", a.Body)
		}
	})
}

// editorLines counts the lines of data as an editor shows them.
func editorLines(data []byte) int {
	return bytes.Count(normalizeNewlines(data), []byte("\n")) + 1
}

// FuzzParseDate checks that ParseDate never panics and that what it accepts
// reads back to the same instant.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-01-06", "2025-01-06 09:30", "2025-01-06T09:30:00-06:00", "Mon, 06 Jan 2025 09:30:00 -0600", "2025-13-45", "yesterday", " 2025-01-06T09:30Z "} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		f.Skip("no time zone database:", err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s, loc)
		if err != nil {
			return
		}
		// In UTC, since RFC 3339 cannot write the seconds of an old
		// local-mean-time offset.
		back, err := ParseDate(got.UTC().Format(time.RFC3339Nano), loc)
		if err != nil || !back.Equal(got) {
			t.Fatalf("%q parsed as %v, which reads back as %v, %v", s, got, back, err)
		}
	})
}
