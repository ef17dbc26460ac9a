package markdown

import (
	"strings"
	"testing"
)

// FuzzConvert converts arbitrary Markdown with raw HTML off: no panic, no
// script element and no link lines outside the body.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with <script>alert(1)</script>.\n",
		"[a](javascript:alert(1)) <javascript:alert(1)> ![b](data:text/html,x)\n",
		"| a | b |\n|---|---|\n| <script> | x |\n\n[^1]\n\n[^1]: note\n",
		"```\n<script>\n```\n\n<div>\n<script>\n</div>\n",
		"<!-- <script> -->\n\n<scr<script>ipt>\n",
	} {
		f.Add(s)
	}
	md := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		r, err := Convert(md, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(r.HTML), "<script") {
			t.Fatalf("script in output: %s", r.HTML)
		}
		lines := strings.Count(body, "\n") + 1
		for _, l := range r.Links {
			if l.Line < 0 || l.Line >= lines {
				t.Fatalf("link %q on body line %d, body has %d lines", l.Dest, l.Line, lines)
			}
		}
	})
}
