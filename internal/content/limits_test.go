package content

import (
	"strings"
	"testing"
)

func TestContainerDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"Plain text.", 0},
		{"> quote", 1},
		{"> > > deep", 3},
		{">>> python prompt", 3},
		{"- item", 1},
		{"  - nested item", 2},
		{"    - deeper", 3},
		{"1. first", 1},
		{"> 1. - mixed", 3},
		{"-not a list", 0},
		{"2025. A year", 1},
		{"\t- tabbed", 3},
		{"*emphasis*", 0},
		{"> " + strings.Repeat("> ", 200), 201},
	}
	for _, tt := range tests {
		if got := containerDepth([]byte(tt.line)); got != tt.want {
			t.Errorf("containerDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestCheckBody(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // the error, "" for none
	}{
		{"ordinary", "Text.\n\n> quote\n> > nested\n\n- a\n  - b\n\n[x]: /x\n\nA note[^1].\n\n[^1]: note\n", ""},
		{"quotes", "Intro.\n" + strings.Repeat("> ", 101) + "x\n", "line 11: quotes or lists nested 101 deep; at most 100"},
		{"indented lists", strings.Repeat("  ", 100) + "- x\n", "line 10: quotes or lists nested 101 deep; at most 100"},
		{"footnotes", strings.Repeat("[^n]: note\n", 1001), "line 1010: more than 1000 footnotes"},
		{"definitions", strings.Repeat("[a]: /u\n", 2001), "line 2010: more than 2000 link definitions ([label]: url)"},
	}
	for _, tt := range tests {
		err := checkBody([]byte(tt.body), 10)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: checkBody = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCheckDepth(t *testing.T) {
	deep := "<p>" + strings.Repeat("<em>", 100) + "x" + strings.Repeat("</em>", 100) + "</p>"
	if err := checkDepth(deep, 7); err == nil || !strings.Contains(err.Error(), "line 7: emphasis, links, quotes or lists nested more than 100 deep") {
		t.Errorf("checkDepth on 101 levels = %v", err)
	}
	wide := strings.Repeat("<p>para<br><img src=x></p>\n", 500)
	if err := checkDepth(wide, 7); err != nil {
		t.Errorf("checkDepth on 500 paragraphs = %v", err)
	}
}
