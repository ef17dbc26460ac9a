package content

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplit(t *testing.T) {
	// front is Front with the byte slices as text, for readable diffs.
	type front struct {
		Format               Format
		Matter, Body         string
		MatterLine, BodyLine int
	}
	tests := []struct {
		name    string
		src     string
		want    front
		errLine int // 0: no error
		err     error
	}{
		{
			name: "yaml",
			src:  "---\ntitle: A\ndate: 2025-01-06\n---\nBody.\n",
			want: front{YAML, "title: A\ndate: 2025-01-06\n", "Body.\n", 2, 5},
		},
		{
			name: "toml",
			src:  "+++\ntitle = \"A\"\n+++\n\nBody.\n",
			want: front{TOML, "title = \"A\"\n", "\nBody.\n", 2, 4},
		},
		{
			name: "byte-order mark",
			src:  "\xef\xbb\xbf---\ntitle: A\n---\nBody.\n",
			want: front{YAML, "title: A\n", "Body.\n", 2, 4},
		},
		{
			name: "CRLF line endings",
			src:  "---\r\ntitle: A\r\n---\r\nBody.\r\n",
			want: front{YAML, "title: A\r\n", "Body.\r\n", 2, 4},
		},
		{
			name: "fences with trailing spaces",
			src:  "--- \t\ntitle: A\n---  \nBody.",
			want: front{YAML, "title: A\n", "Body.", 2, 4},
		},
		{
			name: "empty front matter",
			src:  "---\n---\nBody.\n",
			want: front{YAML, "", "Body.\n", 2, 3},
		},
		{
			name: "no body after the closing fence",
			src:  "---\ntitle: A\n---",
			want: front{YAML, "title: A\n", "", 2, 4},
		},
		{
			name: "a rule in the body is body",
			src:  "---\ntitle: A\n---\nOne.\n\n---\n\nTwo.\n",
			want: front{YAML, "title: A\n", "One.\n\n---\n\nTwo.\n", 2, 4},
		},
		{
			name: "a toml block is closed by +++ only",
			src:  "+++\na = \"---\"\n---\n+++\nBody.",
			want: front{TOML, "a = \"---\"\n---\n", "Body.", 2, 5},
		},
		{name: "unclosed yaml", src: "---\ntitle: A\n\nBody.\n", errLine: 1},
		{name: "closed by the other fence", src: "---\ntitle: A\n+++\nBody.\n", errLine: 1},
		{name: "four dashes are not a fence", src: "----\ntitle: A\n----\n", errLine: 1, err: errNoFrontMatter},
		{name: "indented fence", src: " ---\ntitle: A\n---\n", errLine: 1, err: errNoFrontMatter},
		{name: "no front matter", src: "# Title\n\nBody.\n", errLine: 1, err: errNoFrontMatter},
		{name: "empty", src: "", errLine: 1, err: errEmpty},
		{name: "only blank lines", src: "\n \r\n\t\n", errLine: 1, err: errEmpty},
		{name: "only a byte-order mark", src: "\xef\xbb\xbf", errLine: 1, err: errEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Split([]byte(tt.src))
			if tt.errLine != 0 {
				var le *LineError
				if !errors.As(err, &le) {
					t.Fatalf("Split(%q) = %v, want an error at line %d", tt.src, err, tt.errLine)
				}
				if le.Line != tt.errLine {
					t.Errorf("error %v at line %d, want line %d", err, le.Line, tt.errLine)
				}
				if tt.err != nil && !errors.Is(err, tt.err) {
					t.Errorf("error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Split(%q): %v", tt.src, err)
			}
			got := front{f.Format, string(f.Matter), string(f.Body), f.MatterLine, f.BodyLine}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// FuzzSplit checks that Split never panics and that what it returns lies in
// the input: the matter, then the body, each a slice of the input itself,
// with the line numbers of where they start.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody.\n",
		"+++\ntitle = 'A'\n+++\n",
		"\xef\xbb\xbf---\r\na: 1\r\n---\r\n",
		"---\n---\n",
		"---",
		"",
		"# no front matter\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fr, err := Split(src)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 {
				t.Fatalf("error %v has no line", err)
			}
			return
		}
		if fr.Format != YAML && fr.Format != TOML {
			t.Fatalf("format %d", fr.Format)
		}
		matterAt, ok := offsetIn(src, fr.Matter)
		if !ok {
			t.Fatalf("matter %q is not a slice of the input", fr.Matter)
		}
		if matterAt < 4 {
			t.Fatalf("matter at byte %d overlaps the opening fence", matterAt)
		}
		if fr.MatterLine != 2 {
			t.Errorf("MatterLine = %d, want 2", fr.MatterLine)
		}
		if got := 1 + bytes.Count(src[:matterAt], []byte("\n")); got != fr.MatterLine {
			t.Errorf("matter starts on line %d, MatterLine says %d", got, fr.MatterLine)
		}
		if len(fr.Body) == 0 {
			return
		}
		bodyAt, ok := offsetIn(src, fr.Body)
		if !ok {
			t.Fatalf("body %q is not a slice of the input", fr.Body)
		}
		if bodyAt < matterAt+len(fr.Matter)+3 {
			t.Fatalf("body at byte %d does not follow the matter and its closing fence (matter %d+%d)", bodyAt, matterAt, len(fr.Matter))
		}
		if bodyAt+len(fr.Body) != len(src) {
			t.Fatalf("body ends at byte %d, input at %d", bodyAt+len(fr.Body), len(src))
		}
		if got := 1 + bytes.Count(src[:bodyAt], []byte("\n")); got != fr.BodyLine {
			t.Errorf("body starts on line %d, BodyLine says %d", got, fr.BodyLine)
		}
	})
}

// offsetIn returns where sub starts within src, if sub shares src's memory.
// An empty sub has no memory to share and sits anywhere; it is at 0 unless
// its capacity places it.
func offsetIn(src, sub []byte) (int, bool) {
	at := cap(src) - cap(sub)
	if at < 0 || at+len(sub) > len(src) {
		return 0, false
	}
	if len(sub) > 0 && &src[at] != &sub[0] {
		return 0, false
	}
	return at, true
}
