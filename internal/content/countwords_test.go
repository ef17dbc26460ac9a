package content

import (
	"strings"
	"testing"
)

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{"one two\tthree\nfour\r\nfive\vsix\fseven", 7},
		{"  leading and trailing  ", 3},
		{"Zürich Łódź Tromsø", 3},
		{"no\u00a0break\u2003em\u3000ideographic", 4},
		{"a\u0085b", 2},
		{"日本語のテキスト", 1},
		{"punctuation, counts; as—one", 3},
	}
	for _, tt := range tests {
		got := countWords([]byte(tt.in))
		if got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if fields := len(strings.Fields(tt.in)); got != fields {
			t.Errorf("countWords(%q) = %d, strings.Fields finds %d", tt.in, got, fields)
		}
	}
}
