package tmplrun

import (
	"bytes"
	"html/template"
	"testing"
)

// escapeContexts put one value in each context the escapers serve.
var escapeContexts = []string{
	`<p>{{.}}</p>`,
	`<a title="{{.}}">x</a>`,
	`<a title='{{.}}'>x</a>`,
	`<a href="{{.}}">x</a>`,
	`<a href="/search?q={{.}}">x</a>`,
	`<a href="/tags/{{.}}/">x</a>`,
	`<img srcx="{{.}}">`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
}

// FuzzEscapers checks the escapers against html/template's own on any
// text, given as a string, as template.HTML, as template.URL and behind a
// pointer.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{
		"", "plain", `<b>"quoted" & 'single'</b>`, "a+b=c", "javascript:alert(1)", "JaVaScRiPt:x",
		"mailto:a@b.c", "HTTPS://x.y/z?q=1&r=2#f", "/path/with space/%41%zz%", "ü€\x00\xff\xfe",
		"data:text/html,<x>", "//evil.example/", "a:b/c", "%", "%4", "%41", "[::1]:80", "\uFDD0\uFFFF",
	} {
		f.Add(s)
	}
	sets := make([]*template.Template, len(escapeContexts))
	for i, text := range escapeContexts {
		sets[i] = template.Must(template.New("t").Parse(text))
	}
	f.Fuzz(func(t *testing.T, s string) {
		values := []any{s, template.HTML(s), template.URL(s), &s, len(s)}
		for i, tmpl := range sets {
			for _, v := range values {
				var want bytes.Buffer
				if err := tmpl.Execute(&want, v); err != nil {
					t.Fatal(err)
				}
				p, err := Compile(tmpl, "t", nil)
				if err != nil {
					t.Fatalf("%s: %v", escapeContexts[i], err)
				}
				var got bytes.Buffer
				if !p.Execute(&got, v) {
					continue // typed content in a context left to html/template
				}
				if got.String() != want.String() {
					t.Fatalf("%s with %T %q:\ngot  %q\nwant %q", escapeContexts[i], v, s, got.String(), want.String())
				}
			}
		}
	})
}
